"""core and http_core: sections, virtual hosts, paths, names, and their config-time checks."""
from __future__ import annotations

import os
import re
import socket

from ..config.args import getword, words
from ..config.model import DirConf, Section, Server, VhostAddr
from ..config.paths import merge_path
from ..config.walk import (GLOBAL_ONLY, NOT_IN_DIR_CONTEXT, NOT_IN_FILES, NOT_IN_HTACCESS, NOT_IN_LIMIT,
                           NOT_IN_LOCATION, Cmd)
from ..config.registry import (ACCESS_CONF, NONFATAL_ALL, NONFATAL_OVERRIDE, NONFATAL_UNKNOWN, OR_ALL,
                               OR_AUTHCFG, OR_FILEINFO, OR_INDEXES, OR_LIMIT, OR_OPTIONS)
from .base import handles


def unclosed(cmd: Cmd) -> str:
    return f"{cmd.cmd.name}> directive missing closing '>'"


def missing_arg(cmd: Cmd) -> str:
    return f"{cmd.cmd.name}> directive requires additional arguments"


def compile_regex(pattern: str, icase: bool = False) -> re.Pattern | None:
    """Compile a PCRE pattern as ap_pregcomp would, or None when PCRE would refuse it."""
    from ..expr.pcre import PcreError, compile_pcre
    try:
        return compile_pcre(pattern, re.I if icase else 0)
    except (PcreError, re.error):
        return None


def _section_arg(cmd: Cmd, arg: str) -> tuple[str | None, str | None]:
    """The text before the last '>' and an error, as every section handler begins."""
    end = arg.rfind(">")
    if end < 0:
        return None, unclosed(cmd)
    arg = arg[:end]
    if not arg:
        return None, missing_arg(cmd)
    return arg, None


def _walk_section(cmd: Cmd, path: str, override: int | None, sec: Section) -> str | None:
    old_path, old_override = cmd.path, cmd.override
    cmd.path = path
    if override is not None:
        cmd.override = override
    node = cmd.directive
    cmd.walk(node.children, sec.conf)
    cmd.directive = node
    cmd.path, cmd.override = old_path, old_override
    return None


@handles("<Directory", "<DirectoryMatch")
def dirsection(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT)
    if err:
        return err
    arg, err = _section_arg(cmd, arg)
    if err:
        return err
    kind = cmd.cmd.name
    path, pos = getword(arg)
    regex = None
    if path == "~":
        path, pos = getword(arg, pos)
        regex = compile_regex(path)
        if regex is None:
            return "Regex could not be compiled"
    elif kind == "<DirectoryMatch":
        regex = compile_regex(path)
        if regex is None:
            return "Regex could not be compiled"
    elif path != "/":
        path = merge_path("/", path) if path.startswith("/") else path
        if not path.endswith("/"):
            path += "/"
    sec = Section(kind, path, regex, cmd.directive, DirConf())
    _walk_section(cmd, path, OR_ALL | ACCESS_CONF, sec)
    cmd.server.dir_sections.append(sec)
    if pos < len(arg):
        return f"Multiple {kind}> arguments not (yet) supported."
    return None


@handles("<Location", "<LocationMatch")
def urlsection(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT)
    if err:
        return err
    arg, err = _section_arg(cmd, arg)
    if err:
        return err
    kind = cmd.cmd.name
    path, pos = getword(arg)
    regex = None
    if kind == "<LocationMatch":
        regex = compile_regex(path)
        if regex is None:
            return "Regex could not be compiled"
    elif path == "~":
        path, pos = getword(arg, pos)
        regex = compile_regex(path)
        if regex is None:
            return "Regex could not be compiled"
    sec = Section(kind, path, regex, cmd.directive, DirConf())
    _walk_section(cmd, path, OR_ALL | ACCESS_CONF, sec)
    cmd.server.url_sections.append(sec)
    if pos < len(arg):
        return f"Multiple {kind}> arguments not (yet) supported."
    return None


