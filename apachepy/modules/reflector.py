"""mod_reflector: request headers reflected into the response.

Stored per directory (context.values): "ReflectorHeader" ([(request header, response header)]).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("ReflectorHeader")
def reflector_header(cmd: Cmd, header: str, out: str | None):
    cmd.context.values.setdefault("ReflectorHeader", []).append((header, out or header))
    return None
