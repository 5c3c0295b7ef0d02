"""LogLevel: a level for everything and per-module levels, validated as httpd does.

Typed value, in the server (or the section's DirConf): values["LogLevel"] = (level, {module: level})
with levels as apachepy.log.LEVELS names.  The level is None where only module levels were set
in a virtual host or a section (httpd's APLOG_UNSET: the enclosing level applies); the main
server starts at warn.
"""
from __future__ import annotations

from ..config.walk import Cmd
from ..log import LEVELS
from .base import handles

BAD_LEVEL = "Log level keyword must be one of emerg/alert/crit/error/warn/notice/info/debug/trace1/.../trace8"


@handles("LogLevel")
def log_level(cmd: Cmd, arg: str):
    target = cmd.context.values if cmd.path else cmd.server.values
    unset = None if cmd.path or cmd.server.is_virtual else "warn"
    level, per_module = target.get("LogLevel", (unset, {}))
    per_module = dict(per_module)
    mod, sep, lvl = arg.rpartition(":")
    if not sep:
        if arg.lower() not in LEVELS:
            return BAD_LEVEL
        target["LogLevel"] = (arg.lower(), {})
        return None
    if not lvl:
        return f"Module specifier '{mod}' must be followed by a log level keyword"
    if lvl.lower() not in LEVELS:
        return f"{mod}:{lvl}: {BAD_LEVEL}"
    found = cmd.reader.find_module(mod) or cmd.reader.find_module(f"{mod}_module")
    if found is None:
        return f"Cannot find module {mod}"
    per_module[found.name] = lvl.lower()
    target["LogLevel"] = (level, per_module)
    return None




from .base import serves  # noqa: E402

serves("LogLevel")
