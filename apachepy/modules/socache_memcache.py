"""mod_socache_memcache: connection TTL, checked as httpd does.

Stored per server (server.values): "MemcacheConnTTL" (microseconds).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import timeout_parse


def ttl_setting(cmd: Cmd, arg: str):
    t = timeout_parse(arg, "s")
    if t is None:
        return f"{cmd.cmd.name} has wrong format"
    if t < 0 or t > 3600 * 1_000_000:
        return f"{cmd.cmd.name} can only be 0 or up to one hour."
    cmd.server.values[cmd.cmd.name] = t
    return None


handles("MemcacheConnTTL")(ttl_setting)
