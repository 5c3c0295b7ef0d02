"""Virtual host selection as vhost.c does it.

At connection time (`for_connection`) the local address picks an address chain: an exact
IP:port entry, else a wildcard-port entry for that IP, else a `*`/`_default_` entry for the
port, else the main server.  The chain's default server is the first vhost (in config order)
defined for that address; when several vhosts share the address the chain's name list is
kept for name-based matching on each request (`for_request`, ServerName/ServerAlias).
"""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field


@dataclass(eq=False)
class AddrChain:
    host: str                   # normalised IP, or "*" for the wildcard
    port: int                   # 0 = any port
    server: object = None       # the default server for this address
    names: list = field(default_factory=list)   # [(server, sar_port, virthost)] in config order
    initial: list = field(default_factory=list)


def _norm_ip(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def _resolve(host: str) -> list[str]:
    ip = _norm_ip(host)
    if ip is not None:
        return [ip]
    try:
        infos = socket.getaddrinfo(host, None, socket.AF_UNSPEC, socket.SOCK_STREAM)
    except OSError:
        return []
    return [str(ipaddress.ip_address(i[4][0])) for i in infos[:1]]


class VhostTable:
    """The run-time lookup tables built from the vhosts' addresses (ap_fini_vhost_config)."""

    def __init__(self, main, vhosts: list):
        """`main`/`vhosts` are the HTTP layer's server records (with `.model.addrs`)."""
        self.main = main
        self.ip: dict[tuple[str, int], AddrChain] = {}
        self.ip_wild: dict[str, AddrChain] = {}
        self.default_list: list[AddrChain] = []
        # for_connection's answers by local address: they depend on nothing else, and
        # normalising the address through ipaddress costs more than a whole small request
        self._by_addr: dict[tuple[str, int], tuple] = {}
        # httpd walks the vhosts from last to first so that the first one ends as default
        for s in reversed(vhosts):
            prev = None
            for a in s.model.addrs:
                port = a.port or 0
                hosts = ["*"] if a.host == "*" or _norm_ip(a.host) in ("0.0.0.0", "::") else _resolve(a.host)
                for h in hosts:
                    if h == "*":
                        ic = self._find_default(port)
                        if ic is not None and ic.port == port:
                            if not (prev is not None and prev[0] == "*" and prev[1] == port):
                                self._add_name(s, port, a.host, ic)
                        else:
                            ic = AddrChain("*", port)
                            self.default_list.insert(0, ic)
                            self._add_name(s, port, a.host, ic)
                    else:
                        ic = self._find_ip(h, port)
                        if ic is None or ic.port != port:
                            ic = AddrChain(h, port)
                            if port:
                                self.ip[(h, port)] = ic
                            else:
                                self.ip_wild.setdefault(h, ic)
                        self._add_name(s, port, a.host, ic)
                    prev = (h, port)

    @staticmethod
    def _add_name(s, port: int, virthost: str, ic: AddrChain) -> None:
        nc = (s, port, virthost)
        ic.server = s
        if not ic.names:
            if not ic.initial:
                ic.initial = [nc]
            else:
                ic.names = [nc] + ic.initial
                ic.initial = []
        else:
            ic.names.insert(0, nc)

    def _find_ip(self, ip: str, port: int) -> AddrChain | None:
        ic = self.ip.get((ip, port))
        if ic is not None:
            return ic
        return self.ip_wild.get(ip)

    def _find_default(self, port: int) -> AddrChain | None:
        wild = None
        for ic in self.default_list:
            if ic.port == port:
                return ic
            if wild is None and ic.port == 0:
                wild = ic
        return wild

    def for_connection(self, local_ip: str, local_port: int):
        """(base server, name chain or None) for a connection (ap_update_vhost_given_ip)."""
        key = (local_ip, local_port)
        hit = self._by_addr.get(key)
        if hit is None:
            hit = self._by_addr[key] = self._for_addr(local_ip, local_port)
        return hit

    def _for_addr(self, local_ip: str, local_port: int):
        ip = _norm_ip(local_ip) or local_ip
        if ip.startswith("::ffff:"):
            ip = ip[7:]
        ic = self._find_ip(ip, local_port)
        if ic is None:
            ic = self._find_default(local_port)
        if ic is None:
            return self.main, None
        return ic.server, (ic.names or None)

    @staticmethod
    def for_request(names, base, hostname: str, local_port: int):
        """update_server_from_aliases: the server for `hostname`, or None (no match: 400 only
        in strict host checking; the caller keeps the connection's server)."""
        virthost_s = None
        last_s = None
        for s, sar_port, virthost in names:
            if sar_port and sar_port != local_port:
                continue
            if s is not last_s and s.matches_name(hostname):
                return s
            if virthost_s is None and hostname.lower() == virthost.lower():
                virthost_s = s
            last_s = s
        return virthost_s
