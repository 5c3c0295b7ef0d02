"""mod_imagemap: defaults for server-side image maps.

Stored per directory (context.values): "ImapMenu", "ImapDefault", "ImapBase" (str).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("ImapMenu", "ImapDefault", "ImapBase")
def imap_setting(cmd: Cmd, arg: str):
    cmd.context.values[cmd.cmd.name] = arg
    return None
