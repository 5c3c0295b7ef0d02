"""mod_proxy_express: mass reverse proxying from a DBM map.

Stored per server (server.values): "ProxyExpressEnable" (bool), "ProxyExpressDBMFile"
(absolute path), "ProxyExpressDBMType" (str).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("ProxyExpressEnable")
def enable(cmd: Cmd, flag: bool):
    cmd.server.values["ProxyExpressEnable"] = flag
    return None


@handles("ProxyExpressDBMFile")
def dbm_file(cmd: Cmd, arg: str):
    cmd.server.values["ProxyExpressDBMFile"] = cmd.reader.server_root_relative(arg)
    return None


@handles("ProxyExpressDBMType")
def dbm_type(cmd: Cmd, arg: str):
    cmd.server.values["ProxyExpressDBMType"] = arg
    return None
