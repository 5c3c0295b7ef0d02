"""mod_headers: Header (onsuccess/always) and RequestHeader set/setifempty/add/append/merge/
unset/echo/edit/edit*/note, with env=/expr= conditions, %-format values or expr= values."""
from __future__ import annotations

import re
import time

from ..config.args import getword
from ..http.conf import compiles, field
from ..http.hooks import DECLINED, LAST, hook
from ..http.exprctx import RequestContext, eval_string
from .base import handles

_ACTIONS = ("set", "setifempty", "add", "append", "merge", "unset", "echo", "edit", "edit*", "note")
_TAGS = {"D", "t", "l", "i", "b", "e", "s"}


class HeaderEntry:
    __slots__ = ("action", "header", "value", "regex", "subs", "cond_var", "expr", "expr_out", "tags", "early")

    def __init__(self):
        self.action = self.header = self.value = self.subs = None
        self.regex = self.cond_var = self.expr = self.expr_out = self.tags = None
        self.early = False


def _parse_tags(s: str) -> list[tuple] | str:
    """parse_format_string: [(tag or None, arg)], or an error message."""
    out = []
    i = 0
    n = len(s)
    while i < n:
        if s[i] != "%":
            buf = []
            while i < n and s[i] != "%":
                c = s[i]
                if c == "\\" and i + 1 < n:
                    d = s[i + 1]
                    buf.append({"\\": "\\", "r": "\r", "n": "\n", "t": "\t"}.get(d, "\\" + d))
                    i += 2
                    continue
                buf.append(c)
                i += 1
            out.append((None, "".join(buf)))
            continue
        i += 1
        if i >= n or s[i] == "%":
            out.append((None, "%"))
            i += 1
            continue
        arg = ""
        if s[i] == "{":
            j = s.find("}", i + 1)
            if j < 0:
                arg, i = s[i + 1:], n
            else:
                arg, i = s[i + 1:j], j + 1
        if i >= n or s[i] not in _TAGS:
            return f"Unrecognized header format %{s[i] if i < n else ''}"
        out.append((s[i], arg))
        i += 1
    return out


def _header_cmd(cmd, args: str, kind: str):
    from .core import compile_regex
    action, pos = getword(args)
    if kind == "out":
        if action.lower() == "always":
            kind = "err"
            action, pos = getword(args, pos)
        elif action.lower() == "onsuccess":
            action, pos = getword(args, pos)
    hdr, pos = getword(args, pos)
    rest = args[pos:].strip()
    val = subs = env = None
    if rest:
        val, pos = getword(args, pos)
        if args[pos:].strip():
            subs, pos = getword(args, pos)
            if args[pos:].strip():
                env, pos = getword(args, pos)
    if args[pos:].strip():
        return f"{cmd.cmd.name} has too many arguments"
    e = HeaderEntry()
    a = action.lower()
    if a not in _ACTIONS:
        return ("first argument must be 'add', 'set', 'setifempty', 'append', 'merge', "
                "'unset', 'echo', 'note', 'edit', or 'edit*'.")
    e.action = a
    if a in ("edit", "edit*"):
        if subs is None:
            return "Header edit requires a match and a substitution"
        e.regex = compile_regex(val)
        if e.regex is None:
            return "Header edit regex could not be compiled"
        e.subs = subs
    else:
        if env is not None:
            return "Too many arguments to directive"
        env = subs
    if a == "unset":
        if val is not None:
            if env is not None:
                return "header unset takes two arguments"
            env, val = val, None
    elif a == "echo":
        if val is not None:
            if env is not None:
                return "Header echo takes two arguments"
            env, val = val, None
        if kind == "in":
            return "Header echo only valid on Header directives"
        e.regex = compile_regex(hdr)
        if e.regex is None:
            return "Header echo regex could not be compiled"
    elif val is None:
        return "Header requires three arguments"
    if env is not None:
        le = env.lower()
        if le == "early":
            e.early = True
        elif le.startswith("env="):
            if env[4:] in ("", "!"):
                return "error: missing environment variable name. envclause should be in the form env=envar "
            e.cond_var = env[4:]
        elif le.startswith("expr="):
            from ..expr import ExprError, parse
            try:
                e.expr = parse(env[5:])
            except ExprError as err:
                return f"Can't parse envclause/expression: {err}"
        else:
            return f"Unknown parameter: {env}"
    if ":" in hdr:
        hdr = hdr[:hdr.index(":")]
    e.header = hdr
    if a not in ("unset", "echo"):
        s = e.subs if a in ("edit", "edit*") else val
        if s.startswith("expr="):
            from ..expr import ExprError, parse
            try:
                e.expr_out = parse(s[5:], string_mode=True)
            except ExprError as err:
                return f"Can't parse value expression : {err}"
        else:
            tags = _parse_tags(s)
            if isinstance(tags, str):
                return tags
            e.tags = tags
    cmd.context.values.setdefault(f"headers:{kind}", []).append(e)
    return None


@handles("Header")
def header(cmd, args: str):
    return _header_cmd(cmd, args, "out")


@handles("RequestHeader")
def request_header(cmd, args: str):
    return _header_cmd(cmd, args, "in")


field("headers_in", [], lambda b, a: b + a)
field("headers_out", [], lambda b, a: b + a)
field("headers_err", [], lambda b, a: b + a)


