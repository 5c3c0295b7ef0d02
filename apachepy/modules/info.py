"""mod_info: extra text shown for a module.

Stored per server (server.values): "AddModuleInfo" ([(module source name, HTML text)]).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("AddModuleInfo")
def add_module_info(cmd: Cmd, name: str, info: str):
    cmd.server.values.setdefault("AddModuleInfo", []).append((name, info))
    return None
