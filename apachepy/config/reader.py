"""The read phase (httpd's ap_build_config): logical lines to a directive tree.

Directives flagged EXEC_ON_READ run the moment they are read, in document order, and splice
their result into the tree: Include/IncludeOptional, Define/UnDefine, ServerRoot,
DefaultRuntimeDir, LoadModule/LoadFile, the conditional sections (<IfModule>, <IfDefine>,
<IfFile>, <IfDirective>, <IfSection>, <IfVersion>) and mod_macro's <Macro>/Use/UndefMacro.
Errors here are read-phase errors: `Syntax error on line N of FILE: msg`, chained per Include.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from typing import Callable

from ..errors import ReadError
from ..log import StartupLog
from ..modules.catalog import by_name
from .args import getword, resolve_env
from .invoke import ArgError, split_args
from .nodes import Node
from .paths import fnmatch_test, fnmatch_period, make_full_path, merge_path
from .registry import EXEC_ON_READ, OR_ALL, OR_AUTHCFG, OR_LIMIT, RSRC_CONF, Directive, How, Module
from .source import MAX_LINE, MAX_LINE_HTACCESS, LineSource, LineTooLong, NotRegular

_WS_SPLIT = re.compile(r"[ \t\n\r\f\v]+")   # C isspace(), not str.split()'s Unicode spaces
MAX_INCLUDE_DEPTH = 128         # AP_MAX_INCLUDE_DEPTH
MAX_FNMATCH_DIR_DEPTH = 128     # AP_MAX_FNMATCH_DIR_DEPTH
DEFAULT_OVERRIDE = (RSRC_CONF | OR_ALL) & ~(OR_AUTHCFG | OR_LIMIT)

# Modules compiled into Debian's apache2, in `apache2 -l` order; they are always loaded.
STATIC_MODULES = ["core_module", "so_module", "watchdog_module", "http_module",
                  "log_config_module", "logio_module", "version_module", "unixd_module"]


class Fail(Exception):
    """A handler's error string (httpd handlers return `const char *`)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Parms:
    """What httpd's cmd_parms holds while one file (or -C/-c list) is being read."""

    def __init__(self, src: LineSource, override: int = DEFAULT_OVERRIDE, htaccess: bool = False):
        self.src = src
        self.err: Node | None = None     # parms->err_directive
        self.override = override
        self.htaccess = htaccess


