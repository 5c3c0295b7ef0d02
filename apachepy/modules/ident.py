"""mod_ident: RFC 1413 lookups.

Stored per directory (context.values): "IdentityCheck" (bool), "IdentityCheckTimeout"
(seconds).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import atoi


@handles("IdentityCheck")
def identity_check(cmd: Cmd, flag: bool):
    cmd.context.values["IdentityCheck"] = flag
    return None


@handles("IdentityCheckTimeout")
def timeout(cmd: Cmd, arg: str):
    cmd.context.values["IdentityCheckTimeout"] = atoi(arg)
    return None
