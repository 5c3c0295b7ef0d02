"""httpd's apr_table_t: an ordered list of (key, value) pairs with case-insensitive keys.

Order matters: response headers go out in table order, so every operation keeps apr's
placement rules (`set` replaces the first entry in place and drops the others, `add`
appends, `merge` extends the first entry with ", value").  Each entry keeps its lowercased
key so lookups do not lowercase again.
"""
from __future__ import annotations

from typing import Iterator


class Table:
    __slots__ = ("_e",)

    def __init__(self, items: list | None = None):
        # entries: [key, value, lowercased key]
        self._e: list[list[str]] = [[k, v, k.lower()] for k, v in items] if items else []

    @property
    def items(self) -> list[tuple[str, str]]:
        return [(e[0], e[1]) for e in self._e]

    def copy(self) -> "Table":
        t = Table()
        t._e = [list(e) for e in self._e]
        return t

    def get(self, key: str, default: str | None = None) -> str | None:
        lk = key.lower()
        for e in self._e:
            if e[2] == lk:
                return e[1]
        return default

    def get_all(self, key: str) -> list[str]:
        lk = key.lower()
        return [e[1] for e in self._e if e[2] == lk]

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def set(self, key: str, value: str) -> None:
        lk = key.lower()
        es = self._e
        for i, e in enumerate(es):
            if e[2] == lk:
                e[1] = value
                j = len(es) - 1
                while j > i:            # drop later duplicates (apr_table_set)
                    if es[j][2] == lk:
                        del es[j]
                    j -= 1
                return
        es.append([key, value, lk])

    def add(self, key: str, value: str) -> None:
        self._e.append([key, value, key.lower()])

    def merge(self, key: str, value: str) -> None:
        lk = key.lower()
        for e in self._e:
            if e[2] == lk:
                e[1] = f"{e[1]}, {value}" if e[1] else value
                return
        self._e.append([key, value, lk])

    def unset(self, key: str) -> None:
        lk = key.lower()
        if any(e[2] == lk for e in self._e):
            self._e = [e for e in self._e if e[2] != lk]

    def lines(self, skip: frozenset = frozenset()) -> str:
        """`Key: value` CRLF for each entry in order, leaving out the (lowercased) keys in skip."""
        return "".join([f"{e[0]}: {e[1]}\r\n" for e in self._e if e[2] not in skip])

    def has_prefix(self, prefix: str) -> bool:
        """Some key starts with the lowercase `prefix`."""
        for e in self._e:
            if e[2].startswith(prefix):
                return True
        return False

    def clear(self) -> None:
        self._e = []

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for e in self._e:
            yield e[0], e[1]

    def __len__(self) -> int:
        return len(self._e)

    def __bool__(self) -> bool:
        return bool(self._e)

    def compress_merge(self) -> None:
        """apr_table_compress(APR_OVERLAP_TABLES_MERGE): one entry per key at the place of
        the first, values joined with ", "."""
        if len(self._e) < 2:
            return
        seen: dict[str, list[str]] = {}
        out: list[list[str]] = []
        for e in self._e:
            first = seen.get(e[2])
            if first is None:
                seen[e[2]] = e
                out.append(e)
            else:
                first[1] = f"{first[1]}, {e[1]}"
        self._e = out

    def overlay(self, other: "Table") -> "Table":
        """apr_table_overlay(self, other): self's entries then other's."""
        t = Table()
        t._e = [list(e) for e in self._e] + [list(e) for e in other._e]
        return t

    def __repr__(self) -> str:
        return f"Table({self.items!r})"
