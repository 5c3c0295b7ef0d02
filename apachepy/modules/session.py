"""mod_session: sessions per directory, checked as httpd does.

Stored per directory (context.values): "Session", "SessionEnv" (bool), "SessionMaxAge"
(seconds), "SessionHeader" (str), "SessionInclude"/"SessionExclude" (lists of URL prefixes),
"SessionExpiryUpdateInterval" (seconds).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import atoi, atol


@handles("Session", "SessionEnv")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None


@handles("SessionMaxAge")
def max_age(cmd: Cmd, arg: str):
    cmd.context.values["SessionMaxAge"] = atol(arg)
    return None


@handles("SessionHeader")
def header(cmd: Cmd, arg: str):
    cmd.context.values["SessionHeader"] = arg
    return None


@handles("SessionInclude", "SessionExclude")
def include_exclude(cmd: Cmd, arg: str):
    cmd.store(arg)
    return None


@handles("SessionExpiryUpdateInterval")
def expiry_update(cmd: Cmd, arg: str):
    v = atoi(arg)
    if v < 0:
        return "SessionExpiryUpdateInterval must be zero (disable) or a positive value"
    cmd.context.values["SessionExpiryUpdateInterval"] = v
    return None
