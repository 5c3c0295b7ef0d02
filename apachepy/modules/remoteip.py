"""mod_remoteip: trusted proxies, headers and the PROXY protocol, checked as httpd does.

Stored per server (server.values):
  "RemoteIPHeader", "RemoteIPProxiesHeader": header names
  "RemoteIPProxies": [(subnet, internal)] in order, subnet as (family, network, mask) from
      RemoteIPTrustedProxy/RemoteIPInternalProxy and their *List files (internal is True for
      the Internal forms)
Process-wide (config.values, as httpd keeps them in the main server):
  "RemoteIPProxyProtocol": {"on": [addr], "off": [addr]}, addr = (ip, port, Server)
  "RemoteIPProxyProtocolExceptions": [subnet]
"""
from __future__ import annotations

import os
import socket

from ..config.args import getword
from ..config.walk import Cmd
from .base import handles
from .clib import APR_EINVAL, ipsubnet_create
from .cmdlog import server_log


@handles("RemoteIPHeader", "RemoteIPProxiesHeader")
def header_name(cmd: Cmd, arg: str):
    cmd.server.values[cmd.cmd.name] = arg
    return None


def _looks_like_ip(s: str) -> bool:
    return ":" in s or all(c == "." or "0" <= c <= "9" for c in s)


def _resolve(host: str) -> tuple[list[str], str | None]:
    """apr_sockaddr_info_get(host, APR_UNSPEC): the addresses, or the resolver's message."""
    try:
        infos = socket.getaddrinfo(host, None, socket.AF_UNSPEC, socket.SOCK_STREAM)
    except socket.gaierror as e:
        return [], e.strerror
    except (UnicodeError, ValueError):
        return [], "Name or service not known"
    return [i[4][0] for i in infos], None


def proxies_set(cmd: Cmd, arg: str) -> str | None:
    internal = cmd.cmd.name.startswith("RemoteIPInternal")
    ip, slash, mask = arg.partition("/")
    matches = cmd.server.values.setdefault("RemoteIPProxies", [])
    if _looks_like_ip(ip):
        subnet, err = ipsubnet_create(ip, mask if slash else None)
        subnets = [subnet]
    else:
        if slash:
            return f"RemoteIP: Error parsing IP {arg} the subnet /{mask} is invalid for {cmd.cmd.name}"
        addrs, err = _resolve(ip)
        subnets = []
        for a in addrs:
            subnet, err = ipsubnet_create(a, None)
            subnets.append(subnet)
    if err:
        return f"RemoteIP: Error parsing IP {arg} ({err} error) for {cmd.cmd.name}"
    matches.extend((s, internal) for s in subnets)
    return None


handles("RemoteIPTrustedProxy", "RemoteIPInternalProxy")(proxies_set)


@handles("RemoteIPTrustedProxyList", "RemoteIPInternalProxyList")
def proxylist_read(cmd: Cmd, filename: str):
    from ..config.source import LineSource, NotRegular
    path = cmd.reader.server_root_relative(filename)
    try:
        src = LineSource.open(path, 8192)
    except NotRegular:
        cmd.reader.log.log("core", "error", f"AH00554: Access to file {path} denied by server: not a regular file")
        return f"{cmd.cmd.name}: Could not open file {path}: Bad file descriptor"
    except OSError as e:
        return f"{cmd.cmd.name}: Could not open file {path}: {os.strerror(e.errno or 5)}"
    lineno = 0
    for lineno, text in _lines(src):
        pos = 0
        while True:
            word, pos = getword(text, pos)
            if not word or word.startswith("#"):
                break
            err = proxies_set(cmd, word)
            if err:
                return f"{err} at line {lineno} of {path}"
    return None


def _lines(src):
    """(line number, logical line) pairs of a file read as ap_cfg_getline does; a line too
    long ends the reading silently, as the read error ends httpd's loop."""
    from ..config.source import LineTooLong
    while True:
        try:
            got = src.next_raw()
        except LineTooLong:
            return
        if got is None:
            return
        yield src.line, got


def _vhost_addrs(cmd: Cmd) -> list[tuple[str, int]]:
    """The server's addresses as httpd holds them while reading (the main server: 0.0.0.0:0)."""
    s = cmd.server
    if not s.is_virtual:
        return [("0.0.0.0", 0)]
    out = []
    for a in s.addrs:
        port = a.port or 0
        if a.host in ("*", "_default_"):
            out.append(("0.0.0.0", port))
        else:
            host = a.host.strip("[]")
            addrs, err = _resolve(host) if not _looks_like_ip(host) else ([host], None)
            out.extend((ip, port) for ip in addrs[:1])
    return out


def _describe(server, addr_port: int | None) -> str:
    name = server.server_name or "(null)"
    defn = server.node.file if server.node is not None else "(null)"
    return f"{name}:{addr_port if addr_port is not None else 0} in {defn}"


@handles("RemoteIPProxyProtocol")
def proxy_protocol(cmd: Cmd, flag: bool):
    lists = cmd.config.values.setdefault("RemoteIPProxyProtocol", {"on": [], "off": []})
    add, rem = (lists["on"], lists["off"]) if flag else (lists["off"], lists["on"])
    for ip, port in _vhost_addrs(cmd):
        for i, (pip, pport, source) in enumerate(rem):
            if (pip, pport) == (ip, port):
                prev_port = source.addrs[0].port if source.is_virtual and source.addrs else 0
                new_port = cmd.server.addrs[0].port if cmd.server.is_virtual and cmd.server.addrs else 0
                server_log(cmd, "remoteip", "notice",
                           f"AH03491: RemoteIPProxyProtocol: previous setting for {pip}:{pport} from virtual host "
                           f"{{{_describe(source, prev_port)}}} is being overridden by virtual host "
                           f"{{{_describe(cmd.server, new_port)}}}; new setting is '{'On' if flag else 'Off'}'")
                del rem[i]
                break
        if not any((aip, aport) == (ip, port) for aip, aport, _ in add):
            add.insert(0, (ip, port, cmd.server))
    return None


@handles("RemoteIPProxyProtocolExceptions")
def disable_networks(cmd: Cmd, argv: list[str]):
    if not argv:
        return f"{cmd.cmd.name} requires an argument"
    subnets = cmd.config.values.setdefault("RemoteIPProxyProtocolExceptions", [])
    for a in argv:
        addr, slash, mask = a.partition("/")
        subnet, err = ipsubnet_create(addr, mask if slash else None)
        if err == APR_EINVAL:
            return f"ip address '{addr}' appears to be invalid"
        if err:
            return f"ip address '{addr}' appears to be invalid: {err}"
        subnets.append(subnet)
    return None
