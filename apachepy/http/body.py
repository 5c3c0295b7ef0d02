"""Request bodies as httpd's HTTP_IN filter reads them (modules/http/http_filters.c):
Content-Length or chunked, LimitRequestBody, 100-continue on the first read, and the chunk
size/extension/CRLF rules of parse_chunk_size.

BodyReader is what the HTTP_IN filter (apachepy/http/response.py) returns the body from; it is
the protocol filter at the bottom of a request's input chain, under the resource and content
filters of SetInputFilter / AddInputFilter (DEFLATE...).  Handlers read the body from the top
of that chain, as httpd's ap_get_brigade(r->input_filters, ...): `read_body` here, mod_cgi's
stdin feed (apachepy/http/cgi.py), and `discard` (ap_discard_request_body).  Errors: HTTP_IN's
own raise BodyError (it answers the request itself: AP_FILTER_ERROR); another filter's raise
apachepy.filters.InputError, which the reader turns into a status with `map_request_error`.
"""
from __future__ import annotations

import dataclasses
import errno

from .parser import HeadParser, is_chunked, strict_length
from .request import BodyError

HUGE = 8192
SOCKET_READ = 8000          # APR_BUCKET_BUFF_SIZE: httpd reads the socket 8000 bytes at a time
APR_TIMEUP = 70007
APR_ENOTIMPL = 70023
_TRAILER_LINE = b"GET / HTTP/1.1\r\n"     # see BodyReader._trailers


def map_request_error(rv: int, status: int = 400) -> int:
    """ap_map_http_request_error: the response status for an input filter's failure `rv`."""
    if rv == errno.ENOSPC:
        return 413
    if rv == APR_ENOTIMPL:
        return 501
    if rv in (APR_TIMEUP, errno.ETIMEDOUT):
        return 408
    return status


def read_body(r, readbytes: int = HUGE):
    """The request body through r's input filters, as handlers read it with
    ap_get_brigade(r->input_filters, READBYTES, BLOCK, readbytes): yields the data buckets'
    bytes until EOS.  BodyError / InputError propagate (see the module docstring)."""
    from ..filters import BLOCK, EOS, READBYTES, is_metadata, read_bucket
    while True:
        for b in r.filters.get_brigade(READBYTES, BLOCK, readbytes):
            if b is EOS:
                return
            if not is_metadata(b):
                data = read_bucket(b)
                if data:
                    yield data