@handles("<Files", "<FilesMatch")
def filesection(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_LOCATION | NOT_IN_LIMIT)
    if err:
        return err
    arg, err = _section_arg(cmd, arg)
    if err:
        return err
    kind = cmd.cmd.name
    path, pos = getword(arg)
    regex = None
    if kind == "<FilesMatch":
        regex = compile_regex(path)
        if regex is None:
            return "Regex could not be compiled"
    elif path == "~":
        path, pos = getword(arg, pos)
        regex = compile_regex(path)
        if regex is None:
            return "Regex could not be compiled"
    parent = cmd.context
    sec = Section(kind, path, regex, cmd.directive, DirConf())
    _walk_section(cmd, path, None if cmd.path else OR_ALL | ACCESS_CONF, sec)
    parent.files.append(sec)
    if pos < len(arg):
        return f"Multiple {kind}> arguments not (yet) supported."
    return None


@handles("<If", "<ElseIf", "<Else")
def ifsection(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_LIMIT)
    if err:
        return err
    end = arg.rfind(">")
    if end < 0:
        return unclosed(cmd)
    arg = arg[:end]
    kind = cmd.cmd.name
    condition = None
    pos = 0
    if kind == "<Else":
        if arg:
            return "<Else> does not take an argument"
    else:
        if not arg:
            return missing_arg(cmd)
        text, pos = getword(arg)
        from ..expr import ExprError, parse
        try:
            condition = parse(text)
        except ExprError as e:
            return f"Cannot parse condition clause: {e}"
    parent = cmd.context
    sec = Section(kind, "*If", None, cmd.directive, DirConf(), condition)
    _walk_section(cmd, "*If", None if cmd.path else OR_ALL | ACCESS_CONF, sec)
    if kind != "<If" and (not parent.ifs or parent.ifs[-1].kind == "<Else"):
        # an <Else>/<ElseIf> continues the <If> chain last added to the same scope
        return "<Else> or <ElseIf> section without previous <If> or <ElseIf> section in same scope"
    parent.ifs.append(sec)
    if pos < len(arg):
        return f"Multiple {kind}> arguments not supported."
    return None


# HTTP methods httpd knows by number (ap_method_number_of); others get registered.
KNOWN_METHODS = ["GET", "PUT", "POST", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PROPFIND",
                 "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "VERSION-CONTROL", "CHECKOUT",
                 "UNCHECKOUT", "CHECKIN", "UPDATE", "LABEL", "REPORT", "MKWORKSPACE", "MKACTIVITY",
                 "BASELINE-CONTROL", "MERGE", "INVALID"]


@handles("<Limit", "<LimitExcept")
def limitsection(cmd: Cmd, arg: str):
    end = arg.rfind(">")
    if end < 0:
        return unclosed(cmd)
    arg = arg[:end]
    if not arg:
        return missing_arg(cmd)
    methods = words(arg)
    for m in methods:
        if m == "TRACE" and cmd.cmd.name == "<Limit":
            return "TRACE cannot be controlled by <Limit>, see TraceEnable"
        if m not in KNOWN_METHODS and cmd.htaccess:
            return f"Could not register method '{m}' for {cmd.cmd.name} from .htaccess configuration"
    old = cmd.limited
    cmd.limited = 1
    node = cmd.directive
    cmd.context.values.setdefault(cmd.cmd.name, []).append(methods)
    cmd.walk(node.children)
    cmd.directive = node
    cmd.limited = old
    return None


