"""mod_cache_disk: the disk cache's layout and size limits, checked as httpd does.

Stored per server (server.values): "CacheRoot" (str), "CacheDirLevels", "CacheDirLength" (int;
their product may not exceed 20). Stored per directory (context.values): "CacheMinFileSize",
"CacheMaxFileSize", "CacheReadSize" (bytes), "CacheReadTime" (milliseconds).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import atoi, int32, strtoff

CACHEFILE_LEN = 20
DEFAULTS = {"CacheDirLevels": 2, "CacheDirLength": 2}


@handles("CacheRoot")
def cache_root(cmd: Cmd, arg: str):
    cmd.server.values["CacheRoot"] = arg
    return None


@handles("CacheDirLevels", "CacheDirLength")
def dir_shape(cmd: Cmd, arg: str):
    name = cmd.cmd.name
    other = "CacheDirLength" if name == "CacheDirLevels" else "CacheDirLevels"
    val = atoi(arg)
    if val < 1:
        return f"{name} value must be an integer greater than 0"
    if int32(val * cmd.server.values.get(other, DEFAULTS[other])) > CACHEFILE_LEN:
        return "CacheDirLevels*CacheDirLength value must not be higher than 20"
    cmd.server.values[name] = val
    return None


_MESSAGES = {
    "CacheMinFileSize": "CacheMinFileSize argument must be a non-negative integer representing the min size "
                        "of a file to cache in bytes.",
    "CacheMaxFileSize": "CacheMaxFileSize argument must be a non-negative integer representing the max size "
                        "of a file to cache in bytes.",
    "CacheReadSize": "CacheReadSize argument must be a non-negative integer representing the max amount of "
                     "data to cache in go.",
    "CacheReadTime": "CacheReadTime argument must be a non-negative integer representing the max amount of "
                     "time taken to cache in go.",
}


@handles(*_MESSAGES)
def non_negative(cmd: Cmd, arg: str):
    v = strtoff(arg)
    if v is None or v < 0:
        return _MESSAGES[cmd.cmd.name]
    cmd.context.values[cmd.cmd.name] = v
    return None
