"""Filter chains, built and ordered as util_filter.c builds them.

A chain is a singly linked list of `Filter` instances, top (closest to the handler) first.
Three heads point into each direction's list, as in httpd:

    request filters    r->output_filters        RESOURCE / CONTENT_SET filters of the request
    protocol filters   r->proto_output_filters  PROTOCOL / TRANSCODE filters of the request
    connection filters c->output_filters        CONNECTION / NETWORK filters (all requests)

`RequestFilters` holds a request's two heads per direction and the connection's
`ConnFilters`; when a request is created both of its heads point at the connection's first
filter, and request filters are linked in front of it.  A new filter goes after every filter
of the same or a lower type that is already there (insertion order within a type) and before
the first filter of a higher type or of another request -- httpd's INSERT_BEFORE rule -- so
`SetOutputFilter INCLUDES;DEFLATE` and `DEFLATE;INCLUDES` give the same chain.

Output: `f.pass_brigade(bb)` hands a list of buckets to the next filter.  Input:
`f.get_brigade(mode, block, readbytes)` asks the next filter for data and returns a list of
buckets: data (at most `readbytes` bytes for READBYTES), `[EOS]` at the end, or `[]` when a
NONBLOCK read would block.  Timeouts and socket errors are raised (TimeoutError, OSError), a
filter's own failure as InputError.
"""
from __future__ import annotations

from .registry import (CONNECTION, CONTENT_SET, INPUT, OUTPUT, PROTOCOL, FilterRec, find_input_filter,
                       find_output_filter, register_output_filter)

# input modes (ap_input_mode_t) and blocking (apr_read_type_e)
READBYTES = "readbytes"        # up to readbytes bytes
SPECULATIVE = "speculative"    # like READBYTES, but the data stays to be read again
INIT = "init"                  # connection start-up (mod_ssl runs its handshake); returns []
BLOCK = "block"
NONBLOCK = "nonblock"

APR_EGENERAL = 20014           # apr_errno.h: "Internal error (specific information not available)"


class InputError(Exception):
    """An input filter's failure: httpd's filter returns an apr_status_t, here it raises this
    with `rv`, the status as httpd logs it (an errno such as ENOSPC, or APR's own such as
    APR_EGENERAL).  The reader logs it and answers ap_map_http_request_error(rv, 400):
    413 for ENOSPC, 408 for a timeout, 400 otherwise (apachepy.http.body.map_request_error).
    HTTP_IN's own errors are BodyError instead: it has answered the request itself."""

    def __init__(self, rv: int):
        super().__init__(rv)
        self.rv = rv


class Filter:
    """One filter in one chain (ap_filter_t).  `ctx` is the filter's own state (None until it
    sets it); `r` is None for connection filters."""

    __slots__ = ("frec", "ctx", "r", "c", "next", "owner")

    def __init__(self, frec: FilterRec, ctx, r, c, owner):
        self.frec = frec
        self.ctx = ctx
        self.r = r
        self.c = c
        self.next: Filter | None = None
        self.owner = owner          # the RequestFilters / ConnFilters whose heads may point here

    @property
    def name(self) -> str:
        return self.frec.name

    def pass_brigade(self, bb: list) -> None:
        """ap_pass_brigade(f->next, bb)."""
        pass_brigade(self.next, bb)

    def get_brigade(self, mode: str = READBYTES, block: str = BLOCK, readbytes: int = 8192) -> list:
        """ap_get_brigade(f->next, ...)."""
        return get_brigade(self.next, mode, block, readbytes)

    def remove(self) -> None:
        """ap_remove_output_filter / ap_remove_input_filter."""
        self.owner.remove(self)

    def __repr__(self) -> str:
        return f"<Filter {self.frec.name}>"


def pass_brigade(f: Filter | None, bb: list) -> None:
    if f is not None and bb:
        f.frec.func(f, bb)


