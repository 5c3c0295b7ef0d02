"""What apachepy accepts but does not yet implement at serve time, derived from the directive
table and the implementations' `serves()` declarations (apachepy/modules/base.py)."""
from __future__ import annotations

from dataclasses import dataclass

from .config.model import Config
from .config.nodes import Node
from .config.registry import EXEC_ON_READ, Directive
from .modules.base import SERVED, SERVED_VALUES, SERVED_WHERE, load_implementations


@dataclass
class Unsupported:
    file: str
    line: int
    directive: str
    module: str


def status(d: Directive) -> str:
    """served / parsed: whether a directive takes effect when apachepy serves."""
    load_implementations([d.module])
    if d.override & EXEC_ON_READ or d.name in SERVED:
        return "served"
    return "parsed"


def unsupported(config: Config, cmds: dict[str, list[Directive]]) -> list[Unsupported]:
    out: list[Unsupported] = []

    def walk(nodes: list[Node]) -> None:
        for n in nodes:
            ds = cmds.get(n.name.lower(), [])
            accepts = SERVED_VALUES.get(ds[0].name) if ds else None
            where = SERVED_WHERE.get(ds[0].name) if ds else None
            if ds and (status(ds[0]) != "served" or (accepts is not None and not accepts(n.args))
                       or (where is not None and not where(n))):
                out.append(Unsupported(n.file, n.line, ds[0].name, ds[0].module))
            if n.children:
                walk(n.children)

    walk(config.tree)
    return out


def report_text(items: list[Unsupported]) -> str:
    if not items:
        return "Every directive in this configuration is implemented by apachepy.\n"
    lines = [f"{u.file}:{u.line}: {u.directive} ({u.module})\n" for u in items]
    mods = sorted({u.module for u in items})
    lines.append(f"{len(items)} directive(s) from {len(mods)} module(s) are read and checked but not yet "
                 f"implemented at serve time: {', '.join(mods)}\n")
    return "".join(lines)


def report_json(items: list[Unsupported]) -> list[dict]:
    return [{"file": u.file, "line": u.line, "directive": u.directive, "module": u.module} for u in items]
