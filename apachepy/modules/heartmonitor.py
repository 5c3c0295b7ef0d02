"""mod_heartmonitor: collecting heartbeats of other servers (HeartbeatStorage also serves
mod_lbmethod_heartbeat, whose handler checks and stores the same way).

Process-wide (config.values): "HeartbeatListen" ((host, port)), "HeartbeatStorage" (path
relative to DefaultRuntimeDir made absolute), "HeartbeatMaxServers" (int).
"""
from __future__ import annotations

from ..config.walk import GLOBAL_ONLY, Cmd
from .base import handles
from .clib import atoi
from .heartbeat import multicast_address


@handles("HeartbeatListen")
def listen(cmd: Cmd, addr: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    if "HeartbeatListen" in cmd.config.values:
        return "HeartbeatListen: May only be specified once."
    cmd.config.values["HeartbeatListen"] = None
    value, err = multicast_address(addr, "HeartbeatListen", True)
    if err:
        return err
    cmd.config.values["HeartbeatListen"] = value
    return None


@handles("HeartbeatStorage")
def storage(cmd: Cmd, path: str):
    err = cmd.check_context(GLOBAL_ONLY)      # mod_lbmethod_heartbeat's handler checks the same
    if err:
        return err
    from .proxy import runtime_dir_relative
    cmd.config.values["HeartbeatStorage"] = runtime_dir_relative(cmd, path)
    return None


@handles("HeartbeatMaxServers")
def max_servers(cmd: Cmd, data: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    n = atoi(data)
    if n != 0 and n < 10:
        return "HeartbeatMaxServers: Should be 0 for file storage, or greater or equal than 10 for slotmem"
    cmd.config.values["HeartbeatMaxServers"] = n
    return None
