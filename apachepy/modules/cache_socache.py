"""mod_cache_socache: the shared-object cache provider and its limits, checked as httpd does.

Stored per server (server.values): "CacheSocache" ((provider name, args or None)).
Stored per directory (context.values): "CacheSocacheMaxSize", "CacheSocacheReadSize" (bytes),
"CacheSocacheMaxTime", "CacheSocacheMinTime" (seconds), "CacheSocacheReadTime" (milliseconds).
"""
from __future__ import annotations

from ..config.walk import Cmd
from . import providers
from .base import handles
from .clib import strtoff


@handles("CacheSocache")
def cache_socache(cmd: Cmd, arg: str):
    name, sep, args = arg.partition(":")
    cmd.server.values["CacheSocache"] = (name, args if sep else None)
    if not providers.lookup(cmd, "socache", name):
        return (f"Unknown socache provider '{name}'. Maybe you need to load the appropriate socache module "
                f"(mod_socache_{name}?)")
    return None


_LIMITS = {
    "CacheSocacheMaxSize": (1024, 2**32 - 1,
                            "CacheSocacheMaxSize argument must be a integer representing the max size of a "
                            "cached entry (headers and body), at least 1024 and at most (4294967295U)"),
    "CacheSocacheMaxTime": (0, None, "CacheSocacheMaxTime argument must be the maximum amount of time in seconds "
                                     "to cache an entry."),
    "CacheSocacheMinTime": (0, None, "CacheSocacheMinTime argument must be the minimum amount of time in seconds "
                                     "to cache an entry."),
    "CacheSocacheReadSize": (0, None, "CacheSocacheReadSize argument must be a non-negative integer representing "
                                      "the max amount of data to cache in go."),
    "CacheSocacheReadTime": (0, None, "CacheSocacheReadTime argument must be a non-negative integer representing "
                                      "the max amount of time taken to cache in go."),
}


@handles(*_LIMITS)
def limited(cmd: Cmd, arg: str):
    low, high, message = _LIMITS[cmd.cmd.name]
    v = strtoff(arg)
    if v is None or v < low or (high is not None and v > high):
        return message
    cmd.context.values[cmd.cmd.name] = v
    return None