@compiles("headers:in")
def _c_in(conf, vals, ctx):
    conf.headers_in = list(vals)


@compiles("headers:out")
def _c_out(conf, vals, ctx):
    conf.headers_out = list(vals)


@compiles("headers:err")
def _c_err(conf, vals, ctx):
    conf.headers_err = list(vals)


def _value(e: HeaderEntry, r, text_subs=None) -> str:
    if e.expr_out is not None:
        v = eval_string(e.expr_out, r)
        return v or ""
    out = []
    for tag, arg in e.tags or ():
        if tag is None:
            out.append(arg)
        elif tag == "D":
            out.append("D=%d" % int((time.time() - r.request_time) * 1_000_000))
        elif tag == "t":
            out.append("t=%d" % int(r.request_time * 1_000_000))
        elif tag == "e":
            v = r.subprocess_env.get(arg)
            out.append(v.replace("\n", " ").replace("\r", " ") if v is not None else "(null)")
        elif tag == "s":            # mod_ssl's variables (header_request_ssl_var)
            from ..filters.tls import request_lookup
            v = request_lookup(r, arg) if "ssl_module" in r.site.loaded_modules else None
            out.append(v.replace("\n", " ").replace("\r", " ") if v else "(null)")
        elif tag == "l":
            import os
            la = os.getloadavg()
            out.append("l=%.2f/%.2f/%.2f" % la)
        elif tag in ("i", "b"):
            out.append(f"{tag}=0")
    return "".join(out)


def _edit(e: HeaderEntry, value: str, r) -> str:
    repl = _value(e, r)
    if e.action == "edit*":
        return e.regex.sub(lambda m: _subst(repl, m), value)
    return e.regex.sub(lambda m: _subst(repl, m), value, count=1)


def _subst(repl: str, m) -> str:
    from .alias import _pregsub
    return _pregsub(repl, m.string, m)


def do_fixup(r, table, entries, early: bool = False) -> None:
    for e in entries:
        if e.early != early:
            continue
        if e.expr is not None:
            try:
                if not e.expr.evaluate(RequestContext(r)):
                    continue
            except Exception as err:
                r.log_error("headers", "error", f"AH01501: Failed to evaluate expression ({err}) - ignoring")
        elif e.cond_var:
            v = e.cond_var
            if v.startswith("!"):
                if r.subprocess_env.get(v[1:]) is not None:
                    continue
            elif r.subprocess_env.get(v) is None:
                continue
        a = e.action
        if a == "add":
            table.add(e.header, _value(e, r))
        elif a == "append":
            table.merge(e.header, _value(e, r))
        elif a == "merge":
            cur = table.get(e.header)
            nv = _value(e, r)
            if cur is None:
                table.add(e.header, nv)
            elif nv not in _tokens(cur):
                table.merge(e.header, nv)
        elif a == "set":
            v = _value(e, r)
            if e.header.lower() == "content-type":
                r.content_type = v
            table.set(e.header, v)
        elif a == "setifempty":
            if table.get(e.header) is None:
                v = _value(e, r)
                if e.header.lower() == "content-type":
                    r.content_type = v
                table.set(e.header, v)
        elif a == "unset":
            table.unset(e.header)
        elif a == "echo":
            for k, v in list(r.headers_in):
                if e.regex.search(k):
                    table.add(k, v)
        elif a in ("edit", "edit*"):
            if e.header.lower() == "content-type" and r.content_type:
                r.content_type = _edit(e, r.content_type, r)
            vals = table.get_all(e.header)
            if vals:
                table.unset(e.header)
                for v in vals:
                    table.add(e.header, _edit(e, v, r))
        elif a == "note":
            r.notes.set(_value(e, r), table.get(e.header) or "")


def _tokens(val: str) -> list[str]:
    out = []
    i = 0
    n = len(val)
    while i < n:
        while i < n and val[i].isspace():
            i += 1
        start = i
        while i < n and val[i] != ",":
            if val[i] == '"':
                i += 1
                while i < n:
                    if val[i] == '"':
                        i += 1
                        break
                    i += 1
            else:
                i += 1
        out.append(val[start:i])
        i += 1
    return out


@hook("fixups", "headers_module", LAST)
def headers_fixup(r):
    entries = r.per_dir_config.headers_in
    if entries:
        do_fixup(r, r.headers_in, entries)
    return DECLINED


@hook("post_read_request", "headers_module", -1)
def headers_early(r):
    conf = r.per_dir_config
    if conf.headers_in:
        do_fixup(r, r.headers_in, conf.headers_in, True)
    if conf.headers_err:
        do_fixup(r, r.err_headers_out, conf.headers_err, True)
    if conf.headers_out:
        do_fixup(r, r.headers_out, conf.headers_out, True)
    return DECLINED


@hook("output_headers", "headers_module")
def headers_output(r):
    conf = r.per_dir_config
    if r.error_path:
        if conf.headers_err:
            do_fixup(r, r.err_headers_out, conf.headers_err)
        return
    if not r.filters_inserted:
        return          # no handler ran (e.g. OPTIONS *): FIXUP_HEADERS_OUT was never inserted
    if conf.headers_err:
        do_fixup(r, r.err_headers_out, conf.headers_err)
    if conf.headers_out:
        do_fixup(r, r.headers_out, conf.headers_out)


from .base import serves  # noqa: E402

serves("Header", "RequestHeader")