@handles("<VirtualHost")
def virtualhost(cmd: Cmd, arg: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    arg, err = _section_arg(cmd, arg)
    if err:
        return err
    main = cmd.server
    s = Server(is_virtual=True, node=cmd.directive, port=main.port)
    pos = 0
    while pos < len(arg):
        w, pos = getword(arg, pos)
        if not w:
            continue
        err = _parse_vhost_addr(w, s, cmd.reader.log)
        if err:
            return err
    if s.addrs and s.addrs[0].port:
        s.port = s.addrs[0].port
    cmd.config.vhosts.append(s)
    cmd.server = s
    node = cmd.directive
    try:
        cmd.walk(node.children, s.conf)
    finally:
        cmd.server = main
        cmd.directive = node
    return None


def _parse_vhost_addr(w: str, s: Server, log) -> str | None:
    wild_port = False
    text = w
    if w.endswith("*"):
        if len(w) < 2:
            wild_port = True
        elif w[-2] == ":":
            w = w[:-2]
            wild_port = True
    host, port, ok = parse_addr_port(w)
    if not ok:
        return "The address or port is invalid"
    if host is None:
        return "Missing address for VirtualHost"
    if port is None and not wild_port:
        port = s.port or None
    port = None if wild_port or not port else port
    if host == "*" or host.lower() == "_default_":
        s.addrs.append(VhostAddr("*", port, text))
        return None
    # every address the name resolves to becomes one address of the vhost (apr_sockaddr_info_get)
    try:
        infos = socket.getaddrinfo(host, None, socket.AF_UNSPEC, socket.SOCK_STREAM)
    except socket.gaierror as e:
        log.log("core", "error", f"(EAI {abs(e.errno)}){e.strerror}: AH00547: Could not resolve host name {host} "
                "-- ignoring!")
        return None
    seen = []
    for fam, _t, _p, _c, sa in infos:
        if sa[0] not in seen:
            seen.append(sa[0])
            s.addrs.append(VhostAddr(sa[0], port, text))
    return None


def parse_addr_port(text: str) -> tuple[str | None, int | None, bool]:
    """apr_parse_addr_port: (host, port, ok).  Port 0 or > 65535 is invalid."""
    if not text:
        return None, None, False
    if text.isdigit():
        p = int(text)
        return None, p, 0 < p <= 65535
    host, port = text, None
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            return None, None, False
        host = text[1:end]
        rest = text[end + 1:]
        if rest:
            if not rest.startswith(":") or not rest[1:].isdigit():
                return None, None, False
            port = int(rest[1:])
        if "%" in host:
            host = host.split("%", 1)[0]
        if ":" not in host:
            return None, None, False
    else:
        i = text.rfind(":")
        if i >= 0 and ":" not in text[:i]:
            if not text[i + 1:].isdigit():
                return None, None, False
            host, port = text[:i], int(text[i + 1:])
            if not host:
                return None, None, False
    if port is not None and not (0 < port <= 65535):
        return None, None, False
    return host, port, True


@handles("ServerName")
def server_name(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT)
    if err:
        return err
    if "://" in arg:
        scheme, _, arg = arg.partition("://")
        cmd.server.values["ServerName:scheme"] = scheme
    host, port = arg, None
    if not arg.startswith("["):
        if ":" in arg:
            host, _, p = arg.rpartition(":")
            if not p.isdigit() or not (0 < int(p) <= 65535):
                return f"The port number \"{p}\" is outside the appropriate range (i.e., 1..65535)."
            port = int(p)
    elif "]:" in arg:
        host, _, p = arg.rpartition(":")
        port = int(p) if p.isdigit() else None
    cmd.server.server_name = host
    if port:
        cmd.server.port = port
    return None


@handles("ServerAlias")
def server_alias(cmd: Cmd, arg: str):
    if not cmd.server.is_virtual:
        return "ServerAlias only used in <VirtualHost>"
    for w in words(arg):
        if not w:
            continue
        if any(c in w for c in "*?"):
            cmd.server.wild_aliases.append(w)
        else:
            cmd.server.aliases.append(w)
    return None


@handles("NameVirtualHost")
def name_virtual_host(cmd: Cmd, arg: str):
    if not cmd.config.values.get("_nvh_warned"):
        cmd.config.values["_nvh_warned"] = True
        cmd.reader.log.plain("AH00548: NameVirtualHost has no effect and will be removed in the next release "
                             f"{cmd.directive.file}:{cmd.directive.line}")
    return None


@handles("DocumentRoot")
def document_root(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT)
    if err:
        return err
    if not cmd.config.values.get("document_root_check", True):
        cmd.server.values["DocumentRoot"] = arg
        return None
    path = cmd.reader.server_root_relative(arg)
    if not os.path.isdir(path):
        if cmd.server.is_virtual:
            cmd.reader.log.plain(f"AH00112: Warning: DocumentRoot [{path}] does not exist")
        else:
            return f"DocumentRoot '{path}' is not a directory, or is not readable"
    cmd.server.values["DocumentRoot"] = merge_path("/", path) if path != "/" else path
    return None


@handles("AllowOverride")
def allow_override(cmd: Cmd, arg: str):
    """Typed value: context.values["AllowOverride"] = (override bits, Options= list, or None
    when no Options word was given: then, as in httpd, even "All" leaves the allowed options
    (the default includes MultiViews) alone)."""
    if cmd.check_context(NOT_IN_LOCATION | NOT_IN_FILES):
        node = cmd.directive
        cmd.reader.log.log("core", "warn", f"AH00114: Useless use of AllowOverride in line {node.line} of {node.file}.")
    err = cmd.check_context(NOT_IN_HTACCESS)
    if err:
        return err
    bits, opts = 0, None
    for w in words(arg):
        k, eq, v = w.partition("=")
        lw = w.lower()
        if lw == "limit":
            bits |= OR_LIMIT
        elif k.lower() == "options":
            bits |= OR_OPTIONS
            opts = v.split(",") if eq else ["All"]     # a bare Options allows them all
        elif lw == "fileinfo":
            bits |= OR_FILEINFO
        elif lw == "authconfig":
            bits |= OR_AUTHCFG
        elif lw == "indexes":
            bits |= OR_INDEXES
        elif k.lower() == "nonfatal":
            if not eq:
                return f"=Override, =Unknown or =All expected after {w}"
            bits |= {"override": NONFATAL_OVERRIDE, "unknown": NONFATAL_UNKNOWN,
                     "all": NONFATAL_ALL}.get(v.lower(), 0)
        elif lw == "none":
            bits = 0
        elif lw == "all":
            bits = OR_ALL
        else:
            return f"Illegal override option {w}"
    cmd.context.values["AllowOverride"] = (bits, opts)
    return None


@handles("Error")
def generate_error(cmd: Cmd, arg: str):
    if not arg:
        return "The Error directive was used with no message."
    if arg[0] in "\"'" and len(arg) > 1 and arg[-1] == arg[0]:
        arg = arg[1:-1]
    return arg


@handles("ErrorLog")
def error_log(cmd: Cmd, arg: str):
    cmd.server.values["ErrorLog"] = arg
    return None


@handles("ServerTokens")
def server_tokens(cmd: Cmd, arg: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    a = arg.lower()
    table = {"os": "OS", "min": "Minimal", "minimal": "Minimal", "major": "Major", "minor": "Minor",
             "prod": "Prod", "productonly": "Prod", "full": "Full"}
    if a not in table:
        return "ServerTokens takes 1 argument: 'Prod(uctOnly)', 'Major', 'Minor', 'Min(imal)', 'OS', or 'Full'"
    cmd.config.values["ServerTokens"] = table[a]
    return None


from .base import serves  # noqa: E402

serves("<Directory", "<DirectoryMatch", "<Location", "<LocationMatch", "<Files", "<FilesMatch", "<If", "<ElseIf",
       "<Else", "<Limit", "<LimitExcept", "<VirtualHost", "ServerName", "ServerAlias", "NameVirtualHost", "Error",
       "DocumentRoot")
