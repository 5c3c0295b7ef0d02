"""mod_request: KeptBodySize, checked as httpd does.

Stored per directory (context.values): "KeptBodySize" (bytes).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import strtol


@handles("KeptBodySize")
def kept_body_size(cmd: Cmd, arg: str):
    v, end, over = strtol(arg)
    if over or v < 0 or end != len(arg):
        return "KeptBodySize must be a valid size in bytes, or zero."
    cmd.context.values["KeptBodySize"] = v
    return None
