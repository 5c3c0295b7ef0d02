"""Argument words as httpd splits them (ap_getword_conf) and ${VAR} expansion (ap_resolve_env)."""
from __future__ import annotations

import os
import re
from typing import Callable

_WS = re.compile(r"[ \t\n\r\f\v]*")
_UNQUOTED = re.compile(r"[^ \t\n\r\f\v]*")
_QUOTED = {q: re.compile(r"((?:\\[\\%s]|[^%s\\]|\\)*)(%s?)" % (q, q, q)) for q in "\"'"}
_UNESCAPE = {q: re.compile(r"\\([\\%s])" % q) for q in "\"'"}


def getword(text: str, pos: int = 0) -> tuple[str, int]:
    """Return (word, new_pos) following httpd's ap_getword_conf.

    Leading white space is skipped; a word quoted by its first character runs to the next
    unescaped matching quote (an unterminated quote runs to the end); inside quotes only the
    quote and backslash may be escaped; outside quotes `\\\\` collapses to one backslash.
    Trailing white space is skipped so that `pos == len(text)` means "no more words".
    """
    pos = _WS.match(text, pos).end()
    if pos >= len(text):
        return "", len(text)
    q = text[pos]
    if q == '"' or q == "'":
        m = _QUOTED[q].match(text, pos + 1)
        word = m.group(1)
        if "\\" in word:
            word = _UNESCAPE[q].sub(r"\1", word)
    else:
        m = _UNQUOTED.match(text, pos)
        word = m.group()
        if "\\\\" in word:
            word = word.replace("\\\\", "\\")
    return word, _WS.match(text, m.end()).end()


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
