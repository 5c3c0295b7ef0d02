"""mod_rewrite's configuration: RewriteEngine/Options/Base/Cond/Rule/Map parsed, checked and
compiled when the configuration is read, with mod_rewrite's messages (cmd_rewrite*).

Each context keeps one `DirRec` (the per-directory config: engine, options, base, rules) and,
at server level, one `SrvRec` (the per-server config: engine, options, maps, rules).  The
request hooks are registered here; the engine itself is apachepy/http/rewrite.py, imported
when a request first needs it."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field as dc_field

from ..config.walk import Cmd
from .base import handles

_SPACE = " \t\n\r\f\v"

# RewriteCond flags
COND_NOCASE, COND_NOTMATCH, COND_ORNEXT, COND_NOVARY = 1, 2, 4, 8

# RewriteRule flags (RULEFLAG_*)
(R_FORCEREDIRECT, R_LASTRULE, R_NEWROUND, R_CHAIN, R_IGNOREONSUBREQ, R_NOTMATCH, R_PROXY, R_PASSTHROUGH,
 R_QSAPPEND, R_NOCASE, R_NOESCAPE, R_NOSUB, R_STATUS, R_ESCAPEBACKREF, R_DISCARDPATHINFO, R_QSDISCARD, R_END,
 R_ESCAPENOPLUS, R_QSLAST, R_QSNONE, R_ESCAPECTLS, R_UNSAFE_PREFIX_STAT, R_UNSAFE_ALLOW3F,
 R_UNC) = (1 << i for i in range(1, 25))

# RewriteOptions (OPTION_*)
OPTIONS = {"inherit": 1 << 1, "inheritbefore": 1 << 2, "allownoslash": 1 << 3, "allowanyuri": 1 << 4,
           "mergebase": 1 << 5, "inheritdown": 1 << 6, "inheritdownbefore": 1 << 7, "ignoreinherit": 1 << 8,
           "ignorecontextinfo": 1 << 9, "legacyprefixdocroot": 1 << 10, "unsafeprefixstat": 1 << 12}
O = OPTIONS

# RewriteCond pattern types
(P_REGEX, P_FILE_EXISTS, P_FILE_SIZE, P_FILE_LINK, P_FILE_DIR, P_FILE_XBIT, P_LU_URL, P_LU_FILE, P_STR_LT,
 P_STR_LE, P_STR_EQ, P_STR_GT, P_STR_GE, P_INT_LT, P_INT_LE, P_INT_EQ, P_INT_GT, P_INT_GE, P_EXPR) = range(19)

MAX_ROUNDS = 32000          # REWRITE_MAX_ROUNDS, the default limit of [N]


@dataclass(eq=False)
class Cond:
    input: str
    pattern: str             # the pattern as given (with '!' and the operator), for the trace log
    arg: str                 # what is compared against (operator stripped)
    ptype: int
    flags: int
    regex: object = None
    expr: object = None
    where: tuple = ("", 0)     # file and line, for ap_expr's trace line


@dataclass(eq=False)
class Rule:
    pattern: str
    regex: object
    output: str
    flags: int = 0
    conds: list = dc_field(default_factory=list)
    mimetype: str | None = None
    handler: str | None = None
    status: int = 302
    env: list = dc_field(default_factory=list)
    cookies: list = dc_field(default_factory=list)
    skip: int = 0
    maxrounds: int = MAX_ROUNDS
    escapes: str | None = None
    noescapes: str | None = None


@dataclass(eq=False)
class DirRec:
    """rewrite_perdir_conf."""
    directory: str | None = None
    state: bool = False
    state_set: bool = False
    options: int = 0
    options_set: bool = False
    baseurl: str | None = None
    baseurl_set: bool = False
    rules: list = dc_field(default_factory=list)
    pending: list = dc_field(default_factory=list)     # RewriteConds waiting for their rule


@dataclass(eq=False)
class SrvRec:
    """rewrite_server_conf."""
    state: bool = False
    state_set: bool = False
    options: int = 0
    options_set: bool = False
    maps: dict = dc_field(default_factory=dict)
    rules: list = dc_field(default_factory=list)
    pending: list = dc_field(default_factory=list)


@dataclass(eq=False)
class Map:
    kind: str               # txt, rnd, dbm, dbd, fastdbd, prg, int
    datafile: str | None = None
    func: str | None = None
    argv: list | None = None


DIR_KEY = "rewrite:dir"
SRV_KEY = "rewrite:srv"


def _dir(cmd: Cmd) -> DirRec:
    rec = cmd.context.values.get(DIR_KEY)
    if rec is None:
        path = cmd.path
        rec = DirRec(None if path is None else (path if path.endswith("/") else path + "/"))
        cmd.context.values[DIR_KEY] = rec
    return rec


def _srv(cmd: Cmd) -> SrvRec:
    rec = cmd.context.values.get(SRV_KEY)
    if rec is None:
        rec = cmd.context.values[SRV_KEY] = SrvRec()
    return rec


def parse_arg_line(text: str) -> tuple[str, str, str | None] | None:
    """mod_rewrite's own splitter (parseargline): up to three words, quotes and `\\ ` kept raw;
    None on error."""
    args: list[str] = []
    i, n = 0, len(text)
    for k in range(3):
        while i < n and text[i] in _SPACE:
            i += 1
        if k == 2 and i >= n:
            break
        quote = text[i] if i < n and text[i] in "\"'" else ""
        if quote:
            i += 1
        start = i
        while i < n:
            c = text[i]
            if (c in _SPACE and not quote) or (quote and c == quote):
                break
            if c == "\\" and i + 1 < n and text[i + 1] in _SPACE:
                i += 2
                continue
            i += 1
        args.append(text[start:i])
        if i >= n:
            if k == 0:
                return None
            break
        i += 1
    while len(args) < 3:
        args.append(None)
    return args[0], args[1], args[2]


def parse_flags(field: str, setflag) -> str | None:
    """cmd_parseflagfield: `[key[=val],...]`, each item handed to setflag(key, val)."""
    if not (len(field) >= 1 and field[0] == "[" and field[-1] == "]"):
        return "bad flag delimiters"
    body = field[1:-1] + ","
    i = 0
    while i < len(body):
        while i < len(body) and body[i] in _SPACE:
            i += 1
        if i >= len(body):
            break
        nxt = body.index(",", i)
        item = body[i:nxt].rstrip(_SPACE)
        key, eq, val = item.partition("=")
        err = setflag(key, val if eq else "")
        if err:
            return err
        i = nxt + 1
    return None


def _cond_setflag(cond: Cond):
    def setflag(key: str, val: str):
        k = key.lower()
        if k in ("nocase", "nc"):
            cond.flags |= COND_NOCASE
        elif k in ("ornext", "or"):
            cond.flags |= COND_ORNEXT
        elif k in ("novary", "nv"):
            cond.flags |= COND_NOVARY
        else:
            return f"unknown flag '{key}'"
        return None
    return setflag


def _redirect_status(val: str) -> int | str:
    v = val.lower()
    if v == "permanent":
        return 301
    if v == "temp":
        return 302
    if v == "seeother":
        return 303
    if val[:1].isdigit():
        from ..http.status import REASONS
        m = re.match(r"\d+", val)
        status = int(m.group(0)) if m else 0
        if status != 500 and status not in REASONS:      # ap_index_of_response gives 500's slot
            return f"invalid HTTP response code '{val}' for flag 'R'"
        return status
    return 0


def _rule_setflag(rule: Rule):
    def setflag(key: str, val: str):
        first, rest = key[:1].lower(), key[1:].lower()
        err = False
        if first == "b":
            if rest in ("", "ackrefescaping"):
                rule.flags |= R_ESCAPEBACKREF
                if val:
                    rule.escapes = val
            elif rest == "ne":
                if not val:
                    return "flag 'BNE' wants a list of characters (i.e. [BNE=...])"
                rule.noescapes = val
            elif rest in ("np", "ackrefernoplus"):
                rule.flags |= R_ESCAPENOPLUS
            elif rest == "ctls":
                rule.flags |= R_ESCAPECTLS | R_ESCAPEBACKREF
            else:
                err = True
        elif first == "c":
            if rest in ("", "hain"):
                rule.flags |= R_CHAIN
            elif rest in ("o", "ookie"):
                rule.cookies.append(val)
            else:
                err = True
        elif first == "d":
            if rest in ("", "pi", "iscardpath"):     # (httpd ignores other D... flags silently)
                rule.flags |= R_DISCARDPATHINFO
        elif first == "e":
            if rest in ("", "nv"):
                rule.env.append(val)
            elif rest == "nd":
                rule.flags |= R_END
            else:
                err = True
        elif first == "f":
            if rest in ("", "orbidden"):
                rule.flags |= R_STATUS | R_NOSUB
                rule.status = 403
            else:
                err = True
        elif first == "g":
            if rest in ("", "one"):
                rule.flags |= R_STATUS | R_NOSUB
                rule.status = 410
            else:
                err = True
        elif first == "h":
            if rest in ("", "andler"):
                rule.handler = val
            else:
                err = True
        elif first == "l":
            if rest in ("", "ast"):
                rule.flags |= R_LASTRULE
            else:
                err = True
        elif first == "n":
            if rest in ("e", "oescape"):
                rule.flags |= R_NOESCAPE
            elif rest in ("", "ext"):
                rule.flags |= R_NEWROUND
                if val:
                    m = re.match(r"\s*([+-]?\d+)", val)
                    rule.maxrounds = int(m.group(1)) if m else 0
            elif rest in ("s", "osubreq"):
                rule.flags |= R_IGNOREONSUBREQ
            elif rest in ("c", "ocase"):
                rule.flags |= R_NOCASE
            else:
                err = True
        elif first == "p":
            if rest in ("", "roxy"):
                rule.flags |= R_PROXY
            elif rest in ("t", "assthrough"):
                rule.flags |= R_PASSTHROUGH
            else:
                err = True
        elif first == "q":
            if rest in ("sa", "sappend"):
                rule.flags |= R_QSAPPEND
            elif rest in ("sd", "sdiscard"):
                rule.flags |= R_QSDISCARD
            elif rest in ("sl", "slast"):
                rule.flags |= R_QSLAST
            else:
                err = True
        elif first == "r":
            if rest in ("", "edirect"):
                rule.flags |= R_FORCEREDIRECT
                if val:
                    status = _redirect_status(val)
                    if isinstance(status, str):
                        return status
                    if val[:1].isdigit() and not 300 <= status <= 399:
                        rule.flags |= R_STATUS | R_NOSUB
                    rule.status = status
            else:
                err = True
        elif first == "s":
            if rest in ("", "kip"):
                m = re.match(r"\s*([+-]?\d+)", val)
                rule.skip = int(m.group(1)) if m else 0
            else:
                err = True
        elif first == "t":
            if rest in ("", "ype"):
                rule.mimetype = val
            else:
                err = True
        elif first == "u":
            if rest == "nsafeprefixstat":
                rule.flags |= R_UNSAFE_PREFIX_STAT
            elif rest == "nsafeallow3f":
                rule.flags |= R_UNSAFE_ALLOW3F
            elif rest == "nc":
                rule.flags |= R_UNC
            else:
                err = True
        else:
            err = True
        return f"unknown flag '{key}'" if err else None
    return setflag


@handles("RewriteRule")
def rewrite_rule(cmd: Cmd, text: str):
    from ..expr.pcre import PcreError, compile_pcre
    parsed = parse_arg_line(text)
    if parsed is None:
        return f"RewriteRule: bad argument line '{text}'"
    pattern, output, flags = parsed
    rule = Rule(pattern, None, output)
    if flags is not None:
        err = parse_flags(flags, _rule_setflag(rule))
        if err:
            return f"RewriteRule: {err}"
    if pattern.startswith("!"):
        rule.flags |= R_NOTMATCH
        pattern = pattern[1:]
    try:
        rule.regex = compile_pcre(pattern, re.I if rule.flags & R_NOCASE else 0)
    except (PcreError, re.error):
        return f"RewriteRule: cannot compile regular expression '{pattern}'"
    rule.pattern = pattern
    if output == "-":
        rule.flags |= R_NOSUB
    if output.endswith("?"):
        # a literal '?' ends the substitution: with QSA it is handled by QSL, else no query
        if rule.flags & R_QSAPPEND:
            rule.flags |= R_QSLAST
        else:
            rule.flags |= R_QSNONE
            rule.output = output[:-1]
    elif rule.flags & R_QSDISCARD and "?" not in output:
        rule.flags |= R_QSNONE
    rec = _srv(cmd) if cmd.path is None else _dir(cmd)
    rule.conds, rec.pending = rec.pending, []
    rec.rules.append(rule)
    cmd.store(parsed)
    return None


def _cond_type(a2: str, cond: Cond) -> tuple[int, str]:
    """The pattern type of a RewriteCond and the text compared against (cmd_rewritecond)."""
    if len(a2) < 2:
        return P_REGEX, a2
    if a2[0] == "-":
        if len(a2) == 2:
            t = {"f": P_FILE_EXISTS, "s": P_FILE_SIZE, "d": P_FILE_DIR, "x": P_FILE_XBIT, "h": P_FILE_LINK,
                 "L": P_FILE_LINK, "l": P_FILE_LINK, "U": P_LU_URL, "F": P_LU_FILE}.get(a2[1], P_REGEX)
            return t, a2
        if len(a2) > 3:
            op = a2[1:3]
            t = {"lt": P_INT_LT, "le": P_INT_LE, "gt": P_INT_GT, "ge": P_INT_GE, "eq": P_INT_EQ, "ne": P_INT_EQ}.get(op)
            if t is not None:
                if op == "ne":                  # !-ne is -eq
                    cond.flags ^= COND_NOTMATCH
                return t, a2[3:]
        return P_REGEX, a2
    if a2[0] == ">":
        return (P_STR_GE, a2[2:]) if a2[1] == "=" else (P_STR_GT, a2[1:])
    if a2[0] == "<":
        return (P_STR_LE, a2[2:]) if a2[1] == "=" else (P_STR_LT, a2[1:])
    if a2[0] == "=":
        rest = a2[1:]
        return P_STR_EQ, "" if rest == '""' else rest
    return P_REGEX, a2


@handles("RewriteCond")
def rewrite_cond(cmd: Cmd, text: str):
    from ..expr import ExprError, parse
    from ..expr.pcre import PcreError, compile_pcre
    parsed = parse_arg_line(text)
    if parsed is None:
        return f"RewriteCond: bad argument line '{text}'"
    test, pattern, flags = parsed
    cond = Cond(test, pattern, pattern, P_REGEX, 0)
    if flags is not None:
        err = parse_flags(flags, _cond_setflag(cond))
        if err:
            return f"RewriteCond: {err}"
    a2 = pattern
    if a2.startswith("!"):
        cond.flags |= COND_NOTMATCH
        a2 = a2[1:]
    if test.lower() == "expr":
        cond.ptype = P_EXPR
        node = cmd.directive
        cond.where = (node.file, node.line) if node is not None else ("", 0)
    else:
        cond.ptype, a2 = _cond_type(a2, cond)
    cond.arg = a2
    if cond.ptype != P_REGEX and not P_STR_LT <= cond.ptype <= P_STR_GE and cond.flags & COND_NOCASE:
        node = cmd.directive
        cmd.reader.log.log("rewrite", "warn", f"AH00665: RewriteCond: NoCase option for non-regex pattern '{a2}' "
                           f"is not supported and will be ignored. ({node.file}:{node.line})")
        cond.flags &= ~COND_NOCASE
    if cond.ptype == P_EXPR:
        try:
            cond.expr = parse(a2)
        except ExprError as e:
            # 2.4.71 prints no colon before the reason (the 2.4.x source has one)
            return f'RewriteCond: cannot compile expression "{a2}" {e}'
    elif cond.ptype == P_REGEX:
        try:
            cond.regex = compile_pcre(a2, re.I if cond.flags & COND_NOCASE else 0)
        except (PcreError, re.error):
            return f"RewriteCond: cannot compile regular expression '{a2}'"
    rec = _srv(cmd) if cmd.path is None else _dir(cmd)
    rec.pending.append(cond)
    cmd.store(parsed)
    return None


@handles("RewriteEngine")
def rewrite_engine(cmd: Cmd, flag):
    on = flag is True or str(flag).lower() == "on"
    if cmd.path is None:
        s = _srv(cmd)
        s.state, s.state_set = on, True
    d = _dir(cmd)
    d.state, d.state_set = on, True
    cmd.store([flag])
    return None


@handles("RewriteOptions")
def rewrite_options(cmd: Cmd, text: str):
    from ..config.args import getword
    pos = 0
    options = []
    bits = 0
    while pos < len(text):
        w, pos = getword(text, pos)
        if w[:13].lower() == "maxredirects=":
            cmd.reader.log.log("rewrite", "warn", "AH00664: RewriteOptions: MaxRedirects option has been removed in "
                               "favor of the global LimitInternalRecursion directive and will be ignored.")
        elif w.lower() in OPTIONS:
            options.append(w.lower())
            bits |= OPTIONS[w.lower()]
        else:
            return f"RewriteOptions: unknown option '{w}'"
    if cmd.path is None:
        s = _srv(cmd)
        s.options |= bits
        s.options_set = True
    d = _dir(cmd)
    d.options |= bits
    d.options_set = True
    cmd.store(options)
    return None


@handles("RewriteBase")
def rewrite_base(cmd: Cmd, url: str):
    if cmd.path is None:
        return "RewriteBase: only valid in per-directory config files"
    if not url:
        return "RewriteBase: empty URL not allowed"
    if url[0] != "/":
        return "RewriteBase: argument is not a valid URL"
    d = _dir(cmd)
    d.baseurl, d.baseurl_set = url, True
    cmd.store([url])
    return None


INT_MAPS = ("tolower", "toupper", "escape", "unescape")


@handles("RewriteMap")
def rewrite_map(cmd: Cmd, name: str, spec: str, opts: str | None = None):
    rel = cmd.reader.server_root_relative
    kind = spec[:4].lower()
    m = Map("txt")
    check = None
    if kind in ("txt:", "rnd:"):
        m.kind, m.datafile = kind[:3], rel(spec[4:])
        check = m.datafile
    elif spec[:3].lower() == "dbm":
        m.kind = "dbm"
        fname = None
        if spec[3:4] == ":":
            fname = spec[4:]
        elif spec[3:4] == "=" and ":" in spec[4:]:
            fname = spec[4:].split(":", 1)[1]
        if fname is None:
            return f"RewriteMap: bad map:{spec}"
        m.datafile = rel(fname)
        check = m.datafile          # (the DBM driver's file names: served maps refuse dbm anyway)
    elif kind == "dbd:" or spec[:8].lower() == "fastdbd:":
        if "dbd_module" not in cmd.config.module_names():
            return "RewriteMap types dbd and fastdbd require mod_dbd!"
        m.kind = "dbd" if kind == "dbd:" else "fastdbd"
    elif kind == "prg:":
        from ..config.args import words
        argv = words(spec[4:])
        if not argv:
            return f"RewriteMap: bad path to prg map: {spec[4:]}"
        m.kind, m.argv = "prg", [rel(argv[0])] + argv[1:]
        check = m.argv[0]
    elif kind == "int:":
        if spec[4:] not in INT_MAPS:
            return f"RewriteMap: internal map not found:{spec[4:]}"
        m.kind, m.func = "int", spec[4:]
    else:
        m.datafile = check = rel(spec)
    if check is not None and not os.path.exists(check):
        return f"RewriteMap: file for map {name} not found:{check}"
    _srv(cmd).maps[name] = m
    cmd.store([name, spec] + ([opts] if opts is not None else []))
    return None


# -- per-dir / per-server merging (config_perdir_merge, config_server_merge) --------------------

def _inherit_lists(a_opts: int, base_opts: int, base: list, add: list) -> list:
    if a_opts & O["inherit"] or (base_opts & O["inheritdown"] and not a_opts & O["ignoreinherit"]):
        return add + base
    if a_opts & O["inheritbefore"] or (base_opts & O["inheritdownbefore"] and not a_opts & O["ignoreinherit"]):
        return base + add
    return add


def merge_dir(base: DirRec, add: DirRec) -> DirRec:
    a = DirRec(add.directory)
    a.state = add.state if add.state_set else base.state
    a.state_set = add.state_set or base.state_set
    a.options = add.options if add.options_set else base.options
    a.options_set = add.options_set or base.options_set
    if a.options & O["mergebase"]:
        a.baseurl = add.baseurl if add.baseurl_set else base.baseurl
        a.baseurl_set = add.baseurl_set or base.baseurl_set
    else:
        a.baseurl = add.baseurl
    a.rules = _inherit_lists(a.options, base.options, base.rules, add.rules)
    return a


def merge_srv(base: SrvRec, add: SrvRec) -> SrvRec:
    a = SrvRec()
    a.state = add.state if add.state_set else base.state
    a.state_set = add.state_set or base.state_set
    a.options = add.options if add.options_set else base.options
    a.options_set = add.options_set or base.options_set
    a.rules = _inherit_lists(a.options, base.options, base.rules, add.rules)
    ign = a.options & O["ignoreinherit"]
    if a.options & O["inherit"] or (base.options & O["inheritdown"] and not ign):
        a.maps = {**base.maps, **add.maps}          # the vhost's own maps win
    elif a.options & O["inheritbefore"] or (base.options & O["inheritdownbefore"] and not ign):
        a.maps = {**add.maps, **base.maps}
    else:
        a.maps = add.maps
    return a


# -- compiled config and the request hooks --------------------------------------------------------

def _register_serving() -> None:
    from ..http import hooks
    from ..http.conf import compiles, field
    from ..http.server import server_compiler

    field("rewrite", None, merge_dir)

    @compiles(DIR_KEY)
    def _c_dir(conf, rec, ctx):
        conf.rewrite = rec

    @server_compiler
    def _c_srv(s, main, site):
        _engine()           # imported while the Site is built, before the children drop privileges
        own = s.model.conf.values.get(SRV_KEY) or SrvRec()
        if main is not None:
            own = merge_srv(main.model.conf.values.get(SRV_KEY) or SrvRec(), own)
        s.mod["rewrite"] = own

    def _engine():
        from ..http import rewrite
        return rewrite

    @hooks.hook("translate_name", "rewrite_module", hooks.FIRST)
    def rewrite_translate(r):
        return _engine().hook_uri2file(r)

    @hooks.hook("fixups", "rewrite_module", hooks.FIRST)
    def rewrite_fixup(r):
        return _engine().hook_fixup(r)

    @hooks.hook("fixups", "rewrite_module", hooks.LAST)
    def rewrite_mimetype(r):
        return _engine().hook_mimetype(r)

    @hooks.hook("handler", "rewrite_module", hooks.MIDDLE)
    def rewrite_redirect_handler(r):
        return _engine().handler_redirect(r)


_register_serving()


def _map_served(args) -> bool:
    """txt:, rnd: and int: maps are served; dbm:, dbd:, fastdbd: and prg: are not (yet)."""
    text = args if isinstance(args, str) else " ".join(args)
    ws = text.split()
    spec = ws[1].strip("\"'").lower() if len(ws) > 1 else ""
    return not spec.startswith(("dbm", "dbd:", "fastdbd:", "prg:"))


def _rule_served(args) -> bool:
    """A [P] rule needs mod_proxy, which apachepy does not serve; without mod_proxy loaded it is
    served as httpd does (403, AH00669)."""
    from .base import LOADED_MODULES
    text = args if isinstance(args, str) else " ".join(args)
    parsed = parse_arg_line(text)
    if parsed is None or parsed[2] is None or "proxy_module" not in LOADED_MODULES:
        return True
    rule = Rule("", None, "")
    parse_flags(parsed[2], _rule_setflag(rule))
    return not rule.flags & R_PROXY


from .base import serves, serves_only  # noqa: E402

serves("RewriteEngine", "RewriteOptions", "RewriteBase", "RewriteCond")
serves_only("RewriteRule", _rule_served)
serves_only("RewriteMap", _map_served)
