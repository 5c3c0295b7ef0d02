"""httpd's apr_table_t: an ordered list of (key, value) pairs with case-insensitive keys.

Order matters: response headers go out in table order, so every operation keeps apr's
placement rules (`set` replaces the first entry in place and drops the others, `add`
appends, `merge` extends the first entry with ", value").
"""
from __future__ import annotations

from typing import Iterator


class Table:
    __slots__ = ("items",)

    def __init__(self, items: list[list[str]] | None = None):
        self.items: list[list[str]] = items if items is not None else []

    def copy(self) -> "Table":
        return Table([[k, v] for k, v in self.items])

    def get(self, key: str, default: str | None = None) -> str | None:
        lk = key.lower()
        for k, v in self.items:
            if k.lower() == lk:
                return v
        return default

    def get_all(self, key: str) -> list[str]:
        lk = key.lower()
        return [v for k, v in self.items if k.lower() == lk]

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def set(self, key: str, value: str) -> None:
        lk = key.lower()
        items = self.items
        for i, kv in enumerate(items):
            if kv[0].lower() == lk:
                kv[1] = value
                # drop later duplicates (apr_table_set)
                j = len(items) - 1
                while j > i:
                    if items[j][0].lower() == lk:
                        del items[j]
                    j -= 1
                return
        items.append([key, value])

    def setdefault_last(self, key: str, value: str) -> None:
        """Set, but move the entry to the end (unset + add)."""
        self.unset(key)
        self.items.append([key, value])

    def add(self, key: str, value: str) -> None:
        self.items.append([key, value])

    def merge(self, key: str, value: str) -> None:
        lk = key.lower()
        for kv in self.items:
            if kv[0].lower() == lk:
                kv[1] = f"{kv[1]}, {value}" if kv[1] else value
                return
        self.items.append([key, value])

    def unset(self, key: str) -> None:
        lk = key.lower()
        if any(k.lower() == lk for k, _ in self.items):
            self.items = [kv for kv in self.items if kv[0].lower() != lk]

    def clear(self) -> None:
        self.items = []

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for k, v in self.items:
            yield k, v

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def compress_merge(self) -> None:
        """apr_table_compress(APR_OVERLAP_TABLES_MERGE): one entry per key at the place of
        the first, values joined with ", "."""
        seen: dict[str, list[str]] = {}
        out: list[list[str]] = []
        for k, v in self.items:
            lk = k.lower()
            first = seen.get(lk)
            if first is None:
                kv = [k, v]
                seen[lk] = kv
                out.append(kv)
            else:
                first[1] = f"{first[1]}, {v}"
        self.items = out

    def overlay(self, other: "Table") -> "Table":
        """apr_table_overlay(self, other): self's entries then other's."""
        return Table([[k, v] for k, v in self.items] + [[k, v] for k, v in other.items])

    def __repr__(self) -> str:
        return f"Table({self.items!r})"
