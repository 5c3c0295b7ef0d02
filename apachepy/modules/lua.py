"""mod_lua: Lua hooks, handlers and filters, checked as httpd does.

Stored per directory (context.values):
  "lua:hooks": {(hook name, when): [(file, function, scope)]}, when is "early", "middle" or
      "late" (from the LuaHook* directives);
  "LuaMapHandler": [(pattern, compiled regex or None, file, function)];
  "LuaOutputFilter"/"LuaInputFilter": [(filter name, file, function)];
  "LuaPackagePath"/"LuaPackageCPath": absolute paths; "LuaInherit" ("none"|"parent-first"|
  "parent-last"); "LuaCodeCache" ("never"|"stat"|"forever"); "LuaScope" ((scope, min, max)).
Per server (server.values): "LuaRoot" (str).
The inline <LuaHook...> blocks carry Lua code that httpd compiles while reading; they are
not handled here.
"""
from __future__ import annotations

from ..config.walk import NOT_IN_DIRECTORY, NOT_IN_FILES, NOT_IN_HTACCESS, Cmd
from . import providers
from .base import handles
from .clib import atoi, regcomp

_NOT_DIR = NOT_IN_DIRECTORY | NOT_IN_FILES | NOT_IN_HTACCESS
# directive -> (hook, whether it checks context, whether a third word picks early/late)
_HOOKS = {"LuaHookPreTranslateName": ("pre_translate_name", False, False),
          "LuaHookTranslateName": ("translate_name", True, True),
          "LuaHookFixups": ("fixups", False, False), "LuaHookMapToStorage": ("map_to_storage", False, False),
          "LuaHookLog": ("log_transaction", False, False), "LuaHookCheckUserID": ("check_user_id", False, False),
          "LuaHookTypeChecker": ("type_checker", False, False),
          "LuaHookAccessChecker": ("access_checker", False, True),
          "LuaHookAuthChecker": ("auth_checker", False, True), "LuaQuickHandler": ("quick", True, False)}


@handles(*_HOOKS)
def hook(cmd: Cmd, file: str, function: str, when: str | None = None):
    name, checks, takes_when = _HOOKS[cmd.cmd.name]
    if checks:
        err = cmd.check_context(_NOT_DIR)
        if err:
            return err
    position = "middle"
    if when is not None and takes_when:
        if when.lower() not in ("early", "late"):
            return "Third argument must be 'early' or 'late'"
        position = when.lower()
    scope = cmd.context.values.get("LuaScope", ("once", 1, 1))[0]
    cmd.context.values.setdefault("lua:hooks", {}).setdefault((name, position), []).append((file, function, scope))
    return None


@handles("LuaHookInsertFilter")
def insert_filter(cmd: Cmd, file: str, function: str):
    return "LuaHookInsertFilter not yet implemented"


@handles("LuaMapHandler")
def map_handler(cmd: Cmd, pattern: str, file: str, function: str | None):
    err = cmd.check_context(_NOT_DIR)
    if err:
        return err
    regex, ok = regcomp(pattern)
    if not ok:
        return "Invalid regex pattern!"
    cmd.context.values.setdefault("LuaMapHandler", []).append((pattern, regex, file, function or "handle"))
    return None


@handles("LuaOutputFilter", "LuaInputFilter")
def lua_filter(cmd: Cmd, name: str, file: str, function: str):
    err = cmd.check_context(_NOT_DIR)
    if err:
        return err
    cmd.context.values.setdefault(cmd.cmd.name, []).append((name, file, function or "handle"))
    if cmd.cmd.name == "LuaOutputFilter":
        providers.register_output_filter(cmd, name)
    return None


@handles("LuaPackagePath", "LuaPackageCPath")
def package_path(cmd: Cmd, arg: str):
    from ..config.paths import merge_path
    root = cmd.server.values.get("LuaRoot")
    if arg.startswith("/"):
        path = merge_path("/", arg)
    else:
        import os
        base = root if root is not None else os.getcwd()
        if not base.startswith("/"):
            return f"Unable to build full path to file, {arg}"
        path = merge_path(base, arg)
    cmd.context.values.setdefault(cmd.cmd.name, []).append(path)
    return None


@handles("LuaInherit")
def inherit(cmd: Cmd, arg: str):
    if arg.lower() not in ("none", "parent-first", "parent-last"):
        return (f"LuaInherit type of '{arg}' not recognized, valid options are 'none', 'parent-first', "
                "and 'parent-last'")
    cmd.context.values["LuaInherit"] = arg.lower()
    return None


@handles("LuaCodeCache")
def code_cache(cmd: Cmd, arg: str):
    if arg.lower() not in ("never", "stat", "forever"):
        return (f"LuaCodeCache type of '{arg}' not recognized, valid options are 'never', 'stat', "
                "and 'forever'")
    cmd.context.values["LuaCodeCache"] = arg.lower()
    return None


@handles("LuaScope")
def scope(cmd: Cmd, name: str, vmin: str | None, vmax: str | None):
    if name in ("once", "request", "conn", "thread"):
        cmd.context.values["LuaScope"] = (name, 1, 1)
    elif name == "server":
        lo = atoi(vmin) & 0xFFFFFFFF if vmin is not None else 1
        hi = atoi(vmax) & 0xFFFFFFFF if vmax is not None else 1
        lo = lo or 1
        hi = max(hi, lo)
        cmd.context.values["LuaScope"] = (name, lo, hi)
    else:
        return (f"Invalid value for LuaScope, '{name}', acceptable values are: 'once', 'request', 'conn', "
                "'thread', 'server'")
    return None


@handles("LuaRoot")
def root(cmd: Cmd, arg: str):
    cmd.server.values["LuaRoot"] = arg
    return None
