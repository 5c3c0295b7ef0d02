"""mod_log_forensic: the forensic log.

Stored per server (server.values): "ForensicLog" (file name or "|program").
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("ForensicLog")
def forensic_log(cmd: Cmd, fn: str):
    cmd.server.values["ForensicLog"] = fn
    return None
