"""mod_substitute: s/// patterns and the line length limit, checked as httpd does.

Stored per directory (context.values): "Substitute" (list of (pattern text, compiled regex or
None for a fixed string (n flag) or a PCRE feature Python cannot run, replacement,
ignore_case, flatten)), "SubstituteMaxLineLength" (bytes), "SubstituteInheritBefore" (bool).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import regcomp, strtol


@handles("Substitute")
def pattern(cmd: Cmd, line: str):
    from ..expr.pcre import DOLLAR_ENDONLY, NO_DEFAULT, get_default_cflags
    if line[:1].lower() != "s":
        return "Bad Substitute format, must be an s/// pattern"
    delim = line[1:2]
    frm = to = flags = None
    if delim:
        rest = line[2:]
        i = rest.find(delim)
        frm = rest if i < 0 else rest[:i]
        if i >= 0:
            rest = rest[i + 1:]
            j = rest.find(delim)
            to = rest if j < 0 else rest[:j]
            if j >= 0:
                flags = rest[j + 1:]
    if not delim or not frm or to is None:
        return "Bad Substitute format, must be a complete s/// pattern"
    ignore_case = is_pattern = False
    flatten = True
    for c in (flags or "").lower():
        if c == "i":
            ignore_case = True
        elif c == "n":
            is_pattern = True
        elif c == "f":
            flatten = True
        elif c == "q":
            flatten = False
        else:
            return "Bad Substitute flag, only s///[infq] are supported"
    regex = None
    if not is_pattern:
        regex, ok = regcomp(frm, ignore_case, NO_DEFAULT | (get_default_cflags() & DOLLAR_ENDONLY))
        if not ok:
            return "Substitute could not compile regex"
    cmd.context.values.setdefault("Substitute", []).append((frm, regex, to, ignore_case, flatten))
    return None


_SUFFIX = {"k": 1024, "m": 1024 * 1024, "g": 1024 * 1024 * 1024}


@handles("SubstituteMaxLineLength")
def max_line_length(cmd: Cmd, arg: str):
    value, end, over = strtol(arg)
    ok = not over
    rest = arg[end:]
    if ok:
        if len(rest) == 1 and rest.lower() in _SUFFIX:
            if value > (2**63 - 1) // _SUFFIX[rest.lower()]:
                return "SubstituteMaxLineLength value too large"    # 2.4.71's overflow check
            value = (value * _SUFFIX[rest.lower()] + 2**63) % 2**64 - 2**63   # C wraps negatives
        elif rest and rest not in ("b", "B"):
            ok = False
    if not ok or value < 0:
        return "SubstituteMaxLineLength must be a non-negative integer optionally suffixed with 'b', 'k', 'm' or 'g'."
    cmd.context.values["SubstituteMaxLineLength"] = value
    return None


@handles("SubstituteInheritBefore")
def inherit_before(cmd: Cmd, flag: bool):
    cmd.context.values["SubstituteInheritBefore"] = flag
    return None