class Reader:
    """State of one configuration load: defines, loaded modules, macros, include depth."""

    def __init__(self, argv0: str, server_root: str, defines: list[str], log: StartupLog,
                 dump_includes: bool = False, out=None):
        self.argv0 = argv0
        self.server_root = server_root
        self.runtime_dir: str | None = None
        self.defines: list[str] = list(defines)
        self.define_vars: dict[str, str] = {}
        self.log = log
        self.dump_includes = dump_includes
        self.out = out
        self.modules: list[Module] = []
        self.dynamic: list[str] = []          # names given to LoadModule, for AH01574
        self.cmds: dict[str, list[Directive]] = {}
        self.include_depth = 0
        self.include_lineno = 0
        self.macros: dict = {}
        self.macro_flags: set[str] = set()
        self.macro_stack: list[str] = []
        for name in STATIC_MODULES:
            self.add_module(by_name(name))
        # apachepy's own directives (ProtocolEngine): always there, listed by no module
        from ..modules.catalog._apachepy import MODULE as own
        for d in own.directives:
            self.cmds.setdefault(d.name.lower(), []).append(d)

    # -- modules -------------------------------------------------------------------------
    def add_module(self, mod: Module) -> None:
        self.modules.append(mod)
        for d in mod.directives:
            self.cmds.setdefault(d.name.lower(), []).append(d)

    def find_module(self, name: str) -> Module | None:
        """<IfModule> matching: the source file name or the symbol name, case-sensitively."""
        for m in self.modules:
            if m.source == name or m.name == name:
                return m
        return None

    def has_directive(self, name: str) -> bool:
        return name.lower() in self.cmds

    def server_root_relative(self, path: str) -> str:
        return merge_path(self.server_root, path)

    def warn_undefined(self, name: str) -> None:
        self.log.log("core", "warn", f"AH00111: Config variable ${{{name}}} is not defined")

    # -- reading files -------------------------------------------------------------------
    def process_resource_config(self, fname: str, htaccess: bool = False) -> list[Node]:
        """Read one file into nodes (ap_process_resource_config); ReadError on failure."""
        try:
            src = LineSource.open(fname, MAX_LINE_HTACCESS if htaccess else MAX_LINE, cache=not htaccess)
        except NotRegular:
            raise ReadError(f"AH00554: Access to file {fname} denied by server: not a regular file")
        except OSError as e:
            raise ReadError(f"Could not open configuration file {fname}: {os.strerror(e.errno or errno.EIO)}")
        if self.dump_includes and self.out is not None:
            indent = "  " * (self.include_depth + 1)
            tag = f"({self.include_lineno})" if self.include_lineno > 0 else "(*)"
            self.out.write(f"{indent}{tag} {fname}\n")
        return self.read_source(src)

    def read_source(self, src: LineSource, override: int = DEFAULT_OVERRIDE, htaccess: bool = False,
                    wrap: Callable[[str, Node | None], str] | None = None) -> list[Node]:
        parms = Parms(src, override, htaccess)
        try:
            return self.build_config(parms)
        except Fail as e:
            msg = e.message
        except LineTooLong as e:
            msg = str(e)
        if wrap is not None:
            raise ReadError(wrap(msg, parms.err))
        if parms.err is not None:
            raise ReadError(f"Syntax error on line {parms.err.line} of {parms.err.file}: {msg}")
        raise ReadError(msg)

    def build_config(self, parms: Parms) -> list[Node]:
        top: list[Node] = []
        stack: list[Node] = []
        while (line := parms.src.next()) is not None:
            self.build_sub(parms, line, top, stack)
        if stack:
            parms.err = stack[0]
            raise Fail("\n".join(f"{n.file}:{n.line}: {n.name}> was not closed." for n in reversed(stack)))
        return top

    def build_cont_config(self, parms: Parms, directive: str) -> list[Node]:
        """The body of a true conditional section, up to its exact closing line."""
        top: list[Node] = []
        stack: list[Node] = []
        bracket = directive[1:].lower() + ">"
        while (line := parms.src.next()) is not None:
            if line.startswith("</") and line[2:].lower() == bracket and not stack:
                break
            self.build_sub(parms, line, top, stack)
        return top

    def soak_end_container(self, parms: Parms, directive: str) -> None:
        """Skip a false conditional section: only section nesting is checked."""
        while (line := parms.src.next()) is not None:
            name, pos = getword(line)
            if not name.startswith("<"):
                continue
            if name[1:2] == "/":
                name = name[:-1]
                if name[2:].lower() != directive[1:].lower():
                    raise Fail(f"Expected </{directive[1:]}> but saw {name}>")
                return
            if pos >= len(line) and name.endswith(">"):
                name = name[:-1]
            self.soak_end_container(parms, name)
        raise Fail(f"Expected </{directive[1:]}> before end of configuration")

    def build_sub(self, parms: Parms, line: str, top: list[Node], stack: list[Node]) -> None:
        if line[0] == "#":
            return
        args = resolve_env(line, self.define_vars, self.warn_undefined) if "${" in line else line
        parts = _WS_SPLIT.split(args, 1)
        if parts[0] and parts[0][0] not in "\"'" and "\\\\" not in parts[0]:
            # the common case, a plain first word: what ap_getword_conf would return
            name, rest = parts[0], (parts[1] if len(parts) > 1 else "")
        else:
            name, pos = getword(args)
            rest = args[pos:]
        if not name:
            return
        if name[1:2] != "/":
            if name.endswith(">"):
                name = name[:-1]
            if name[:1] == "<" and not rest:
                rest = ">"
        node = Node(name, rest, parms.src.name, parms.src.line)
        parent = stack[-1] if stack else None
        container = parent.children if parent is not None else top
        cmds = self.cmds.get(name.lower())
        if cmds:
            node.name = cmds[0].name
            if cmds[0].override & EXEC_ON_READ:
                parms.err = node
                for sub in self.execute_now(parms, node, cmds, parent):
                    sub.parent = parent
                    container.append(sub)
                return
        if name[:1] == "<":
            if name[1:2] != "/":
                node.children = []
                node.parent = parent
                container.append(node)
                stack.append(node)
            elif parent is None:
                parms.err = node
                raise Fail(f"{name} without matching <{name[2:]} section")
            else:
                if not name.endswith(">"):
                    parms.err = node
                    raise Fail(f"{name}> directive missing closing '>'")
                if name[2:-1].lower() != parent.name[1:].lower():
                    parms.err = node
                    raise Fail(f"Expected </{parent.name[1:]}> but saw {name}")
                stack.pop()
        else:
            node.parent = parent
            container.append(node)

    def execute_now(self, parms: Parms, node: Node, cmds: list[Directive], parent: Node | None) -> list[Node]:
        out: list[Node] = []
        for d in cmds:
            if parms.override & d.override == 0:
                raise Fail(f"{d.name} not allowed here")
            try:
                argv = split_args(d, node.args)
            except ArgError as e:
                raise Fail(str(e))
            handler = EXEC_HANDLERS.get(d.name, _ignore)
            if d.how in (How.ITERATE,):
                for a in argv:
                    handler(self, parms, node, parent, a)
                continue
            res = handler(self, parms, node, parent, *argv)
            if res:
                out.extend(res)
        return out

    def check_not_htaccess(self, parms: Parms, d: str) -> None:
        if parms.htaccess:
            raise Fail(f"{d} cannot occur within htaccess files")