def get_brigade(f: Filter | None, mode: str, block: str, readbytes: int) -> list:
    if f is None:
        from .buckets import EOS
        return [EOS]
    return f.frec.func(f, mode, block, readbytes)


_PROTO = {"output": "proto_output", "input": "proto_input"}


def _add(frec: FilterRec, ctx, r, c, req, conn, d: str) -> Filter | None:
    """add_any_filter_handle.  `req` holds the request heads (`d` and "proto_" + d), `conn`
    the connection head (`d`); `d` is "output" or "input"."""
    ftype = frec.ftype
    if ftype < CONNECTION and r is None:
        log = getattr(c, "log_error", None)
        if log is not None:
            kind, code = ("content", "AH00080") if ftype < PROTOCOL else ("protocol", "AH00081")
            log("core", "error", f"{code}: a {kind} filter was added without a request: {frec.name}")
        return None
    pname = _PROTO[d]
    if ftype < PROTOCOL:
        holder, attr = req, d
    elif ftype < CONNECTION:
        holder, attr = req, pname
    else:
        holder, attr = conn, d
    fr = r if ftype < CONNECTION else None
    f = Filter(frec, ctx, fr, c, req if ftype < CONNECTION else conn)
    outf = getattr(holder, attr)
    # httpd's INSERT_BEFORE: before the first filter of a higher type or of another request
    if outf is None or outf.frec.ftype > ftype or outf.r is not fr:
        f.next = outf
        if outf is not None and r is not None:
            rhead = getattr(req, d)
            if rhead is not getattr(conn, d):
                first = rhead
                while first is not None and first.next is not outf:
                    first = first.next
                if first is not None and first is not outf:
                    first.next = f
        setattr(holder, attr, f)
    else:
        scan = outf
        while True:
            nxt = scan.next
            if nxt is None or nxt.frec.ftype > ftype or nxt.r is not fr:
                break
            scan = nxt
        f.next = scan.next
        scan.next = f
    if ftype < CONNECTION and getattr(req, d) is getattr(conn, d):
        setattr(req, d, getattr(req, pname))
    return f


def _remove(f: Filter, req, conn, d: str) -> None:
    """remove_any_filter (`req` None for a connection filter)."""
    if req is not None:
        pname = _PROTO[d]
        if getattr(req, pname) is f:
            setattr(req, pname, f.next)
        holder = req
    else:
        holder = conn
    cur = getattr(holder, d)
    if cur is f:
        setattr(holder, d, f.next)
        return
    scan = cur
    while scan is not None and scan.next is not f:
        scan = scan.next
    if scan is not None:
        scan.next = f.next


def walk(f: Filter | None, stop: Filter | None = None):
    """The filters from `f` down to (not including) `stop`."""
    while f is not None and f is not stop:
        yield f
        f = f.next


class ConnFilters:
    """A connection's filter heads (c->output_filters, c->input_filters).  `c` is the HTTP
    layer's connection object; filters reach the socket through `c.filters.io`, the ConnIO
    the MPM gave the connection (see core.py)."""

    def __init__(self, c, io=None, loaded: set[str] | None = None):
        self.c = c
        self.io = io
        self.loaded = loaded
        self.output: Filter | None = None
        self.input: Filter | None = None
        self.timeout = 60.0           # blocking reads of the network filter (Timeout)
        self.bytes_out = 0            # written by CORE when `c` keeps no count of its own

    def add_output(self, what, ctx=None) -> Filter | None:
        frec = _resolve(what, OUTPUT, self.loaded, self.c, None)
        return None if frec is None else _add(frec, ctx, None, self.c, None, self, "output")

    def add_input(self, what, ctx=None) -> Filter | None:
        frec = _resolve(what, INPUT, self.loaded, self.c, None)
        return None if frec is None else _add(frec, ctx, None, self.c, None, self, "input")

    def remove(self, f: Filter) -> None:
        _remove(f, None, self, f.frec.direction)

    @property
    def clogging(self) -> bool:
        """Some connection filter is not async-compatible: the connection keeps a worker."""
        return any(not f.frec.async_compatible for f in walk(self.output)) or \
            any(not f.frec.async_compatible for f in walk(self.input))

    def names(self, direction: str = OUTPUT) -> list[str]:
        return [f.frec.name for f in walk(getattr(self, direction))]


