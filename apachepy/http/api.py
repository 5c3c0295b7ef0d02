"""The seam between the event MPM and the HTTP layer.

The MPM owns sockets, threads and processes; the HTTP layer owns bytes and semantics.  For each
accepted connection the MPM creates one `Connection` (apachepy.http.connection) from the
`Site` of the current generation and then:

  * on the listener thread, feeds it what the socket delivers (`feed`) until `ready()` says
    a whole request head is buffered (or the peer closed / a limit was hit) -- a slow client
    never holds a worker while it dribbles its request line and headers;
  * hands it to a worker thread, which calls `process(io)`: it runs every request that is
    ready (pipelined ones included), reading request bodies through `io.read` (blocking, with
    the Timeout), writing responses through `io.write`/`io.sendfile`, and returns an
    `Outcome`: KEEPALIVE (give the socket back to the listener), CLOSE (lingering close),
    or WAIT_READ (only part of the next request head is buffered).

What else the MPM may use on a Connection (all optional for other HTTP layers):
  * `keepalive_timeout` / `timeout` (seconds): the KeepAliveTimeout and Timeout of the server
    that handled the last request (the connection's address-based vhost before that);
  * `stopping = True`: the child is exiting; responses say Connection: close;
  * `timed_out(io)`: call when Timeout passed while waiting for a request head; the HTTP
    layer logs it and, when the request line was complete, writes httpd's 408 page;
  * connection filters (apachepy/filters, docs/filters.md): `attach(io)` once the ConnIO
    exists (runs the pre_connection hooks, e.g. mod_ssl's TLS filters); then `filtered`
    (read with `recv(n)`, non-blocking through the filters, instead of the socket),
    `input_pending()` (decoded input is buffered although the socket may not be readable)
    and `clogging` (an async-incompatible connection filter: a worker keeps the connection
    from its accept to its close).
"""
from __future__ import annotations

import enum
from typing import Protocol


class Outcome(enum.Enum):
    KEEPALIVE = "keepalive"
    CLOSE = "close"
    WAIT_READ = "wait_read"


class ConnIO(Protocol):
    """What a worker gives the HTTP layer: the socket, seen through httpd's timeouts."""

    def read(self, max_bytes: int, timeout: float) -> bytes:
        """Blocking read; b"" on EOF; raises TimeoutError after `timeout` seconds."""

    def write(self, data: bytes) -> None:
        """Send everything (blocking under Timeout); raises OSError if the client is gone."""

    def sendfile(self, fileobj, offset: int, count: int) -> None:
        """Send `count` bytes of an open file from `offset` (os.sendfile where possible)."""