class BodyReader:
    """Reads r's body from the connection buffer, then the socket (io.read under Timeout)."""

    def __init__(self, r):
        self.r = r
        self.conn = r.conn
        self.state = None          # None: not started; "none", "length", "chunk", "data", "done"
        self.remaining = 0
        self.limit = 0
        self.limit_used = 0
        self.seen_data = False
        self.error: int | None = None
        self.trailers = None       # r->trailers_in (a Table) once the chunked body is read

    def has_body(self) -> bool:
        """ap_request_has_body."""
        h = self.r.headers_in
        if self.r.header_only:
            return False
        if h.get("Transfer-Encoding") is not None:
            return True
        cl = h.get("Content-Length")
        n = strict_length(cl) if cl is not None else None
        return bool(n)

    def _start(self) -> None:
        r = self.r
        self.limit = r.per_dir_config.limit_req_body
        tenc = r.headers_in.get("Transfer-Encoding")
        lenp = r.headers_in.get("Content-Length")
        self.state = "none"
        if tenc is not None:
            if is_chunked(tenc):
                self.state = "chunk"
            else:
                r.log_error("http", "info", f"AH01585: Unknown Transfer-Encoding: {tenc}")
                raise self._bail(400)
            lenp = None
        if lenp is not None:
            self.state = "length"
            n = strict_length(lenp)
            if n is None:
                r.log_error("http", "info", "AH01587: Invalid Content-Length")
                raise self._bail(400)
            self.remaining = n
            if self.limit and self.limit < n:
                r.log_error("http", "info", f"AH01588: Requested content-length of {n} is larger than the "
                            f"configured limit of {self.limit}")
                raise self._bail(413)
            if n == 0:
                self.state = "done"
        if self.state == "none":
            self.state = "done"
            return
        # 100-continue before the first blocking read
        if (r.expecting_100 and r.proto_num >= 1001 and not self.seen_data
                and not self.conn.response_started):
            if not (200 <= r.status < 300):
                self.state = "done"
                return
            self.conn.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            rr = r
            while rr is not None:
                rr.expecting_100 = False
                rr = rr.main
            r.initial().expecting_100 = False

    def _bail(self, status: int, from_filter: bool = True) -> BodyError:
        self.state = "done"
        self.error = status
        self.conn.keepalive = 1        # CONN_CLOSE
        return BodyError(status, from_filter)

    # -- raw input ------------------------------------------------------------------------
    def _fill(self, want: int = 1) -> bool:
        """Make at least `want` bytes available in conn.buf; False on EOF."""
        c = self.conn
        while len(c.buf) - c.pos < want:
            if c.eof or c.io is None:
                return False
            try:
                data = c.io.read(65536, self.r.server.timeout)
            except TimeoutError:
                raise self._bail(408)
            except OSError:
                c.eof = True
                return False
            if not data:
                c.eof = True
                return False
            c.buf += data
            c.bytes_in += len(data)
        return True

    def _take(self, n: int) -> bytes:
        c = self.conn
        data = bytes(c.buf[c.pos:c.pos + n])
        c.pos += len(data)
        return data

    def _line(self, limit: int) -> bytes:
        """A chunk-size or trailer line including its [CR]LF."""
        c = self.conn
        while True:
            i = c.buf.find(b"\n", c.pos)
            if i >= 0:
                return self._take(i - c.pos + 1)
            if len(c.buf) - c.pos > limit:
                self.r.log_error("http", "info", "AH01590: Error reading/parsing chunk (overflow) ")
                raise self._bail(413)
            if not self._fill(len(c.buf) - c.pos + 1):
                raise self._bail(400)

    # -- reading --------------------------------------------------------------------------
    def read(self, n: int = HUGE) -> bytes:
        """Up to n bytes of body; b"" at the end.  Raises BodyError."""
        if self.state is None:
            self._start()
        while True:
            if self.state == "done":
                return b""
            if self.state == "length":
                if self.remaining == 0:
                    self.state = "done"
                    return b""
                if not self._fill(1):
                    raise self._bail(400)
                data = self._take(min(n, self.remaining, self._segment_left()))
                self.remaining -= len(data)
                self._count(len(data))
                if self.remaining == 0:
                    self.state = "done"
                return data
            if self.state == "chunk":
                self._chunk_header()
                continue
            if self.state == "data":
                if not self._fill(1):
                    raise self._bail(400)
                data = self._take(min(n, self.remaining, self._segment_left()))
                self.remaining -= len(data)
                self._count(len(data))
                if self.remaining == 0:
                    self._chunk_end()
                return data
            if self.state == "trailer":
                self._trailers()
                self.state = "done"
                return b""

    def _segment_left(self) -> int:
        """What is left of the socket read the next body byte came in.  httpd's core input
        filter gives one READBYTES read no more than that (its 8000-byte reads are full when
        the client sent ahead), so the filters above HTTP_IN see the body in those pieces:
        mod_deflate's inflate limits are checked at the same points."""
        c = self.conn
        at = c.bytes_in - (len(c.buf) - c.pos)
        return SOCKET_READ - at % SOCKET_READ

    def _count(self, n: int) -> None:
        if n:
            self.seen_data = True
        if self.limit:
            self.limit_used += n
            if self.limit < self.limit_used:
                self.r.log_error("http", "info", f"AH01591: Read content length of {self.limit_used} is larger "
                                 f"than the configured limit of {self.limit}")
                raise self._bail(413)

    def _chunk_header(self) -> None:
        strict = self.r.server.limits.strict
        line = self._line(self.r.server.limits.fieldsize)
        self.seen_data = True
        st = "start"
        value = 0
        bits = 64
        bws = 0
        for i, b in enumerate(line):
            c = chr(b)
            if st == "start":
                if c not in "0123456789abcdefABCDEF":
                    return self._bad(400)
                st = "part"
            if c == "\n":
                if strict and st != "lf":
                    return self._bad(400)
                if value:
                    self.remaining = value
                    self.state = "data"
                else:
                    self.state = "trailer"
                break
            if st == "lf":
                return self._bad(400)
            if c == "\r":
                st = "lf"
            elif c == ";":
                st = "ext"
            elif st == "ext":
                if c != "\t" and (b < 32 or b == 127):
                    return self._bad(400)
            elif c in " \t":
                st = "cr"
                bws += 1
                if bws > 10:
                    return self._bad(400)
            elif st == "cr":
                return self._bad(400)
            elif st == "part":
                if value == 0 and c == "0":
                    continue
                bits -= 4
                if bits < 0:
                    return self._bad(413)
                if c not in "0123456789abcdefABCDEF":
                    return self._bad(400)
                value = (value << 4) | int(c, 16)
                if value >= 1 << 63:
                    return self._bad(413)
        if len(line) > self.r.server.limits.fieldsize:
            return self._bad(413)

    def _bad(self, status: int) -> None:
        self.r.log_error("http", "info", f"AH01590: Error reading/parsing chunk {'(overflow)' if status == 413 else ''} ")
        raise self._bail(status)

    def _chunk_end(self) -> None:
        if not self._fill(1):
            raise self._bail(400)
        c = self.conn
        b = c.buf[c.pos]
        strict = self.r.server.limits.strict
        if b == 13:
            if not self._fill(2):
                raise self._bail(400)
            if c.buf[c.pos + 1] != 10:
                return self._bad(400)
            c.pos += 2
        elif b == 10 and not strict:
            c.pos += 1
        else:
            return self._bad(400)
        self.state = "chunk"

    def _trailers(self) -> None:
        """read_chunked_trailers: the trailer fields are read with the request-header rules
        (ap_get_mime_headers: HttpProtocolOptions, LimitRequestFields, LimitRequestFieldSize)
        into `trailers` (r->trailers_in), and with MergeTrailers on appended to headers_in.
        The header parser is reused by giving it a fixed request line before the trailer."""
        r = self.r
        c = self.conn
        limits = dataclasses.replace(r.server.limits, line=8190)   # only the fields count
        parser = HeadParser(limits)
        while True:
            head = parser.parse(_TRAILER_LINE + bytes(c.buf[c.pos:]), 0, c.eof)
            if head is not None:
                break
            if not self._fill(len(c.buf) - c.pos + 1):
                c.eof = True
        c.pos += max(0, head.size - len(_TRAILER_LINE))
        self.trailers = head.headers
        if head.status != 200:
            for level, msg in head.logs:
                if not msg.startswith("AH00567"):      # ap_read_request's, not the header reader's
                    r.log_error("core", level, msg)
            notes = f": {head.notes}" if head.notes else ""
            if head.notes:
                r.notes.set("error-notes", head.notes)
            r.log_error("http", "info", f"AH02656: Error while reading HTTP trailer: {head.status}{notes}")
            raise self._bail(400, from_filter=False)
        if r.server.last("MergeTrailers", [False])[0] is True:
            r.headers_in = r.headers_in.overlay(head.headers)

    def discard(self) -> int:
        """ap_discard_request_body: the body is read through r's input filters and dropped.
        0, or the status for an input filter's failure (ap_map_http_request_error(rv, 400));
        HTTP_IN's BodyError propagates (its response goes out as a filter error)."""
        r = self.r
        from ..filters import InputError
        from .status import DROPS_CONNECTION
        if r.main is not None or self.conn.keepalive == 1:
            return 0
        if r.status in DROPS_CONNECTION:
            self.conn.keepalive = 1
            return 0
        if r.filters is None:
            while self.read(65536):
                pass
            return 0
        try:
            for _ in read_body(r, HUGE):
                pass
        except InputError as e:
            self.conn.keepalive = 1        # CONN_CLOSE: the rest of the body is not read
            return map_request_error(e.rv, 400)
        return 0
