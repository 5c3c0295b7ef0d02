"""The directive tree (httpd's ap_directive_t): what the read phase builds and the walk consumes."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Node:
    name: str                 # canonical spelling when the directive is known, else as written
    args: str                 # raw argument text, ${VAR} expanded; sections keep their '>'
    file: str                 # for lines a macro produced: "macro 'm' (defined on ...) used on line U of "F""
    line: int
    children: list["Node"] | None = None   # a list for sections
    parent: "Node | None" = field(default=None, repr=False)

    @property
    def is_section(self) -> bool:
        return self.children is not None
