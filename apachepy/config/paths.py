"""Path helpers with APR's semantics (apr_filepath_merge, ap_make_full_path, apr_fnmatch)."""
from __future__ import annotations

import re
from functools import lru_cache


def merge_path(root: str, path: str) -> str:
    """`path` made absolute against `root` and normalised lexically ('.', '..', '//')."""
    full = path if path.startswith("/") else f"{root.rstrip('/')}/{path}"
    relative = not full.startswith("/")   # a relative ServerRoot (-d dir) stays relative, as in httpd
    parts: list[str] = []
    for seg in full.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if parts:
                parts.pop()
            continue
        parts.append(seg)
    out = ("" if relative else "/") + "/".join(parts)
    if (path.endswith("/") or path.endswith("/.")) and out != "/":
        out += "/"
    return out


def make_full_path(a: str, b: str) -> str:
    """Join with exactly one slash between the two parts."""
    if not a:
        return b
    if a.endswith("/"):
        return a + b.lstrip("/") if b.startswith("/") else a + b
    return a + ("" if b.startswith("/") else "/") + b


def fnmatch_test(pattern: str) -> bool:
    """True when the pattern holds wildcard characters (apr_fnmatch_test)."""
    nesting = 0
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c in "?*":
            return True
        if c == "\\":
            i += 1
        elif c == "[":
            nesting += 1
        elif c == "]" and nesting:
            return True
        i += 1
    return False


@lru_cache(maxsize=256)
def fnmatch_regex(pattern: str) -> re.Pattern:
    """apr_fnmatch with APR_FNM_PATHNAME: `*`, `?` and `[...]` never match '/'."""
    out = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 1
            if j >= n:
                out.append("\\[")
            else:
                body = pattern[i + 1:j]
                neg = body[:1] in ("!", "^")
                if neg:
                    body = body[1:]
                body = body.replace("\\", "\\\\")
                out.append(f"[{'^/' if neg else ''}{body}]" if neg else f"(?!/)[{body}]")
                i = j
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z", re.S)


def fnmatch_period(pattern: str, name: str) -> bool:
    """apr_fnmatch with APR_FNM_PERIOD: a leading '.' must be matched literally."""
    if name.startswith(".") and not pattern.startswith("."):
        return False
    return fnmatch_regex(pattern).match(name) is not None
