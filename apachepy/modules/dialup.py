"""mod_dialup: bandwidth limits named after modem standards.

Stored per directory (context.values): "ModemStandard" (bytes per second).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles

# BITRATE_TO_BYTES(kbit/s) = kbit * 1024 / 8
STANDARDS = {"v.21": 0.1, "v.26bis": 2.4, "v.32": 9.6, "v.34": 28.8, "v.92": 56.0,
             "i-was-rich-and-got-a-leased-line": 1500}


@handles("ModemStandard")
def modem_standard(cmd: Cmd, name: str):
    rate = STANDARDS.get(name.lower())
    if rate is None:
        return "mod_dialup: Unknown Modem Standard specified."
    cmd.context.values["ModemStandard"] = int(rate * 1024 / 8)
    return None
