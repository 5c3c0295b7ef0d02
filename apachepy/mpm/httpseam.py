"""Where the MPM meets the HTTP layer (the contract is apachepy/http/api.py).

`open_site(loaded)` returns (module, site): the module provides `Connection`, and the site
(`Site.from_config(loaded)`) is built once per configuration generation, in the master before it
forks, so that log files are opened with the master's privileges and shared by every child.
`new_connection` makes the per-connection object for an accepted socket; `server_timeouts`
reads the main server's Timeout and KeepAliveTimeout as the HTTP layer parsed them.

Besides feed/ready/process, the MPM uses these of a Connection:
    keepalive_timeout, timeout   seconds, for the request's vhost (read after process())
    stopping = True              set by the MPM: the child is stopping, answer Connection: close
    timed_out(io)                the request head did not complete in time (httpd's 408 path)
    clogging (optional)          True when an async-incompatible connection filter is in place:
                                 the connection keeps its worker for its whole life (C.9),
                                 from its accept on: the listener never reads it
    attach(io) (optional)        right after the ConnIO is made: the pre_connection hooks
    filtered, recv(n), input_pending() (optional)   connection filters (TLS) sit between the
                                 socket and the HTTP layer: read through recv, and treat the
                                 connection as readable while input_pending()
    closed() (optional)          called once the socket is closed
and offers on the ConnIO, besides read/write/sendfile:
    flush(timeout)               send everything buffered now (blocking)
    note_request(line, vhost, protocol="http/1.1")   the request was read, its handler runs:
                                 the worker's slot shows W with the line and "host:port"
    note_logging(line, vhost)    it is being logged (L); also for a request refused unread
    note_served(nbytes)          it is logged: access counts, bytes and duration of the slot
                                 (mod_status counts only what these calls report)
    set_status(letter)           any other mod_status letter for the worker
    sent                         bytes written to the socket so far
"""
from __future__ import annotations


def open_site(loaded):
    from ..http import connection
    return connection, connection.Site.from_config(loaded)


def reap_other_child(pid: int, log_plain) -> bool:
    """A process the master started for the HTTP layer (a piped log program) has ended: True
    if the HTTP layer knew it (it has then been handled: httpd's other-child maintenance)."""
    from ..http.pipedlog import reap
    return reap(pid, log_plain)


def unmapped(addr) -> tuple[str, int]:
    """(host, port), an IPv4-mapped IPv6 address (a dual-stack listener's) as plain IPv4."""
    host = addr[0]
    if host.startswith("::ffff:") and "." in host:
        host = host[7:]
    return host, addr[1]


def new_connection(module, site, sock, addr):
    """`Connection(site, local_addr, remote_addr)` for an accepted socket."""
    return module.Connection(site, unmapped(sock.getsockname()), unmapped(addr))


def server_timeouts(site) -> tuple[float, float]:
    """(Timeout, KeepAliveTimeout) of the main server, in seconds."""
    return site.main.timeout, site.main.keep_alive_timeout
