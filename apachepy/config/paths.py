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


@lru_cache(maxsize=1024)
def fnmatch_regex(pattern: str, pathname: bool = True, casefold: bool = False,
                  escape: bool = True) -> re.Pattern:
    """apr_fnmatch as a regex (match it whole): `pathname` is APR_FNM_PATHNAME (`*`, `?` and
    classes never match '/'), `casefold` APR_FNM_CASE_BLIND, `escape=False` APR_FNM_NOESCAPE
    (backslash is an ordinary character).  The one translation of httpd's wildcards:
    <Directory>/<Files> and Include globs, ap_expr's -fnmatch/-strmatch, mod_autoindex."""
    any_char = "[^/]" if pathname else "."
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            while i < n and pattern[i] == "*":
                i += 1
            out.append(any_char + "*")
            continue
        if c == "?":
            out.append(any_char)
        elif c == "\\" and escape and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        elif c == "[":
            cls = _bracket(pattern, i + 1, pathname, escape)
            if cls is None:
                out.append(re.escape("["))
            else:
                text, i = cls
                out.append(text)
                continue
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL | (re.IGNORECASE if casefold else 0))


def _bracket(p: str, i: int, pathname: bool, escape: bool) -> tuple[str, int] | None:
    """A [...] class starting after its '[': (regex, index after ']'), or None when it is not
    closed (then '[' is literal).  A reversed range matches nothing, as in APR."""
    n = len(p)
    negate = False
    if i < n and p[i] in "!^":
        negate = True
        i += 1
    items = []
    first = True
    while i < n and (first or p[i] != "]"):
        first = False
        c = p[i]
        if c == "\\" and escape and i + 1 < n:
            i += 1
            c = p[i]
        if i + 2 < n and p[i + 1] == "-" and p[i + 2] != "]":
            hi = p[i + 2]
            j = i + 2
            if hi == "\\" and escape and j + 1 < n:
                j += 1
                hi = p[j]
            if ord(hi) >= ord(c):
                items.append(f"{_cls_escape(c)}-{_cls_escape(hi)}")
            i = j + 1
            continue
        items.append(_cls_escape(c))
        i += 1
    if i >= n:
        return None
    body = "".join(items)
    neg = "^" if negate else ""
    if pathname:
        text = f"(?!/)[{neg}{body}]" if body else ("[^/]" if negate else "(?!)")
    else:
        text = f"[{neg}{body}]" if body else ("." if negate else "(?!)")
    return text, i + 1


def _cls_escape(c: str) -> str:
    return "\\" + c if c in "\\]^-[" else c


@lru_cache(maxsize=1024)
def wild_regex(pattern: str, icase: bool = False) -> re.Pattern:
    """ap_strcmp_match's wildcards: `*` any run of characters, `?` one, nothing else special
    (ServerAlias names, mod_autoindex's AddIcon/AddDescription); `icase` folds ASCII only."""
    rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(rx + r"\Z", re.S | (re.I | re.A if icase else 0))


def strcmp_match(s: str, pattern: str) -> bool:
    return wild_regex(pattern).match(s) is not None


def strcasecmp_match(s: str, pattern: str) -> bool:
    return wild_regex(pattern, True).match(s) is not None


def fnmatch_period(pattern: str, name: str) -> bool:
    """apr_fnmatch with APR_FNM_PERIOD: a leading '.' must be matched literally."""
    if name.startswith(".") and not pattern.startswith("."):
        return False
    return fnmatch_regex(pattern).match(name) is not None
