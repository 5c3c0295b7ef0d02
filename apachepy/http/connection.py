"""One client connection as the MPM sees it (see api.py): bytes in, responses out.

`feed`/`ready` run on the listener thread and only buffer and look for a complete request
head; `process` runs on a worker and serves every complete request in the buffer
(pipelining), reading bodies through the ConnIO, then says whether to keep the connection.
"""
from __future__ import annotations

import os
import socket
import traceback  # noqa: F401  (imported before privileges are dropped)

from ..filters.chain import pass_brigade
from ..filters.core import CORE, CORE_IN, FilteredIO, connection_filters
from .api import Outcome
from .body import BodyReader
from .hooks import OK
from .parser import HeadParser, RequestHead, is_chunked, strict_length
from .request import (CONN_CLOSE, CONN_KEEPALIVE, CONN_UNKNOWN, BodyError, Request,
                      check_request_header, check_uri_after_parse, die, invoke_handler, new_request,
                      post_read_request, process_request_internal)
from .site import Site

__all__ = ["Site", "Connection", "Outcome"]


class Connection:
    # slots: 10,000 idle keep-alive connections each keep one of these (a __dict__ of this
    # size costs ~1.2 KB more per connection); "__dict__" stays for what modules attach.
    __slots__ = ("site", "local_ip", "local_port", "remote_ip", "remote_port", "base_server", "vhost_names",
                 "parser", "buf", "pos", "eof", "io", "keepalive", "keepalives", "requests",
                 "response_started", "bytes_out", "bytes_in", "bytes_in_req", "_peeked", "_start", "stopping",
                 "aborted", "_head", "_local_host", "server", "open_fds", "filters", "filtered", "clogging",
                 "_fio", "is_tls", "tls", "plain_http_on_tls", "_double_rev", "__dict__")

    def __init__(self, site: Site, local_addr, remote_addr):
        self.site = site
        self.local_ip = local_addr[0]
        self.local_port = local_addr[1]
        self.remote_ip = remote_addr[0]
        self.remote_port = remote_addr[1]
        if self.remote_ip.startswith("::ffff:"):
            self.remote_ip = self.remote_ip[7:]
        base, names = site.vhosts.for_connection(self.local_ip, self.local_port)
        self.base_server = base
        self.vhost_names = names
        # the protocol engine chosen for this configuration (apachepy/modules/protocol_engine.py)
        self.parser = site.mod.get("head_parser", HeadParser)(base.limits)
        self.buf = bytearray()
        self.pos = 0                 # start of unconsumed input in buf
        self.eof = False
        self.io = None
        self.keepalive = CONN_UNKNOWN
        self.keepalives = 0          # requests served with keep-alive (httpd's c->keepalives)
        self.requests = 0
        self.response_started = False
        self.bytes_out = 0
        self.bytes_in = 0
        self.bytes_in_req = 0        # %I: this request's bytes read (mod_logio's count)
        self._peeked = 0             # ap_check_pipeline's one-byte peek, counted for the next request
        self.stopping = False        # set by the MPM when the child is exiting
        self.aborted = False
        self._head: RequestHead | None = None
        self._local_host = None
        self.server = base           # the server of the last request (for its timeouts)
        self.open_fds: list[int] = []   # files opened for the current response
        # filters (apachepy/filters): CORE/CORE_IN over the MPM's ConnIO, plus what the
        # pre_connection hooks add (mod_ssl's TLS filters, users' connection filters)
        self.filters = connection_filters(self, None, site.loaded_modules, base.timeout)
        self.filtered = False        # some connection filter sits above the network filters
        self.clogging = False        # one of them is not async-compatible (see docs/filters.md)
        self._fio = None
        self.is_tls = False
        self.tls = None              # mod_ssl's per-connection state (apachepy/filters/tls.py)

    def attach(self, io) -> None:
        """ap_run_pre_connection, once the MPM has the connection's ConnIO: the connection
        filters are put in place."""
        self.filters.io = io
        for fn in self.site.hooks["pre_connection"]:
            fn(self)
        cf = self.filters
        self.filtered = cf.output.frec is not CORE or cf.input.frec is not CORE_IN
        self.clogging = cf.clogging
        self._fio = FilteredIO(cf) if self.filtered else None

    def _use(self, io) -> None:
        if self.filters.io is None:
            self.attach(io)
        self.filters.io = io
        self.io = self._fio if self.filtered else io

    def closed(self) -> None:
        """The MPM has closed the socket: break the cycles between the connection and its
        filters (they point back at it), so refcounting frees them now, not a collection."""
        cf = self.filters
        cf.output = cf.input = cf.c = None
        self._fio = None

    def recv(self, max_bytes: int) -> bytes:
        """For the listener when `filtered`: a non-blocking read through the connection
        filters (BlockingIOError when nothing is decoded yet, b"" at the end)."""
        return self._fio.recv(max_bytes)

    def input_pending(self) -> bool:
        """Input already taken from the socket and held by a connection filter."""
        return self._fio is not None and self._fio.input_pending()

    def log_conn(self, module: str, level: str, msg: str) -> None:
        log = self.base_server.log
        if log is not None and log.enabled(module, level):
            log.log(module, level, msg, f"{self.remote_ip}:{self.remote_port}")

    # -- what the MPM reads -----------------------------------------------------------------
    @property
    def keepalive_timeout(self) -> float:
        """KeepAliveTimeout to wait for the next request (the last request's vhost if it sets one)."""
        s = self.server
        if s.keep_alive_timeout_set:
            return s.keep_alive_timeout
        return self.base_server.keep_alive_timeout

    @property
    def timeout(self) -> float:
        return self.server.timeout

    # -- listener side ------------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        """Bytes from the socket; b"" means the peer closed its side."""
        if not data:
            self.eof = True
        else:
            self.buf += data
            self.bytes_in += len(data)
        self._head = None

    def ready(self) -> bool:
        """A whole request head is buffered, or EOF, or a limit was exceeded (answer is due)."""
        if self.eof:
            return True
        if self._head is not None:
            return True
        if self.pos >= len(self.buf):
            return False
        self._head = self.parser.parse(self.buf, self.pos, False)
        return self._head is not None

    # -- worker side --------------------------------------------------------------------------
    def process(self, io) -> Outcome:
        self._use(io)
        try:
            while True:
                head = self._head
                self._head = None
                if head is None:
                    if self.pos >= len(self.buf) and not self.eof:
                        self._compact()
                        # nothing read yet (a connection the MPM gives a worker at once): the
                        # first request head is still to come, under Timeout
                        return Outcome.KEEPALIVE if self.requests else Outcome.WAIT_READ
                    head = self.parser.parse(self.buf, self.pos, self.eof)
                    if head is None:
                        self._compact()
                        return Outcome.WAIT_READ
                if head.read_failed and head.status == 0:
                    return Outcome.CLOSE          # EOF before a request line: nothing to answer
                start = self.pos
                self.pos += head.size
                self._serve(head, start)
                # only a response that chose keep-alive keeps the connection (an HTTP/0.9
                # answer never does)
                if self.keepalive != CONN_KEEPALIVE or self.aborted:
                    return Outcome.CLOSE
                # blank lines between pipelined requests are consumed (ap_check_pipeline)
                self._skip_blank_lines()
                if self.pos >= len(self.buf):
                    self._compact()
                    return Outcome.CLOSE if self.eof else Outcome.KEEPALIVE
        except OSError:
            self.aborted = True
            return Outcome.CLOSE
        finally:
            self.io = None

    def timed_out(self, io) -> None:
        """The MPM waited Timeout for a request head that did not complete (httpd's 408).
        Without a whole request line nothing is sent, and it is logged only on a connection
        that has not served a request yet; with the request line read, the 408 page is sent
        and logged."""
        self._use(io)
        try:
            pending = bytes(self.buf[self.pos:]).lstrip(b"\r\n")
            if b"\n" not in pending:
                if self.requests == 0:
                    r = Request(self, self.base_server)
                    r.status = 408
                    r.the_request = None
                    self.bytes_in_req = len(self.buf) - self.pos
                    self._log(r)
                return
            parsed = self.parser.parse(self.buf, self.pos, True)
            if parsed is None or parsed.read_failed:
                return
            r = new_request(self, parsed)
            self.requests += 1
            self.keepalive = CONN_CLOSE
            self.response_started = False
            self.bytes_out = 0
            r.status = 200
            die(408, r, 200)
            self.bytes_in_req = len(self.buf) - self.pos
            self._log(r)
        except OSError:
            pass
        finally:
            self.io = None

    # -- internals --------------------------------------------------------------------------------
    def _compact(self) -> None:
        if self.pos:
            del self.buf[:self.pos]
            self.pos = 0

    def _skip_blank_lines(self) -> None:
        n = 0
        buf = self.buf
        while n < 10:
            if buf[self.pos:self.pos + 2] == b"\r\n":
                self.pos += 2
            elif buf[self.pos:self.pos + 1] == b"\n":
                self.pos += 1
            else:
                return
            n += 1

    def write(self, data: bytes) -> None:
        """Bytes outside a response (the interim 100 Continue): the connection's filters."""
        pass_brigade(self.filters.output, [data])

    def local_host(self) -> str:
        if self._local_host is None:
            try:
                self._local_host = socket.getnameinfo((self.local_ip, 0), 0)[0].lower()
            except OSError:
                self._local_host = self.base_server.server_hostname
        return self._local_host

    def _serve(self, head: RequestHead, start: int = 0) -> None:
        """ap_read_request's checks after parsing, then ap_process_request and logging."""
        self._start = start
        self.keepalive = CONN_CLOSE if head.keepalive_close else CONN_UNKNOWN
        self.response_started = False
        self.bytes_out = 0
        self.requests += 1
        r = new_request(self, head)
        self.server = r.server
        for level, msg in head.logs:
            r.log_error("core", level, msg)
        try:
            if head.read_failed or head.status != 200:
                return self._die_unusable(r, head.status)
            check_uri_after_parse(r)
            if r.status != 200:
                status = r.status
                if r.proto_num == 9:
                    r.assbackwards = False
                    r.proto_num = 1000
                    r.protocol = "HTTP/1.0"
                return self._die_unusable(r, status)
            if not r.assbackwards:
                clen = r.headers_in.get("Content-Length")
                if clen is not None and strict_length(clen) is None:
                    r.log_error("core", "debug", f"AH10242: client sent invalid Content-Length ({clen}): {r.uri}")
                    return self._die_unusable(r, 400)
                tenc = r.headers_in.get("Transfer-Encoding")
                if tenc is not None:
                    if not is_chunked(tenc):
                        r.log_error("core", "debug", f"AH02539: client sent unknown Transfer-Encoding ({tenc}): {r.uri}")
                        return self._die_unusable(r, 400)
                    if clen is not None:
                        r.headers_in.unset("Content-Length")
                        self.keepalive = CONN_CLOSE
            r.body_reader = BodyReader(r)
            if not check_request_header(r):
                status = r.status
                self.server = r.server
                r.status = 200
                die(status, r)
                return
            self.server = r.server
            note = getattr(self.io, "note_request", None)
            if note is not None:          # the worker's scoreboard slot (mod_status): W
                note(status_request_line(r), f"{r.server.server_hostname}:{self.local_port}", "http/1.1")
            rc = post_read_request(r)
            if rc:
                die(rc, r)
                return
            self._process(r)
        except BodyError as e:
            self._body_error(r, e)
        finally:
            for fd in self.open_fds:
                try:
                    os.close(fd)
                except OSError:
                    pass
            self.open_fds.clear()
            if self.keepalive != CONN_CLOSE and not self.aborted:
                self._finish_body(r)
            self.bytes_in_req = self.pos - self._start + self._peeked
            self._peeked = 0
            self._log(r)
            if self.keepalive != CONN_CLOSE and self.pos < len(self.buf):
                self._peeked = 1
            _release(r)

    def _process(self, r: Request) -> None:
        try:
            rc = process_request_internal(r)
            if rc == OK:
                rc = invoke_handler(r)
        except BodyError as e:
            self._body_error(r.final(), e)
            return
        except OSError:
            raise                       # the client is gone: the connection is closed
        except Exception as e:          # a bug here must cost one request, not the connection
            r.log_error("core", "error", "request processing failed: "
                        + " | ".join(traceback.format_exception(e)).replace("\n", " "))
            self.keepalive = CONN_CLOSE
            if not self.response_started:
                die(500, r, 200)
            return
        die(rc, r, 200)

    def _body_error(self, r: Request, e: BodyError) -> None:
        if e.from_filter:
            self._filter_error(r, e.status)
        elif not self.response_started:
            self._die_unusable(r, e.status)

    def _filter_error(self, r: Request, status: int) -> None:
        """An input-filter error: answered from inside the filter chain (no Content-Length)."""
        self.keepalive = CONN_CLOSE
        if self.response_started:
            return
        r.error_from_filter = True
        r.status = 200
        die(status, r, 200)

    def _die_unusable(self, r: Request, status: int) -> None:
        self.keepalive = CONN_CLOSE
        r.status = 200
        die(status, r)

    def _finish_body(self, r: Request) -> None:
        """Leftover body bytes must not be read as the next request."""
        br = r.body_reader
        if br is None:
            return
        if br.state == "done" and br.error is None:
            return
        if br.error is not None:
            self.keepalive = CONN_CLOSE
            return
        try:
            if br.has_body():
                while br.read(65536):
                    pass
        except BodyError:
            self.keepalive = CONN_CLOSE

    def _log(self, r: Request) -> None:
        # the worker's scoreboard slot shows L while logging, then counts the request (httpd's
        # EOR bucket: ap_update_child_status(SERVER_BUSY_LOG, r), log, ap_increment_counts)
        io = self.io
        logging = getattr(io, "note_logging", None)
        if logging is not None:
            logging(status_request_line(r), f"{r.server.server_hostname}:{self.local_port}")
        for fn in self.site.hooks["log_transaction"]:
            try:
                fn(r)
            except Exception as e:          # a logging bug must not kill the connection
                self.base_server.log.log("log_config", "error", f"logging failed: {e!r}")
        served = getattr(io, "note_served", None)
        if served is not None:
            # mod_logio's count of the request's bytes out when loaded, else the body sent
            if "logio_module" in self.site.loaded_modules:
                served(self.bytes_out)
            else:
                served(0 if r.method == "HEAD" else r.bytes_sent)


