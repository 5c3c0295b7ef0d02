"""httpd's ap_rputs/ap_rvputs/ap_rprintf buffering (protocol.c's OLD_WRITE filter).

Handlers that write their page piece by piece (mod_autoindex) go through OLD_WRITE, the first
filter of the request's output chain.  Each write is copied into 8000-byte heap buffers
(apr_brigade_write with APR_BUCKET_BUFF_SIZE); a write that does not fit in the space left
passes the buffered data plus that write down the chain at once.  Whatever is still buffered
goes down in front of the next brigade passed through the filter: a sub-request's output, or
the EOS of the finished request.  Where those passes fall decides whether the response gets a
Content-Length (everything seen with the EOS) or is chunked, and where its chunks break, so it
is reproduced exactly.
"""
from __future__ import annotations

from ..filters.buckets import EOS
from ..filters.chain import Filter, pass_brigade
from ..filters.registry import OUTPUT, RESOURCE, FilterRec

BUFF_SIZE = 8000        # APR_BUCKET_BUFF_SIZE


def _old_write_filter(f: Filter, bb: list) -> None:
    """ap_old_write_filter: the buffered writes go down in front of whatever comes through."""
    w = f.ctx
    if w.bb:
        bb = w.take() + bb
    f.pass_brigade(bb)


# registered with httpd's type (AP_FTYPE_RESOURCE - 10) but not by name: nothing configures it
OLD_WRITE = FilterRec("OLD_WRITE", _old_write_filter, RESOURCE - 10, OUTPUT)


class RequestWriter:
    """The ap_r* calls of one request; `filter` is its OLD_WRITE filter in r's chain."""

    def __init__(self, r):
        self.r = r
        self.bb: list = []                  # buffered buckets (bytes, the last maybe a bytearray)
        self.room = 0                       # space left in the last bucket when it is a buffer
        self.started = False
        self.filter = r.filters.add_output(OLD_WRITE, self)

    def take(self) -> list:
        out = [bytes(b) if isinstance(b, bytearray) else b for b in self.bb]
        self.bb = []
        self.room = 0
        return out

    def puts(self, s) -> None:
        """One buffer_output call (ap_rputs, one argument of ap_rvputs, an ap_rprintf)."""
        data = s.encode("latin-1", "replace") if isinstance(s, str) else s
        n = len(data)
        if n == 0:
            return
        last = self.bb[-1] if self.bb else None
        buffering = isinstance(last, bytearray)
        remaining = self.room if buffering else BUFF_SIZE
        if n > remaining:
            self.bb.append(bytes(data))
            self.flush()
        elif not buffering:
            self.bb.append(bytearray(data))
            self.room = BUFF_SIZE - n
        else:
            last += data
            self.room -= n

    def vputs(self, *parts) -> None:
        """ap_rvputs: every argument is its own write."""
        for p in parts:
            self.puts(p)

    def flush(self) -> None:
        """ap_filter_flush on the filter after OLD_WRITE (apr_brigade_write's flush)."""
        bb = self.take()
        self.start()
        pass_brigade(self.filter.next, bb)

    def start(self) -> None:
        """Body data leaves before the handler returns: a main request's response starts now
        (mod_headers' fixups join the chain, as httpd has them there before the handler)."""
        if not self.started and self.r.main is None:
            from .response import start_response
            start_response(self.r)
            self.started = True

    def finish(self) -> None:
        """The handler is done.  A response already started is ended here (the EOS brings the
        buffered rest along); otherwise the request's usual end sends the EOS through us."""
        if self.started:
            from .response import end_response
            self.r.filters.pass_brigade([EOS])
            end_response(self.r.filters)
