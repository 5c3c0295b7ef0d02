"""mod_buffer: BufferSize, checked as httpd does.

Stored per directory (context.values): "BufferSize" (bytes).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import strtoff


@handles("BufferSize")
def buffer_size(cmd: Cmd, arg: str):
    v = strtoff(arg)
    if v is None or v <= 0:
        return "BufferSize must be a size in bytes, and greater than zero"
    cmd.context.values["BufferSize"] = v
    return None