# -- EXEC_ON_READ handlers ---------------------------------------------------------------
# Each takes (reader, parms, node, parent, *args) and returns nodes to splice, or None.

def _include(optional: bool):
    def handler(r: Reader, parms: Parms, node: Node, parent, name: str):
        if r.include_depth + 1 > MAX_INCLUDE_DEPTH:
            raise Fail(f"Exceeded maximum include depth of {MAX_INCLUDE_DEPTH}, "
                       "There appears to be a recursion.")
        conffile = r.server_root_relative(name)
        r.include_depth += 1
        # httpd keeps one global "line of the last Include" for DUMP_INCLUDES and never
        # restores it, so files after a nested Include show that nested line number
        r.include_lineno = parms.src.line
        try:
            return _process_fnmatch_configs(r, conffile, optional)
        except ReadError as e:
            raise Fail(e.message)
        finally:
            r.include_depth -= 1
    return handler


def _process_fnmatch_configs(r: Reader, fname: str, optional: bool) -> list[Node]:
    nodes: list[Node] = []
    state = {"depth": 0}
    prefix = "Include/IncludeOptional: "

    def cb(path: str) -> None:
        nodes.extend(r.process_resource_config(path))

    def nofnmatch(path: str) -> None:
        if os.path.isdir(path):
            state["depth"] += 1
            if state["depth"] > MAX_FNMATCH_DIR_DEPTH:
                raise Fail(f"{prefix}Directory '{path}' exceeds the maximum include directory nesting "
                           f"level of {MAX_FNMATCH_DIR_DEPTH}. You have probably a recursion somewhere.")
            try:
                entries = os.listdir(path)
            except OSError as e:
                raise Fail(f"{prefix}Could not open directory {path}: {os.strerror(e.errno)}")
            for full in sorted(make_full_path(path, e) for e in entries):
                nofnmatch(full)
            state["depth"] -= 1
            return
        if optional and not os.path.lexists(path):
            return
        cb(path)

    def fnmatch(path: str, rest: str) -> None:
        part, sep, rest2 = rest.partition("/")
        if not fnmatch_test(part):
            full = make_full_path(path, part) if path else part
            if not sep:
                return nofnmatch(full)
            return fnmatch(full, rest2)
        try:
            with os.scandir(path) as it:
                found = [(e.name, e.is_dir()) for e in it]
        except OSError as e:
            if e.errno == errno.ENOENT and optional:
                return
            raise Fail(f"{prefix}Could not open directory {path}: {os.strerror(e.errno)}")
        cands = sorted(make_full_path(path, n) for n, is_dir in found
                       if fnmatch_period(part, n) and (not sep or is_dir))
        if not cands:
            if not optional:
                raise Fail(f"{prefix}No matches for the wildcard '{part}' in '{path}', failing")
            return
        for c in cands:
            if not sep:
                nofnmatch(c)
            else:
                fnmatch(c, rest2)

    if not fnmatch_test(fname):
        nofnmatch(fname)
    else:
        if not fname.startswith("/"):
            raise Fail(f"Include must have an absolute path, {fname}")
        fnmatch("/", fname[1:])
    return nodes


def _define(r: Reader, parms: Parms, node, parent, name: str, value: str | None):
    r.check_not_htaccess(parms, "Define")
    if ":" in name:
        raise Fail("Variable name must not contain ':'")
    if name not in r.defines:
        r.defines.append(name)
    if value:
        r.define_vars[name] = value


def _undefine(r: Reader, parms: Parms, node, parent, name: str):
    r.check_not_htaccess(parms, "UnDefine")
    if ":" in name:
        raise Fail("Variable name must not contain ':'")
    if name in r.defines:
        # httpd moves the last define into the removed slot
        i = r.defines.index(name)
        last = r.defines.pop()
        if i < len(r.defines):
            r.defines[i] = last
    r.define_vars.pop(name, None)


def _server_root(r: Reader, parms: Parms, node, parent, arg: str):
    path = merge_path(os.getcwd(), arg)
    if not os.path.isdir(path):
        raise Fail("ServerRoot must be a valid directory")
    r.server_root = path


