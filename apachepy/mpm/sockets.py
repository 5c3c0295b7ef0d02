"""Listening sockets (listen.c): bind every `Listen`, keep them across restarts.

The master opens them before it forks, so children inherit them; on a restart a listener that is
still configured is reused as it is (same socket, same backlog of waiting clients), new ones are
bound and dropped ones are closed.  Options as httpd sets them: SO_REUSEADDR, non-blocking,
ListenBacklog, SendBufferSize/ReceiveBufferSize, TCP_DEFER_ACCEPT = ListenTCPDeferAccept unless
`AcceptFilter <protocol> none` (Linux has no other accept filters: any other name means
"data", httpd's default), and for a host-less `Listen` one dual-stack `[::]` socket
(IPv4-mapped) when IPv6 is available.
"""
from __future__ import annotations

import os
import socket
import sys
from dataclasses import dataclass

from ..config.model import Listen


class NoListeners(Exception):
    """Raised after the bind errors have been reported: httpd's "no listening sockets"."""


@dataclass(eq=False)
class ListenSocket:
    sock: socket.socket
    key: tuple            # (family, address, port): what makes two Listens the same socket
    proto: str            # "http" / "https" as the Listen directive said
    scope: int = 0        # IPv6 scope id (to bind a duplicate the same way)
    defer: int = 0        # TCP_DEFER_ACCEPT seconds it was made with

    @property
    def port(self) -> int:
        return self.key[2]

    def fileno(self) -> int:
        return self.sock.fileno()


def show_addr(family: int, host: str, port: int) -> str:
    """%pI as httpd prints a socket address: `127.0.0.1:80`, `[::]:80`."""
    return f"[{host}]:{port}" if family == socket.AF_INET6 else f"{host}:{port}"


def _have_ipv6() -> bool:
    try:
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM).close()
        return True
    except OSError:
        return False


def addresses(listen: Listen) -> list[tuple[int, str, int, int]]:
    """(family, host, port, scope id) for one Listen; a hostname gives every resolved address."""
    port = listen.port
    host = listen.host
    if host is None:
        return [(socket.AF_INET6, "::", port, 0)] if _have_ipv6() else [(socket.AF_INET, "0.0.0.0", port, 0)]
    if ":" in host:
        scope = 0
        text = listen.text
        if "%" in text and text.startswith("["):
            try:
                scope = socket.if_nametoindex(text[text.index("%") + 1:text.index("]")])
            except OSError:
                scope = 0
        return [(socket.AF_INET6, host, port, scope)]
    try:
        infos = socket.getaddrinfo(host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
    except socket.gaierror:
        return [(socket.AF_INET, host, port, 0)]       # bind will report it
    out = []
    for fam, _t, _p, _c, sa in infos:
        item = (fam, sa[0], port, sa[3] if fam == socket.AF_INET6 else 0)
        if item not in out:
            out.append(item)
    return out


_reuseport: bool | None = None


def have_reuseport() -> bool:
    """ap_have_so_reuseport: Linux's SO_REUSEPORT (load-balancing between sockets bound to
    the same address), checked once."""
    global _reuseport
    if _reuseport is None:
        _reuseport = False
        if sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT"):
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
                _reuseport = True
            except OSError:
                pass
    return _reuseport


def _make_sock(family: int, host: str, port: int, scope: int, mpm: dict, defer: int) -> socket.socket:
    s = socket.socket(family, socket.SOCK_STREAM)
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if mpm.get("ListenCoresBucketsRatio", 0) > 0 and have_reuseport():
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)     # listener buckets
        if family == socket.AF_INET6 and host == "::":
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        if mpm.get("SendBufferSize"):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, mpm["SendBufferSize"])
        if mpm.get("ReceiveBufferSize"):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, mpm["ReceiveBufferSize"])
        s.bind((host, port, 0, scope) if family == socket.AF_INET6 else (host, port))
        s.listen(mpm.get("ListenBacklog", 511))
        if defer and hasattr(socket, "TCP_DEFER_ACCEPT"):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, defer)
        s.setblocking(False)
    except OSError:
        s.close()
        raise
    return s