class RequestFilters:
    """A request's filter heads; see the module docstring."""

    def __init__(self, r, conn: ConnFilters):
        self.r = r
        self.conn = conn
        self.output = self.proto_output = conn.output
        self.input = self.proto_input = conn.input
        self.whole_body = False       # a whole-body filter was added: flush before release

    @property
    def loaded(self):
        return self.conn.loaded

    def add_output(self, what, ctx=None) -> Filter | None:
        """ap_add_output_filter: `what` is a name or a FilterRec.  An unknown name (or one whose
        module is not loaded) is logged as httpd does and None is returned."""
        frec = _resolve(what, OUTPUT, self.loaded, self.conn.c, self.r)
        if frec is None:
            return None
        if frec.whole_body:
            self.whole_body = True
        return _add(frec, ctx, self.r, self.conn.c, self, self.conn, "output")

    def add_input(self, what, ctx=None) -> Filter | None:
        frec = _resolve(what, INPUT, self.loaded, self.conn.c, self.r)
        if frec is None:
            return None
        return _add(frec, ctx, self.r, self.conn.c, self, self.conn, "input")

    def add_protocol(self, outputs: tuple, inputs: tuple) -> None:
        """The protocol filters of a new request, each tuple in chain order (http_core's
        create_request).  On a chain without request filters yet they are linked directly,
        which gives the chain add_output/add_input would build without walking it."""
        conn = self.conn
        if self.output is not conn.output or self.input is not conn.input:
            for rec in outputs:
                self.add_output(rec)
            for rec in inputs:
                self.add_input(rec)
            return
        r, c = self.r, conn.c
        nxt = conn.output
        for rec in reversed(outputs):
            f = Filter(rec, None, r, c, self)
            f.next = nxt
            nxt = f
        self.output = self.proto_output = nxt
        nxt = conn.input
        for rec in reversed(inputs):
            f = Filter(rec, None, r, c, self)
            f.next = nxt
            nxt = f
        self.input = self.proto_input = nxt

    def remove(self, f: Filter) -> None:
        if f.r is None:
            self.conn.remove(f)
        else:
            _remove(f, self, self.conn, f.frec.direction)

    def find(self, name: str, direction: str = OUTPUT) -> Filter | None:
        low = name.lower()
        for f in walk(getattr(self, direction)):
            if f.frec.name.lower() == low:
                return f
        return None

    def names(self, direction: str = OUTPUT) -> list[str]:
        return [f.frec.name for f in walk(getattr(self, direction))]

    def pass_brigade(self, bb: list) -> None:
        """Send a brigade down this request's output chain (ap_pass_brigade(r->output_filters))."""
        pass_brigade(self.output, bb)

    def get_brigade(self, mode: str = READBYTES, block: str = BLOCK, readbytes: int = 8192) -> list:
        return get_brigade(self.input, mode, block, readbytes)

    def run_init(self) -> int:
        """invoke_filter_init on the output chain, before the handler runs: the first result
        other than OK (0) is returned."""
        for f in walk(self.output):
            init = f.frec.init
            if init is not None:
                rc = init(f)
                if rc:
                    return rc
        return 0

    def reset_to_protocol(self) -> None:
        """ap_send_error_response: drop the request's resource/content filters."""
        self.output = self.proto_output

    # -- sub-requests and redirects ----------------------------------------------------------
    def for_subrequest(self, rnew, next_filter: Filter | None) -> "RequestFilters":
        """ap_sub_req_method_uri's filter set-up: with `next_filter` (the filter after the one
        making the sub-request, e.g. INCLUDES) the sub-request writes into this request's chain
        there, through a SUBREQ_CORE filter that drops its EOS; without one (a lookup that may
        be fast-redirected to) it starts at this request's protocol filters."""
        sub = RequestFilters(rnew, self.conn)
        sub.proto_output = self.proto_output
        sub.proto_input = self.proto_input
        if next_filter is not None:
            sub.input = self.input
            sub.output = next_filter
            scan = next_filter
            while scan is not None and scan is not self.proto_output:
                if scan.frec is SUBREQ_CORE:
                    break
                scan = scan.next
            if scan is None or scan is self.proto_output:
                sub.add_output(SUBREQ_CORE)
        else:
            sub.input = self.proto_input
            sub.output = self.proto_output
        return sub

    def for_fast_redirect(self, r) -> "RequestFilters":
        """ap_internal_fast_redirect: r takes over this (sub-)request's chains; its filters now
        belong to r, and a main request loses SUBREQ_CORE."""
        new = RequestFilters(r, self.conn)
        new.output, new.proto_output = self.output, self.proto_output
        new.input, new.proto_input = self.input, self.proto_input
        new.whole_body = self.whole_body
        old = self.r
        for f in list(walk(new.output)) + list(walk(new.input)):
            if f.r is old:
                f.r = r
                f.owner = new
        scan = new.output
        while scan is not None and scan is not new.proto_output and scan.frec is not SUBREQ_CORE:
            scan = scan.next
        found = scan is not None and scan.frec is SUBREQ_CORE
        if getattr(r, "main", None) is None:
            if found:
                new.remove(scan)
        elif not found:
            new.add_output(SUBREQ_CORE)
        return new

    def for_redirect(self, rnew) -> "RequestFilters":
        """internal_internal_redirect: the new request keeps the protocol filters; a main
        request drops its resource filters, a sub-request only those of the old request."""
        new = RequestFilters(rnew, self.conn)
        new.proto_output = self.proto_output
        new.proto_input = self.proto_input
        new.input = self.proto_input
        if getattr(rnew, "main", None) is not None:
            new.output = self.output
            f = new.output
            while f is not None and f is not new.proto_output:
                nxt = f.next
                if f.r is self.r and f.frec is not SUBREQ_CORE:
                    f.r = rnew
                    new.remove(f)
                f = nxt
        else:
            new.output = new.proto_output
        for f in walk(new.output):
            if f.r is self.r:
                f.r = rnew
                f.owner = new
        for f in walk(new.input):
            if f.r is self.r:
                f.r = rnew
                f.owner = new
        return new


def update_r_in_filters(filters: "RequestFilters", old, new) -> None:
    """update_r_in_filters, as ap_die uses it after a failed ErrorDocument redirect: the
    protocol and input filters that the redirect handed to `old` belong to `new` again."""
    for f in list(walk(filters.proto_output)) + list(walk(filters.input)):
        if f.r is old:
            f.r = new
            f.owner = filters


def _resolve(what, direction: str, loaded, c, r) -> FilterRec | None:
    if isinstance(what, FilterRec):
        return what
    frec = find_output_filter(what, loaded) if direction == OUTPUT else find_input_filter(what, loaded)
    if frec is None:
        msg = f"AH00082: an unknown filter was not added: {what}"
        log = getattr(r, "log_error", None) or getattr(c, "log_error", None)
        if log is not None:
            log("core", "error", msg)
    return frec


def _subreq_core(f: Filter, bb: list) -> None:
    """ap_sub_req_output_filter: the sub-request's output continues in its parent's chain
    without its end-of-stream."""
    from .buckets import EOS
    f.pass_brigade([b for b in bb if b is not EOS])


SUBREQ_CORE = register_output_filter("SUBREQ_CORE", _subreq_core, CONTENT_SET)
