"""mod_charset_lite: character set translation settings, checked as httpd does.

Stored per directory (context.values): "CharsetSourceEnc", "CharsetDefault" (str),
"CharsetOptions" ({"implicit_add": bool, "translate_all": bool}).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles

_OPTIONS = {"implicitadd": ("implicit_add", True), "noimplicitadd": ("implicit_add", False),
            "translateallmimetypes": ("translate_all", True), "notranslateallmimetypes": ("translate_all", False)}


@handles("CharsetSourceEnc", "CharsetDefault")
def charset(cmd: Cmd, name: str):
    cmd.context.values[cmd.cmd.name] = name
    return None


@handles("CharsetOptions")
def options(cmd: Cmd, flag: str):
    opt = _OPTIONS.get(flag.lower())
    if opt is None:
        return f"Invalid CharsetOptions option: {flag}"
    cmd.context.values.setdefault("CharsetOptions", {})[opt[0]] = opt[1]
    return None
