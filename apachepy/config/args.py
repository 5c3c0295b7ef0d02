"""Argument words as httpd splits them (ap_getword_conf) and ${VAR} expansion (ap_resolve_env)."""
from __future__ import annotations

import os
import re
from typing import Callable

_SPACE = " \t\n\r\f\v"


def getword(text: str, pos: int = 0) -> tuple[str, int]:
    """Return (word, new_pos) following httpd's ap_getword_conf.

    Leading white space is skipped; a word quoted by its first character runs to the next
    unescaped matching quote (an unterminated quote runs to the end); inside quotes only the
    quote and backslash may be escaped; outside quotes `\\\\` collapses to one backslash.
    Trailing white space is skipped so that `pos == len(text)` means "no more words".
    """
    n = len(text)
    while pos < n and text[pos] in _SPACE:
        pos += 1
    if pos >= n:
        return "", n
    q = text[pos]
    out = []
    if q == '"' or q == "'":
        pos += 1
        while pos < n:
            c = text[pos]
            if c == q:
                pos += 1
                break
            if c == "\\" and pos + 1 < n and text[pos + 1] in (q, "\\"):
                out.append(text[pos + 1])
                pos += 2
                continue
            out.append(c)
            pos += 1
    else:
        while pos < n and text[pos] not in _SPACE:
            c = text[pos]
            if c == "\\" and pos + 1 < n and text[pos + 1] == "\\":
                out.append("\\")
                pos += 2
                continue
            out.append(c)
            pos += 1
    while pos < n and text[pos] in _SPACE:
        pos += 1
    return "".join(out), pos


def words(text: str, limit: int | None = None) -> list[str]:
    """All words of `text` (empty quoted words included), at most `limit` of them."""
    out: list[str] = []
    pos = 0
    n = len(text)
    while pos < n and (limit is None or len(out) < limit):
        w, pos = getword(text, pos)
        out.append(w)
    return out


_VAR = re.compile(r"\$\{([^}]*)\}")


def resolve_env(line: str, defined: dict[str, str], warn: Callable[[str], None]) -> str:
    """Expand ${NAME} from Define'd values, then the environment; unknown names stay verbatim."""
    if "${" not in line:
        return line

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name in defined:
            return defined[name]
        val = os.environ.get(name)
        if val is not None:
            return val
        if ":" not in name:
            warn(name)
        return m.group(0)

    return _VAR.sub(sub, line)
