"""What a worker hands the HTTP layer: the connection's socket seen through httpd's timeouts
(apachepy.http.api.ConnIO), plus the output the worker could not send at once.

The socket stays non-blocking; a read or write that would block waits in poll() for at most the
Timeout.  Reads are request bodies (heads are complete before a worker runs), so they also obey
RequestReadTimeout's body stage (mod_reqtimeout): its clock starts at the first read of a
request (note_request) or of a process() call.

Output that does not fit in the socket buffer is kept (at most FLUSH_MAX bytes of data and
FILES_MAX file ranges, like httpd's core output filter) and the worker returns; the listener
finishes sending it when the socket is writable ("write completion"), so a slow client does
not hold a worker for the tail of a large response.
"""
from __future__ import annotations

import os
import select
import time
from collections import deque

from .scoreboard import STATUS

FLUSH_MAX = 65536         # FlushMaxThreshold: buffered bytes above this are written blocking
FILES_MAX = 4             # deferred file ranges (each holds a dup'ed descriptor)
POLLIN = select.POLLIN | select.POLLPRI
POLLOUT = select.POLLOUT


def wait_fd(fd: int, events: int, timeout: float) -> bool:
    """Wait for readiness; False on timeout.  Errors/hangups count as ready (the next call fails)."""
    p = select.poll()
    p.register(fd, events)
    deadline = time.monotonic() + timeout
    while True:
        if p.poll(max(0.0, deadline - time.monotonic()) * 1000):
            return True
        if time.monotonic() >= deadline:
            return False


class _FileRange:
    __slots__ = ("fd", "offset", "count")

    def __init__(self, fd: int, offset: int, count: int):
        self.fd, self.offset, self.count = fd, offset, count


class SocketIO:
    """One per connection; used by one thread at a time (its worker, then the listener)."""

    __slots__ = ("sock", "fd", "timeout", "pending", "pending_bytes", "pending_files", "sent",
                 "requests", "score", "timed", "body_stage", "body_start", "body_bytes")

    def __init__(self, sock, timeout: float, body_stage):
        self.sock = sock
        self.fd = sock.fileno()
        self.timeout = timeout
        self.body_stage = body_stage      # StageTimeout for reading request bodies
        self.body_start = 0.0             # 0: the body clock starts at the next read
        self.body_bytes = 0
        self.pending: deque = deque()     # bytes and _FileRange, in order
        self.pending_bytes = 0
        self.pending_files = 0
        self.sent = 0                     # bytes written to the socket (mod_status, %O-like)
        self.requests = 0                 # requests noted by the HTTP layer (note_request)
        self.score = None                 # the worker's scoreboard handle while it runs
        self.timed = False                # note_request started the slot's request clock

    # -- what the HTTP layer calls -------------------------------------------------------
    def read(self, max_bytes: int, timeout: float) -> bytes:
        sock = self.sock
        stage = self.body_stage
        if not self.body_start:
            self.body_start = time.monotonic()
            self.body_bytes = 0
        while True:
            try:
                data = sock.recv(max_bytes)
            except BlockingIOError:
                wait = timeout
                if not stage.per_read:
                    now = time.monotonic()
                    wait = min(timeout, stage.deadline(self.body_start, now, self.body_bytes) - now)
                if wait <= 0 or not wait_fd(self.fd, POLLIN, wait):
                    raise TimeoutError("read timed out") from None
                continue
            self.body_bytes += len(data)
            return data

    def new_request(self) -> None:
        """A request starts (the worker calls it at process(), note_request at each request):
        its body gets a fresh RequestReadTimeout clock."""
        self.body_start = 0.0

    def write(self, data) -> None:
        if not data:
            return
        if self.pending:
            self._keep(bytes(data))
        else:
            try:
                n = self.sock.send(data)
            except BlockingIOError:
                n = 0
            self.sent += n
            if n < len(data):
                self._keep(bytes(memoryview(data)[n:]))
        if self.pending_bytes > FLUSH_MAX:
            self.flush(self.timeout)

    def sendfile(self, fileobj, offset: int, count: int) -> None:
        fd = fileobj if isinstance(fileobj, int) else fileobj.fileno()
        if not self.pending:
            while count > 0:
                try:
                    n = os.sendfile(self.fd, fd, offset, count)
                except BlockingIOError:
                    break
                if n == 0:
                    raise OSError("file shorter than its response")
                self.sent += n
                offset += n
                count -= n
        if count > 0:
            self.pending.append(_FileRange(os.dup(fd), offset, count))
            self.pending_files += 1
            if self.pending_files > FILES_MAX:
                self.flush(self.timeout)

    def set_status(self, letter: str) -> None:
        """Show the worker as `L` (logging), `W`, `R`... in mod_status (optional for the HTTP layer)."""
        if self.score is not None and letter in STATUS:
            self.score.set(STATUS.index(letter))

    # The request's life in the worker's scoreboard slot, at the points where httpd updates
    # it (all optional for an HTTP layer; without them the slot shows only R/W/_):
    def note_request(self, request_line: str, vhost: str, protocol: str = "http/1.1") -> None:
        """The request was read and is handled now: `W` with its line and "host:port"."""
        self.requests += 1
        self.body_start = 0.0
        if self.score is not None:
            self.score.handling(request_line, vhost, self.requests)
            self.timed = True

    def note_logging(self, request_line: str, vhost: str) -> None:
        """The request (handled, or refused as unreadable) is being logged: `L`."""
        if self.score is not None:
            self.score.logging(request_line, vhost)

    def note_served(self, nbytes: int) -> None:
        """The request is logged: count it and the bytes it sent in the slot."""
        if self.score is not None:
            self.score.served(nbytes, self.timed)
        self.timed = False

    # -- output kept for later -----------------------------------------------------------
    def _keep(self, data: bytes) -> None:
        self.pending.append(data)
        self.pending_bytes += len(data)

    def flush_some(self) -> bool:
        """Send what the socket takes now; True when nothing is left.  OSError if gone."""
        pending = self.pending
        while pending:
            item = pending[0]
            if isinstance(item, bytes):
                try:
                    n = self.sock.send(item)
                except BlockingIOError:
                    return False
                self.sent += n
                self.pending_bytes -= n
                if n < len(item):
                    pending[0] = item[n:]
                    return False
                pending.popleft()
            else:
                while item.count > 0:
                    try:
                        n = os.sendfile(self.fd, item.fd, item.offset, item.count)
                    except BlockingIOError:
                        return False
                    if n == 0:
                        item.count = 0
                        self.discard()
                        raise OSError("file shorter than its response")
                    self.sent += n
                    item.offset += n
                    item.count -= n
                pending.popleft()
                os.close(item.fd)
                self.pending_files -= 1
        return True

    def flush(self, timeout: float) -> None:
        """Blocking flush under `timeout` per wait (httpd's Timeout applies to each write)."""
        while not self.flush_some():
            if not wait_fd(self.fd, POLLOUT, timeout):
                raise TimeoutError("write timed out")

    def discard(self) -> None:
        """Forget unsent output (the connection is being closed), closing deferred files."""
        for item in self.pending:
            if not isinstance(item, bytes):
                try:
                    os.close(item.fd)
                except OSError:
                    pass
        self.pending.clear()
        self.pending_bytes = 0
        self.pending_files = 0
