"""mod_heartbeat: where the server announces its status.

Process-wide (config.values): "HeartbeatAddress" ((host, port)).
"""
from __future__ import annotations

import socket

from ..config.walk import GLOBAL_ONLY, Cmd
from .base import handles
from .clib import parse_addr_port


def ipv4_resolves(host: str) -> bool:
    """apr_sockaddr_info_get(host, APR_INET)."""
    try:
        socket.getaddrinfo(host, None, socket.AF_INET)
        return True
    except (OSError, UnicodeError, ValueError):
        return False


def multicast_address(value: str, what: str, multicast: bool) -> tuple[tuple[str, int] | None, str | None]:
    host, _, port, ok = parse_addr_port(value)
    suffix = " multicast address" if multicast else " address"
    if not ok:
        return None, f"{what}: Unable to parse{suffix}."
    if host is None:
        return None, f"{what}: No host provided in{suffix}"
    if not port:
        return None, f"{what}: No port provided in{suffix}"
    if not ipv4_resolves(host):
        return None, (f"{what}: apr_sockaddr_info_get failed on multicast address" if multicast
                      else f"{what}: apr_sockaddr_info_get failed.")
    return (host, port), None


@handles("HeartbeatAddress")
def heartbeat_address(cmd: Cmd, addr: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    if "HeartbeatAddress" in cmd.config.values:
        return "HeartbeatAddress: May only be specified once."
    cmd.config.values["HeartbeatAddress"] = None
    value, err = multicast_address(addr, "HeartbeatAddress", False)
    if err:
        return err
    cmd.config.values["HeartbeatAddress"] = value
    return None
