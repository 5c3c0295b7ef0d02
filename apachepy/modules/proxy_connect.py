"""mod_proxy_connect: the ports CONNECT may reach, checked as httpd does.

Stored per server (server.values): "AllowCONNECT" ([(first, last)] port ranges).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import isdigit, strtol


@handles("AllowCONNECT")
def allow_connect(cmd: Cmd, arg: str):
    if not isdigit(arg[:1]):
        return "AllowCONNECT: port numbers must be numeric"
    first, end, _ = strtol(arg)
    p = arg
    if arg[end:end + 1] == "-":
        p = arg[end + 1:]
        last, end2, _ = strtol(p)
        rest_ok = end2 != 0 and end2 == len(p)
    else:
        last = first
        rest_ok = end == len(arg)
    if not rest_ok:
        return f"Cannot parse '{p}' as port number"
    cmd.server.values.setdefault("AllowCONNECT", []).append((first & 0xFFFFFFFF, last & 0xFFFFFFFF))
    return None
