"""mod_authn_anon: anonymous users, checked as httpd does.

Stored per directory (context.values): "Anonymous" (user ids, or ["*"] for any), and the
Anonymous_* flags (bool).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("Anonymous")
def anonymous(cmd: Cmd, arg: str):
    if not arg:
        return "Anonymous string cannot be empty, use Anonymous_NoUserId"
    users = cmd.context.values.setdefault("Anonymous", [])
    if "*" not in users:
        users.append(arg)
        if arg == "*":
            users[:] = ["*"]
    return None


@handles("Anonymous_MustGiveEmail", "Anonymous_NoUserId", "Anonymous_VerifyEmail", "Anonymous_LogEmail")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None
