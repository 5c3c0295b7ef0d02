"""<IfVersion> (mod_version): compare the compatible httpd version, or match it by regex."""
from __future__ import annotations

import re

from ..version import COMPAT_VERSION
from .reader import Fail

_INVALID = ("Version appears to be invalid. It must have the format "
            "major[.minor[.patch]] where major, minor and patch are numbers.")


def _compare(text: str) -> int:
    """compare_version: up to three dot-separated numbers, empty parts counting as 0."""
    if not text[:1].isdigit():
        raise Fail(_INVALID)
    nums = [0, 0, 0]
    c, start, i, n = 0, 0, 0, len(text)
    while i <= n and c < 3:
        ch = text[i] if i < n else ""
        if ch in (".", ""):
            part = text[start:i]
            nums[c] = int(part) if part else 0
            c += 1
            i += 1
            start = i
            continue
        if not ch.isdigit():
            break
        i += 1
    if i < n:
        raise Fail(_INVALID)
    v = list(COMPAT_VERSION)
    return (v > nums) - (v < nums)


def _match(rx: str) -> bool:
    try:
        return re.search(rx, "%d.%d.%d" % COMPAT_VERSION) is not None
    except re.error:
        raise Fail("Unable to compile regular expression")


def test_ifversion(arg1: str, arg2: str | None, arg3: str | None) -> bool:
    if arg2 is None:
        arg1, arg2 = "=", arg1
    if arg3 is None and arg2 == ">":
        arg1, arg2, arg3 = "=", arg1, ">"
    closed_by_arg3 = arg3 == ">"
    if not arg2 or (not closed_by_arg3 and not arg2.endswith(">")):
        raise Fail("<IfVersion> directive missing closing '>'")
    value = arg2 if closed_by_arg3 else arg2[:-1]
    op = arg1
    reverse = False
    if op.startswith("!"):
        reverse = True
        if len(op) > 1:
            op = op[1:]
    c, tail = op[:1], op[1:]
    if not (tail == "" or (tail == "=" and c != "~")) or c not in "=~<>":
        raise Fail(f"unrecognized operator '{arg1}'")
    if c == "=":
        if not value.startswith("/"):
            match = _compare(value) == 0
        else:
            if len(value) < 2 or not value.endswith("/"):
                raise Fail("Missing delimiting / of regular expression.")
            match = _match(value[1:-1])
    elif c == "~":
        match = _match(value)
    elif c == "<":
        cmp = _compare(value)
        match = cmp == -1 or (tail and cmp == 0)
    else:
        cmp = _compare(value)
        match = cmp == 1 or (tail and cmp == 0)
    return bool(match) != reverse
