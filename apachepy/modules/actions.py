"""mod_actions: Action and Script, checked as httpd does.

Stored per directory (context.values): "Action" ({handler or type: (script, virtual)}),
"Script" ({method: script}).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .core import KNOWN_METHODS


@handles("Action")
def action(cmd: Cmd, type_: str, script: str, option: str | None):
    if option is not None and option.lower() != "virtual":
        return f"unrecognized option '{option}'"
    cmd.context.values.setdefault("Action", {})[type_.lower()] = (script, option is not None)
    return None


@handles("Script")
def script(cmd: Cmd, method: str, path: str):
    if method == "TRACE":
        return "TRACE not allowed for Script"
    if cmd.htaccess and method not in KNOWN_METHODS:
        return f"Could not register method '{method}' for Script"
    cmd.context.values.setdefault("Script", {})[method] = path
    return None
