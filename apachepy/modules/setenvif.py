"""mod_setenvif: SetEnvIf[NoCase], BrowserMatch[NoCase], SetEnvIfExpr; server-wide entries run
at post_read_request, per-directory ones at header_parser."""
from __future__ import annotations

import re
from dataclasses import dataclass, field as dc_field

from ..config.args import getword
from ..http.conf import compiles, field
from ..http.hooks import DECLINED, hook
from ..http.exprctx import RequestContext
from ..http.server import server_compiler
from .base import handles

KEY = "setenvif:entries"
_SIMPLE_NAME = re.compile(r"^[-A-Za-z0-9_]*$")
_SPECIAL = {"remote_addr", "remote_host", "request_uri", "request_method", "request_protocol", "server_addr"}


@dataclass(eq=False)
class Entry:
    name: str | None
    regex_text: str | None
    icase: bool
    pattern: str | None = None        # a plain substring (non_regex_pattern)
    preg: object = None
    namereg: object = None
    expr: object = None
    features: list = dc_field(default_factory=list)   # [(var, value or "!")]


def _non_regex(s: str) -> str | None:
    out = []
    esc = False
    for c in s:
        if c in "^.$|()[]*+?{}":
            if not esc:
                return None
            esc = False
            out.append(c)
        elif c == "\\":
            if esc:
                out.append("\\")
            esc = not esc
        else:
            if esc:
                return None
            out.append(c)
    return "".join(out)


def _features(cmd, args: str, entry: Entry):
    been = 0
    pos = 0
    while True:
        w, pos = getword(args, pos)
        if not w:
            break
        been += 1
        var, eq, val = w.partition("=")
        if eq and val:
            entry.features.append((var, val))
        elif var.startswith("!"):
            entry.features.append((var[1:], "!"))
        else:
            entry.features.append((var, "1"))
    if not been:
        return f"Missing envariable expression for {cmd.cmd.name}"
    return None


def _add(cmd, fname: str, args: str, icase: bool):
    from .core import compile_regex
    regex, pos = getword(args)
    if not regex:
        return f"Missing regular expression for {cmd.cmd.name}"
    lst = cmd.context.values.setdefault(KEY, [])
    last = lst[-1] if lst else None
    if last is not None and last.name is not None and last.name.lower() == fname.lower() \
            and last.icase == icase and last.regex_text == regex:
        entry = last
    else:
        entry = Entry(fname, regex, icase)
        simple = _non_regex(regex)
        if simple is not None:
            entry.pattern = simple.lower() if icase else simple
        else:
            entry.preg = compile_regex(regex, icase)
            if entry.preg is None:
                return f"{cmd.cmd.name} regex could not be compiled."
        if fname.lower() not in _SPECIAL and not _SIMPLE_NAME.match(fname):
            entry.namereg = compile_regex(fname, icase)
            if entry.namereg is None:
                return f"{cmd.cmd.name}Header name regex could not be compiled."
        lst.append(entry)
    return _features(cmd, args[pos:], entry)


@handles("SetEnvIf")
def setenvif(cmd, args: str):
    name, pos = getword(args)
    if not name:
        return f"Missing header-field name for {cmd.cmd.name}"
    return _add(cmd, name, args[pos:], False)


@handles("SetEnvIfNoCase")
def setenvif_nocase(cmd, args: str):
    name, pos = getword(args)
    if not name:
        return f"Missing header-field name for {cmd.cmd.name}"
    return _add(cmd, name, args[pos:], True)


@handles("BrowserMatch")
def browser_match(cmd, args: str):
    return _add(cmd, "User-Agent", args, False)


@handles("BrowserMatchNoCase")
def browser_match_nocase(cmd, args: str):
    return _add(cmd, "User-Agent", args, True)


@handles("SetEnvIfExpr")
def setenvif_expr(cmd, args: str):
    from ..expr import ExprError, parse
    text, pos = getword(args)
    if not text:
        return f"Missing expression for {cmd.cmd.name}"
    entry = Entry(None, None, False)
    try:
        entry.expr = parse(text)
    except ExprError as e:
        return f"Could not parse expression \"{text}\": {e}"
    cmd.context.values.setdefault(KEY, []).append(entry)
    return _features(cmd, args[pos:], entry)


field("setenvif", [], lambda b, a: b + a)


@compiles(KEY)
def _c_entries(conf, vals, ctx):
    if ctx.path is not None:
        conf.setenvif = list(vals)


@server_compiler
def _server_entries(s, main, site):
    s.mod["setenvif"] = s.model.conf.values.get(KEY, []) if main is None else \
        (main.model.conf.values.get(KEY, []) + s.model.conf.values.get(KEY, []))


def _value(r, e: Entry):
    n = e.name.lower()
    if n == "remote_addr":
        return r.conn.remote_ip
    if n == "server_addr":
        return r.conn.local_ip
    if n == "remote_host":
        return r.conn.remote_ip
    if n == "request_uri":
        return r.uri
    if n == "request_method":
        return r.method
    if n == "request_protocol":
        return r.protocol
    if e.namereg is not None:
        val = None
        for k, v in r.headers_in:
            if e.namereg.search(k):
                val = v
        return val
    v = r.headers_in.get(e.name)
    if v is None:
        v = r.subprocess_env.get(e.name)
    return v


def match(r, entries) -> None:
    from .alias import _pregsub
    for e in entries:
        m = None
        if e.expr is not None:
            try:
                ok = e.expr.evaluate(RequestContext(r))
            except Exception:
                ok = False
            if not ok:
                continue
            val = None
        else:
            val = _value(r, e) or ""
            if e.pattern is not None:
                hay = val.lower() if e.icase else val
                if e.pattern not in hay:
                    continue
            else:
                m = e.preg.search(val)
                if m is None:
                    continue
        for var, v in e.features:
            if v == "!":
                r.subprocess_env.unset(var)
            elif m is not None:
                r.subprocess_env.set(var, _pregsub(v, val, m))
            else:
                r.subprocess_env.set(var, v)


@hook("post_read_request", "setenvif_module")
def match_server(r):
    entries = r.server.mod.get("setenvif")
    if entries:
        match(r, entries)
    return DECLINED


@hook("header_parser", "setenvif_module")
def match_dir(r):
    entries = r.per_dir_config.setenvif
    if entries:
        match(r, entries)
    return DECLINED


from .base import serves  # noqa: E402

serves("SetEnvIf", "SetEnvIfNoCase", "SetEnvIfExpr", "BrowserMatch", "BrowserMatchNoCase")