def open_listeners(listens: list[Listen], mpm: dict, previous: list[ListenSocket], report,
                   accept_filters: dict | None = None) -> list[ListenSocket]:
    """Bind the configured listeners, reusing `previous` ones with the same address.
    `accept_filters` is AcceptFilter's {protocol: filter name}.

    `report(msg, err)` prints an error the way the caller needs (stderr at startup, the error
    log on a restart).  Raises NoListeners when nothing could be bound (after reporting)."""
    old = {ls.key: ls for ls in previous}
    out: list[ListenSocket] = []
    failed = False
    for listen in listens:
        for family, host, port, scope in addresses(listen):
            key = (family, host, port)
            if any(ls.key == key for ls in out):
                continue
            if key in old:
                out.append(old.pop(key))
                continue
            defer = 0 if (accept_filters or {}).get(listen.proto, "data") == "none" \
                else mpm.get("ListenTCPDeferAccept", 30)
            try:
                out.append(ListenSocket(_make_sock(family, host, port, scope, mpm, defer), key, listen.proto,
                                        scope, defer))
            except OSError as e:
                report(f"AH00072: make_sock: could not bind to address {show_addr(family, host, port)}", e)
                failed = True
    if failed or not out:
        for ls in out:
            if ls.key not in {p.key for p in previous}:
                ls.sock.close()
        report("no listening sockets available, shutting down", None)
        raise NoListeners()
    for ls in old.values():          # no longer configured
        ls.sock.close()
    return out


# -- listener buckets (ListenCoresBucketsRatio) ------------------------------------------------
# With a ratio > 0 and SO_REUSEPORT, every listener exists once per bucket (online CPUs / ratio
# buckets when that is more than 1): bucket 0 holds the listeners above, the others duplicates
# bound to the same addresses, and the kernel spreads new connections over them.  The child in
# scoreboard slot i serves bucket i % buckets only.

def bucket_count(mpm: dict, log) -> int:
    """ap_duplicate_listeners' choice of the number of buckets; `log(level, msg)` gets
    AH02819 (info) or AH02820 (warn)."""
    ratio = mpm.get("ListenCoresBucketsRatio", 0)
    if ratio <= 0:
        return 1
    if not have_reuseport():
        log("warn", "AH02820: ListenCoresBucketsRatio ignored without SO_REUSEPORT and _SC_NPROCESSORS_ONLN "
                    "support: using a single listeners bucket")
        return 1
    cores = os.sysconf("SC_NPROCESSORS_ONLN")
    n = max(1, cores // ratio)
    log("info", f"AH02819: Using {n} listeners bucket(s) based on {cores} online CPU cores and a ratio of {ratio}")
    return n


def duplicate_listeners(listeners: list[ListenSocket], mpm: dict, buckets: int,
                        report) -> list[list[ListenSocket]]:
    """The listeners of every bucket: `listeners` first, then `buckets - 1` sets of duplicates.
    A duplicate that cannot be bound is reported (AH00072) and NoListeners raised, after the
    duplicates made so far are closed."""
    out = [listeners]
    try:
        for _ in range(1, buckets):
            dups = []
            out.append(dups)
            for ls in listeners:
                family, host, port = ls.key
                try:
                    sock = _make_sock(family, host, port, ls.scope, mpm, ls.defer)
                except OSError as e:
                    report(f"AH00072: make_sock: could not bind to address {show_addr(family, host, port)}", e)
                    raise NoListeners() from None
                dups.append(ListenSocket(sock, ls.key, ls.proto, ls.scope, ls.defer))
    except NoListeners:
        close_duplicates(out)
        raise
    return out


def close_duplicates(buckets: list[list[ListenSocket]]) -> None:
    """Close the duplicates (buckets 1 and up); bucket 0's listeners are kept across restarts."""
    for bucket in buckets[1:]:
        for ls in bucket:
            ls.sock.close()
