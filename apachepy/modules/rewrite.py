"""mod_rewrite's config-time checks: RewriteRule and RewriteCond are parsed and their regexes and
expressions compiled when the configuration is read, with mod_rewrite's messages."""
from __future__ import annotations

import re

from ..config.walk import Cmd
from .base import handles

_SPACE = " \t\n\r\f\v"

# flags RewriteRule accepts (cmd_rewriterule_setflag); names compare case-insensitively
_RULE_FLAGS = {"b", "backrefescaping", "bne", "bnp", "backrefernoplus", "bctls", "c", "chain", "co", "cookie",
               "d", "dpi", "discardpath", "e", "env", "end", "f", "forbidden", "g", "gone", "h", "handler", "l",
               "last", "ne", "noescape", "n", "next", "ns", "nosubreq", "nc", "nocase", "p", "proxy", "pt",
               "passthrough", "qsa", "qsappend", "qsd", "qsdiscard", "qsl", "qslast", "r", "redirect", "s",
               "skip", "t", "type", "unsafeprefixstat", "unsafeallow3f", "unc"}
_COND_FLAGS = {"nocase", "nc", "ornext", "or", "novary", "nv"}


def parse_arg_line(text: str) -> tuple[str, str, str | None] | None:
    """mod_rewrite's own splitter: up to three words, quotes and `\\ ` kept raw; None on error."""
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


def parse_flags(field: str, known: set[str]) -> str | None:
    if not (field.startswith("[") and field.endswith("]")):
        return "bad flag delimiters"
    for item in field[1:-1].split(","):
        key = item.strip(_SPACE).split("=", 1)[0]
        if not key:
            continue
        if key.lower() not in known:
            return f"unknown flag '{key}'"
    return None


def _nocase(field: str | None) -> bool:
    return bool(field) and any(f.strip().split("=")[0].lower() in ("nc", "nocase") for f in field[1:-1].split(","))


@handles("RewriteRule")
def rewrite_rule(cmd: Cmd, text: str):
    from ..expr.pcre import PcreError, compile_pcre
    parsed = parse_arg_line(text)
    if parsed is None:
        return f"RewriteRule: bad argument line '{text}'"
    pattern, output, flags = parsed
    if flags is not None:
        err = parse_flags(flags, _RULE_FLAGS)
        if err:
            return f"RewriteRule: {err}"
    if pattern.startswith("!"):
        pattern = pattern[1:]
    try:
        compile_pcre(pattern, re.I if _nocase(flags) else 0)
    except (PcreError, re.error):
        return f"RewriteRule: cannot compile regular expression '{pattern}'"
    cmd.store(parsed)
    return None


@handles("RewriteCond")
def rewrite_cond(cmd: Cmd, text: str):
    from ..expr import ExprError, parse
    from ..expr.pcre import PcreError, compile_pcre
    parsed = parse_arg_line(text)
    if parsed is None:
        return f"RewriteCond: bad argument line '{text}'"
    test, pattern, flags = parsed
    if flags is not None:
        err = parse_flags(flags, _COND_FLAGS)
        if err:
            return f"RewriteCond: {err}"
    if pattern.startswith("!"):
        pattern = pattern[1:]
    if test.lower() == "expr":
        try:
            parse(pattern)
        except ExprError as e:
            # 2.4.71 prints no colon before the reason (the 2.4.x source has one)
            return f'RewriteCond: cannot compile expression "{pattern}" {e}'
    elif not _is_special_pattern(pattern):
        try:
            compile_pcre(pattern, re.I if _nocase(flags) else 0)
        except (PcreError, re.error):
            return f"RewriteCond: cannot compile regular expression '{pattern}'"
    cmd.store(parsed)
    return None


def _is_special_pattern(p: str) -> bool:
    """File tests (-f, -d ...), integer and string comparisons are not regexes."""
    if len(p) >= 2 and p[0] == "-" and (len(p) == 2 or (len(p) > 3 and p[1:3] in ("lt", "le", "gt", "ge",
                                                                                    "eq", "ne"))):
        return True
    return len(p) >= 2 and p[0] in "<>="


_REWRITE_OPTIONS = {"inherit", "inheritbefore", "inheritdown", "inheritdownbefore", "ignoreinherit", "allownoslash",
                    "allowanyuri", "mergebase", "ignorecontextinfo", "legacyprefixdocroot", "unsafeprefixstat"}


@handles("RewriteOptions")
def rewrite_options(cmd: Cmd, text: str):
    from ..config.args import getword
    pos = 0
    options = []
    while pos < len(text):
        w, pos = getword(text, pos)
        if w[:13].lower() == "maxredirects=":
            cmd.reader.log.log("rewrite", "warn", "AH00664: RewriteOptions: MaxRedirects option has been removed in "
                               "favor of the global LimitInternalRecursion directive and will be ignored.")
        elif w.lower() in _REWRITE_OPTIONS:
            options.append(w.lower())
        else:
            return f"RewriteOptions: unknown option '{w}'"
    cmd.store(options)
    return None