def _runtime_dir(r: Reader, parms: Parms, node, parent, arg: str):
    path = r.server_root_relative(arg)
    if not os.path.isdir(path):
        raise Fail("DefaultRuntimeDir must be a valid directory, absolute or relative to ServerRoot")
    r.runtime_dir = path


def _cond_section(test: Callable[[Reader, str], bool]):
    """start_cond_section: `[!]word` before the last '>'; true branch read, false soaked."""
    def handler(r: Reader, parms: Parms, node: Node, parent, arg: str):
        end = arg.rfind(">")
        if end < 0:
            raise Fail(f"{node.name}> directive missing closing '>'")
        arg = arg[:end]
        neg = arg.startswith("!")
        if neg:
            arg = arg[1:]
        word, _ = getword(arg)
        if not word:
            raise Fail(f"{node.name}> directive requires additional arguments")
        if test(r, word) != neg:
            return r.build_cont_config(parms, node.name)
        r.soak_end_container(parms, node.name)
        return None
    return handler


def _test_iffile(r: Reader, arg: str) -> bool:
    try:
        os.stat(r.server_root_relative(arg))
        return True
    except (OSError, ValueError):
        return False


def _load_module(r: Reader, parms: Parms, node, parent, modname: str, filename: str):
    if modname in r.dynamic:
        r.log.log("so", "warn", f"AH01574: module {modname} is already loaded, skipping")
        return None
    for m in r.modules:
        if m.debian == "static" and m.source.startswith("mod_") and modname == m.source[4:-2] + "_module":
            raise Fail(f"module {modname} is built-in and can't be loaded")
    r.dynamic.append(modname)
    fullname = r.server_root_relative(filename)
    mod = by_name(modname)
    if mod is None or mod.debian == "static":
        # Not a module of stock httpd: we cannot load foreign C code.  Say what dlopen says
        # when the file is missing, and otherwise that we have no such module.
        if not os.path.exists(fullname):
            raise Fail(f"Cannot load {filename} into server: {fullname}: "
                       "cannot open shared object file: No such file or directory")
        raise Fail(f"Cannot load {filename} into server: apachepy has no module named {modname} "
                   "(only the modules of stock httpd 2.4 can be loaded)")
    if mod not in r.modules:
        r.add_module(mod)
    return None


def _load_file(r: Reader, parms: Parms, node, parent, filename: str):
    fullname = r.server_root_relative(filename)
    if not os.path.exists(fullname) and "/" in filename:
        raise Fail(f"Cannot load {filename} into server: {fullname}: "
                   "cannot open shared object file: No such file or directory")
    return None


def _ifversion(r: Reader, parms: Parms, node: Node, parent, a1: str, a2: str | None, a3: str | None):
    from .ifversion import test_ifversion
    if test_ifversion(a1, a2, a3):
        return r.build_cont_config(parms, node.name)
    r.soak_end_container(parms, node.name)
    return None


def _macro(name: str):
    def handler(r: Reader, parms: Parms, node: Node, parent, *args):
        from . import macro
        return getattr(macro, name)(r, parms, node, *args)
    return handler


def _ignore(r: Reader, parms: Parms, node, parent, *args):
    """An EXEC_ON_READ directive whose only effect is on messages apachepy does not print."""
    return None


def _macro_flag(name: str):
    def handler(r: Reader, parms: Parms, node, parent, *args):
        r.macro_flags.add(name)   # mod_macro: silence a class of warnings globally
        return None
    return handler


EXEC_HANDLERS: dict[str, Callable] = {
    "Include": _include(False),
    "IncludeOptional": _include(True),
    "Define": _define,
    "UnDefine": _undefine,
    "ServerRoot": _server_root,
    "DefaultRuntimeDir": _runtime_dir,
    "<IfModule": _cond_section(lambda r, w: r.find_module(w) is not None),
    "<IfDefine": _cond_section(lambda r, w: w in r.defines),
    "<IfFile": _cond_section(_test_iffile),
    "<IfDirective": _cond_section(lambda r, w: r.has_directive(w)),
    "<IfSection": _cond_section(lambda r, w: r.has_directive("<" + w)),
    "LoadModule": _load_module,
    "LoadFile": _load_file,
    "<IfVersion": _ifversion,
    "<Macro": _macro("define_macro"),
    "Use": _macro("use_macro"),
    "UndefMacro": _macro("undef_macro"),
    "MacroIgnoreEmptyArgs": _macro_flag("empty"),
    "MacroIgnoreBadNesting": _macro_flag("nesting"),
}
