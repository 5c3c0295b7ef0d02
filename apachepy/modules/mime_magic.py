"""mod_mime_magic: the magic file.

Stored per server (server.values): "MimeMagicFile" (as given; made absolute when read).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("MimeMagicFile")
def magic_file(cmd: Cmd, arg: str):
    cmd.server.values["MimeMagicFile"] = arg
    return None
