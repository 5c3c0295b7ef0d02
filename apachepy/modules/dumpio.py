"""mod_dumpio: dumping I/O to the error log.

Stored per server (server.values): "DumpIOInput", "DumpIOOutput" (bool).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("DumpIOInput", "DumpIOOutput")
def dump(cmd: Cmd, flag: bool):
    cmd.server.values[cmd.cmd.name] = flag
    return None
