"""mod_allowmethods: the HTTP methods allowed in a directory.

Stored per directory (context.values): "AllowMethods" (set of method names; empty after
'reset').
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .core import KNOWN_METHODS


@handles("AllowMethods")
def allow_methods(cmd: Cmd, argv: list[str]):
    if not argv:
        return "AllowMethods: No method or 'reset' keyword given"
    if len(argv) == 1 and argv[0].lower() == "reset":
        cmd.context.values["AllowMethods"] = set()
        return None
    allowed = cmd.context.values.setdefault("AllowMethods", set())
    for m in argv:
        # ap_method_number_of: the methods httpd knows (registered ones included)
        if m not in KNOWN_METHODS or m == "INVALID":
            return f"AllowMethods: Invalid Method '{m}'"
        allowed.add(m)
    return None