def _release(r: Request) -> None:
    """The request is logged and done: break its reference cycles (its filters and body reader
    point back at it, redirects at each other) so that refcounting frees it now instead of
    the cyclic garbage collector later (fewer, shorter collections per request)."""
    while r.prev is not None:
        r = r.prev
    while r is not None:
        nxt = r.next
        rf = r.filters
        if rf is not None:           # its filters point at it and back at the request
            rf.output = rf.proto_output = rf.input = rf.proto_input = None
            r.filters = None
        r.body_reader = None
        r.prev = r.next = None
        r = nxt


def status_request_line(r: Request) -> str:
    """The request line as mod_status shows it (scoreboard.c's copy_request): "NULL" when
    there is none, and never a password given in the URI."""
    line = r.the_request
    if line is None:
        return "NULL"
    p = r.parsed_uri
    if p is None or p.password is None:
        return line
    scheme, sep, rest = r.unparsed_uri.partition("://")
    auth, slash, path = rest.partition("/")
    if sep and "@" in auth:
        userinfo, _, host = auth.rpartition("@")
        auth = userinfo.partition(":")[0] + "@" + host
    uri = scheme + sep + auth + slash + path
    return f"{r.method} {uri}" if r.assbackwards else f"{r.method} {uri} {r.protocol}"
