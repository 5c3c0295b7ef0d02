"""The network filters at the bottom of every connection (core_filters.c) and the ConnIO a
connection with connection filters hands to the HTTP layer.

CORE (output, NETWORK): writes to the ConnIO the MPM gave the connection.  Data is collected
and written in one call when the brigade ends, at FLUSH/EOS, or beyond FLUSH_THRESHOLD bytes;
a file range larger than SMALL_FILE goes out with sendfile, smaller ones are read and sent with
the data around them (one write for head + small body).  A FLUSH bucket makes the write
blocking: everything is on the wire when CORE returns (`io.flush`), which is how a request with
a whole-body filter keeps its worker until its response is sent.

CORE_IN (input, NETWORK): reads the ConnIO.  BLOCK reads wait up to `ConnFilters.timeout`
(TimeoutError after that); NONBLOCK reads return [] when nothing is there.

`FilteredIO` is the ConnIO seen through the connection filters (e.g. TLS): reads come out of
the input chain, writes and sendfile go into the output chain.  The HTTP layer uses it exactly
like the MPM's own ConnIO, so it never knows whether TLS is in between.
"""
from __future__ import annotations

import os

from .buckets import EOS, FLUSH, DATA_TYPES, FileBucket, Metadata, flatten, is_file, read_bucket
from .chain import (BLOCK, INIT, NONBLOCK, READBYTES, SPECULATIVE, ConnFilters, get_brigade, pass_brigade,
                    walk)
from .registry import NETWORK, register_input_filter, register_output_filter

FLUSH_THRESHOLD = 65536       # like httpd's FlushMaxThreshold: write once this much is collected
SMALL_FILE = 65536            # file ranges up to this size are read and sent with the head


class _Out:
    __slots__ = ("parts", "size")

    def __init__(self):
        self.parts: list = []
        self.size = 0


def _count(owner: ConnFilters, n: int) -> None:
    """Bytes written to the client: the connection's count (mod_logio's %O) when it keeps one."""
    c = owner.c
    if hasattr(c, "bytes_out"):
        c.bytes_out += n
    else:
        owner.bytes_out += n


def _write(owner: ConnFilters, ctx: _Out) -> None:
    if ctx.parts:
        data = ctx.parts[0] if len(ctx.parts) == 1 else b"".join(ctx.parts)
        ctx.parts = []
        ctx.size = 0
        owner.io.write(data)
        _count(owner, len(data))


def _sendfile(owner: ConnFilters, b) -> None:
    fd = getattr(b, "fd", None)
    f = os.fdopen(os.dup(fd), "rb") if fd is not None else open(b.path, "rb")
    with f:
        owner.io.sendfile(f, b.offset, b.length)
    _count(owner, b.length)


def core_output(f, bb: list) -> None:
    owner = f.owner
    ctx = f.ctx
    if ctx is None:
        ctx = f.ctx = _Out()
    for b in bb:
        if isinstance(b, DATA_TYPES):
            if len(b):
                ctx.parts.append(bytes(b) if not isinstance(b, bytes) else b)
                ctx.size += len(b)
        elif isinstance(b, Metadata):
            _write(owner, ctx)
            if b is FLUSH:
                flush = getattr(owner.io, "flush", None)
                if flush is not None:
                    flush(owner.timeout)
        elif is_file(b):
            if b.length <= SMALL_FILE:
                data = read_bucket(b)
                ctx.parts.append(data)
                ctx.size += len(data)
            else:
                _write(owner, ctx)
                _sendfile(owner, b)
        if ctx.size > FLUSH_THRESHOLD:
            _write(owner, ctx)
    _write(owner, ctx)


class _In:
    __slots__ = ("buf",)

    def __init__(self):
        self.buf = bytearray()

    def pending(self) -> bool:
        return bool(self.buf)


def core_input(f, mode: str, block: str, readbytes: int) -> list:
    owner = f.owner
    if mode == INIT:
        return []
    ctx = f.ctx
    if ctx is None:
        ctx = f.ctx = _In()
    if not ctx.buf:
        try:
            data = owner.io.read(max(readbytes, 1), owner.timeout if block == BLOCK else 0.0)
        except TimeoutError:
            if block == NONBLOCK:
                return []
            raise
        except BlockingIOError:
            return []
        if not data:
            return [EOS]
        if mode != SPECULATIVE and len(data) <= readbytes:
            return [data]
        ctx.buf += data
    data = bytes(ctx.buf[:readbytes])
    if mode != SPECULATIVE:
        del ctx.buf[:readbytes]
    return [data]


CORE = register_output_filter("CORE", core_output, NETWORK)
CORE_IN = register_input_filter("CORE_IN", core_input, NETWORK)


def connection_filters(c, io, loaded: set[str] | None = None, timeout: float = 60.0) -> ConnFilters:
    """A connection's filter set with the network filters in place (core's pre_connection)."""
    cf = ConnFilters(c, io, loaded)
    cf.timeout = timeout
    cf.add_output(CORE)
    cf.add_input(CORE_IN)
    return cf


class FilteredIO:
    """A ConnIO (apachepy.http.api) that goes through the connection's filters.  Attributes
    it does not define (scoreboard helpers such as set_status) are the raw ConnIO's."""

    def __init__(self, filters: ConnFilters):
        self.filters = filters

    def __getattr__(self, name):
        return getattr(self.filters.io, name)

    def read(self, max_bytes: int, timeout: float) -> bytes:
        cf = self.filters
        cf.timeout = timeout
        bb = get_brigade(cf.input, READBYTES, BLOCK, max_bytes)
        if not bb or bb[0] is EOS:
            return b""
        return flatten(bb)

    def recv(self, max_bytes: int) -> bytes:
        """A non-blocking read for the listener: raises BlockingIOError when no data is
        available yet, b"" at the end of the stream (socket.recv's conventions)."""
        bb = get_brigade(self.filters.input, READBYTES, NONBLOCK, max_bytes)
        if not bb:
            raise BlockingIOError
        if bb[0] is EOS:
            return b""
        return flatten(bb)

    def write(self, data) -> None:
        if data:
            pass_brigade(self.filters.output, [data])

    def sendfile(self, fileobj, offset: int, count: int) -> None:
        fd = fileobj if isinstance(fileobj, int) else fileobj.fileno()
        pass_brigade(self.filters.output, [FileBucket(None, fd, offset, count)])

    def flush(self, timeout: float) -> None:
        self.filters.timeout = timeout
        pass_brigade(self.filters.output, [FLUSH])

    def input_pending(self) -> bool:
        """Some connection filter holds input already read from the socket (e.g. decrypted
        TLS records): the connection is readable although the socket may not be."""
        for f in walk(self.filters.input):
            pending = getattr(f.ctx, "pending", None)
            if pending is not None and pending():
                return True
        return False

