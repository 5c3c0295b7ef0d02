"""mod_dav: WebDAV per directory, checked as httpd does.

Stored per directory (context.values): "DAV" (provider name, or None for Off), "DAVBasePath"
(str), "DAVMinTimeout" (seconds), "DAVDepthInfinity"/"DAVLockDiscovery" (bool).
"""
from __future__ import annotations

from ..config.walk import Cmd
from . import providers
from .base import handles
from .clib import atoi


@handles("DAV")
def dav(cmd: Cmd, arg: str):
    name = {"on": "filesystem", "off": None}.get(arg.lower(), arg)
    cmd.context.values["DAV"] = name
    if name is not None and not providers.lookup(cmd, "dav", name):
        return f"Unknown DAV provider: {name}"
    return None


@handles("DAVBasePath")
def base_path(cmd: Cmd, arg: str):
    cmd.context.values["DAVBasePath"] = arg
    return None


@handles("DAVMinTimeout")
def min_timeout(cmd: Cmd, arg: str):
    v = atoi(arg)
    cmd.context.values["DAVMinTimeout"] = v
    if v < 0:
        return "DAVMinTimeout requires a non-negative integer."
    return None


@handles("DAVDepthInfinity", "DAVLockDiscovery")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None
