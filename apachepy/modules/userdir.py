"""mod_userdir: per-user directories, checked as httpd does.

Stored per server (server.values): "UserDir" (the directory template text),
"UserDir:default" ("enabled"|"disabled" when set globally), "UserDir:enabled" and
"UserDir:disabled" (sets of user names).
"""
from __future__ import annotations

from ..config.args import getword
from ..config.walk import Cmd
from .base import handles


@handles("UserDir")
def user_dir(cmd: Cmd, arg: str):
    kw, pos = getword(arg)
    if not kw:
        return "UserDir requires an argument."
    k = kw.lower()
    if k in ("disable", "disabled", "enable", "enabled"):
        state = "disabled" if k.startswith("disable") else "enabled"
        if pos >= len(arg):
            cmd.server.values["UserDir:default"] = state
            return None
        users = cmd.server.values.setdefault(f"UserDir:{state}", set())
        while pos < len(arg):
            name, pos = getword(arg, pos)
            users.add(name)
        return None
    cmd.server.values["UserDir"] = arg
    return None
