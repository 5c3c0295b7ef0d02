"""The output side of a request: the body goes down the request's filter chain
(apachepy/filters), through httpd's protocol output filters registered here: mod_headers'
output fixups (FIXUP_HEADERS_OUT, after the content filters), the byterange filter, the
content-length filter, the HTTP header filter (err_headers_out overlaid first, Vary merge,
keep-alive decision, 204/304 cleanup, chunking, Content-Type last) and CHUNK; the connection's
filters end in CORE, which writes the head and a small body in one write and larger files
through sendfile.
"""
from __future__ import annotations

from ..filters import (CONTENT_SET, EOS, FLUSH, PROTOCOL, TRANSCODE, FileBucket, bucket_length, from_body,
                       is_metadata, pass_brigade, read_bucket, register_input_filter, register_output_filter)
from .dates import recent_rfc1123
from .hooks import hook
from .parser import is_chunked
from .request import CONN_CLOSE, CONN_KEEPALIVE, BodyError, FileBody, Request
from .status import DROPS_CONNECTION, status_line
from .table import Table


def finalize_request_protocol(r: Request) -> None:
    """ap_finalize_request_protocol: discard the request body, then send r's response unless
    one was already sent.  A body that cannot be read replaces the response with its error,
    as httpd's end_output_stream does with an error bucket (the status being answered shows
    up as the page's "Additionally, a ... error" note)."""
    c = r.conn
    if c.response_started:
        return
    br = r.body_reader
    if br is not None and r.main is None and br.error is None and not _nothing_to_discard(r, br):
        try:
            br.discard()
        except BodyError as e:
            from .request import die
            c.keepalive = CONN_CLOSE
            r.error_from_filter = True
            # httpd's content-length filter had already counted the page it was sending
            r.abandoned = _body_length(r.body) if not r.header_only else 0
            r.body = None
            die(e.status, r, r.status)
            return
    send_response(r)


def discard_request_body(r: Request) -> int:
    """ap_discard_request_body (BodyReader.discard: 0 or an input filter's error status),
    without the filter calls when they could only return HTTP_IN's end of stream."""
    br = r.body_reader
    if br is None or _nothing_to_discard(r, br):
        return 0
    return br.discard()


def _nothing_to_discard(r: Request, br) -> bool:
    """A discard would only read HTTP_IN's EOS: no request input filter sits above HTTP_IN,
    the status is not one that makes the discard turn keep-alive off, and the body has been
    read to its end or the request has none (no Transfer-Encoding, no Content-Length)."""
    rf = r.filters
    if rf is None or rf.input is not rf.proto_input or r.status in DROPS_CONNECTION:
        return False
    st = br.state
    if st == "done":
        return br.error is None
    h = r.headers_in
    return st is None and h.get("Transfer-Encoding") is None and h.get("Content-Length") is None


def make_content_type(r: Request, ctype: str | None) -> str | None:
    """ap_make_content_type: AddDefaultCharset for text/plain and text/html."""
    if not ctype:
        return None
    cs = r.per_dir_config.add_default_charset
    if cs is None or r.suppress_charset:
        return ctype
    if "charset=" in ctype:
        return ctype
    if "text/plain" in ctype or "text/html" in ctype:
        return f"{ctype}; charset={cs}"
    return ctype


def set_keepalive(r: Request) -> bool:
    """ap_set_keepalive: decide persistence and add Keep-Alive/Connection headers."""
    c = r.conn
    s = r.server
    left = s.keep_alive_max - c.keepalives
    out = r.headers_out
    wimpy = _find_token(out.get("Connection"), "close")
    conn_hdr = r.headers_in.get("Connection")
    ka_sent = False
    if (c.keepalive != CONN_CLOSE and not r.expecting_100
            and (r.header_only or r.status in (204, 304) or out.get("Content-Length") is not None
                 or is_chunked(out.get("Transfer-Encoding")) or (r.proto_num >= 1001 and _set_chunked(r)))
            and s.keep_alive and s.keep_alive_timeout > 0
            and (s.keep_alive_max == 0 or left > 0)
            and r.status not in DROPS_CONNECTION
            and not wimpy
            and not _find_token(conn_hdr, "close")
            and (r.subprocess_env.get("nokeepalive") is None or r.headers_in.get("Via") is not None)
            and ((ka_sent := _find_token(conn_hdr, "keep-alive")) or r.proto_num >= 1001)
            and not c.stopping):
        c.keepalive = CONN_KEEPALIVE
        c.keepalives += 1
        if r.error_from_filter:
            # an error raised inside the output filters passes ap_set_keepalive twice in httpd
            c.keepalives += 1
        if ka_sent:
            if s.keep_alive_max:
                out.set("Keep-Alive", f"timeout={int(s.keep_alive_timeout)}, max={left}")
            else:
                out.set("Keep-Alive", f"timeout={int(s.keep_alive_timeout)}")
            out.merge("Connection", "Keep-Alive")
        return True
    if r.error_from_filter:
        r.chunked = False       # a filter error on a closing connection is delimited by the close
    if not wimpy:
        out.merge("Connection", "close")
    if c.keepalive != CONN_CLOSE and s.keep_alive_max and not left:
        c.keepalives += 1
    c.keepalive = CONN_CLOSE
    return False


def _set_chunked(r: Request) -> bool:
    r.chunked = True
    return True


def _find_token(line: str | None, tok: str) -> bool:
    """ap_find_token: a comma/space separated token list contains tok (case-insensitive)."""
    if not line:
        return False
    tok = tok.lower()
    for part in line.replace(";", ",").split(","):
        for w in part.split():
            if w.lower() == tok:
                return True
    return False


def _body_length(body) -> int:
    if body is None:
        return 0
    if isinstance(body, (bytes, bytearray)):
        return len(body)
    if isinstance(body, FileBody):
        return body.length
    return sum(_body_length(b) for b in body)


def send_response(r: Request) -> None:
    """Send r's body down its output chain (ap_finalize_request_protocol's EOS included): the
    handler's resource filters, mod_headers' fixups, then the protocol filters below."""
    rf = start_response(r)
    if not _send_plain(r, rf):
        rf.pass_brigade(from_body(r.body) + [EOS])
    end_response(rf)


def _send_plain(r: Request, rf) -> bool:
    """The common case without the filter calls: the request's output chain is just its own
    untouched BYTERANGE, CONTENT_LENGTH and HTTP_HEADER, the body is whole (bytes and file
    ranges), and nothing for the byterange filter to do.  What those filters would do with the
    one brigade (body + EOS) is done here, in their order, and the connection's filters get
    the head and the body together, as HTTP_HEADER passes them (one write for a small file).
    False (nothing done) when any of that does not hold: the filters then run."""
    f = rf.output
    if f is not rf.proto_output or f.frec is not BYTERANGE or f.ctx is not None or f.r is not r:
        return False
    cl = f.next
    if cl is None or cl.frec is not CONTENT_LENGTH or cl.ctx is not None or cl.r is not r:
        return False
    hf = cl.next
    if hf is None or hf.frec is not HTTP_HEADER or hf.ctx is not None or hf.r is not r \
            or hf.next is not rf.conn.output:
        return False
    if r.error_from_filter or r.trace_body or r.chunked:
        return False
    if r.status == 200 and r.headers_in.get("Range"):
        return False                   # BYTERANGE has work
    body = r.body
    if body is None:
        body = []
    elif isinstance(body, list):
        body = from_body(body)
    elif isinstance(body, bytes):
        body = [body] if body else []
    else:
        body = [body]
    size = r.abandoned
    for i, b in enumerate(body):
        if isinstance(b, bytes):
            size += len(b)
        elif isinstance(b, FileBody):
            size += b.length
            body[i] = FileBucket(b.path, b.fd, b.offset, b.length)
        elif isinstance(b, (bytearray, memoryview)):
            size += len(b)
        else:
            return False
    # BYTERANGE: nothing to do, it leaves the chain
    # CONTENT_LENGTH: the whole response in its first brigade
    r.bytes_sent = size
    if not ((r.header_only or r.status in (204, 304)) and size == 0
            and r.headers_out.get("Content-Length") is not None):
        r.headers_out.set("Content-Length", str(size))
    cl.ctx = [True]
    rf.output = rf.proto_output = cl
    # HTTP_HEADER: leaves the chain once it has seen EOS
    cl.next = hf.next
    if r.assbackwards:
        r.sent_bodyct = True
        out = body
    else:
        head = build_head(r)
        if r.header_only or r.status in (204, 304):
            out = [head]
        else:
            r.sent_bodyct = True
            body.insert(0, head)
            out = body
    out.append(EOS)
    pass_brigade(hf.next, out)
    return True


def start_response(r: Request):
    """The output chain of r, ready for the first brigade; a handler that streams its body
    (mod_cgi) passes brigades to it itself, ending with EOS and `end_response`."""
    c = r.conn
    c.response_started = True
    if r.filters is None:              # a request record made outside new_request
        from .request import create_request
        create_request(r)
    rf = r.filters
    if r.error_path:
        rf.reset_to_protocol()         # ap_send_error_response drops resource filters
    if not r.assbackwards and r.site.hooks["output_headers"]:
        rf.add_output(FIXUP_HEADERS_OUT)
    return rf


def end_response(rf) -> None:
    if rf.whole_body:
        # a whole-body filter ran: this worker stays until the response is on the wire
        pass_brigade(rf.conn.output, [FLUSH])


# -- httpd's protocol filters (http_core.c, http_filters.c, protocol.c, byterange_filter.c) --

def _fixup_headers(f, bb: list) -> None:
    """mod_headers' FIXUP_HEADERS_OUT/ERR: its output_headers hooks, once, before the head is
    built (after the content filters have set their headers)."""
    f.remove()
    for fn in f.r.site.hooks["output_headers"]:
        fn(f.r)
    f.pass_brigade(bb)


def _byterange(f, bb: list) -> None:
    """ap_byterange_filter: a 200 response seen whole, with a Range to apply."""
    r = f.r
    f.remove()
    if r.error_from_filter or r.status != 200 or not r.headers_in.get("Range") or bb[-1] is not EOS:
        f.pass_brigade(bb)
        return
    body = [b if isinstance(b, (bytes, FileBody)) else read_bucket(b) for b in bb if not is_metadata(b)]
    from .byterange import apply_ranges
    body = apply_ranges(r, body)
    if body is None:                   # 416: answered as a filter error
        return
    f.pass_brigade(from_body(body) + [EOS])


def _content_length(f, bb: list) -> None:
    """ap_content_length_filter: count r.bytes_sent; set Content-Length when the whole
    response reaches it in its first brigade."""
    r = f.r
    if f.ctx is None:
        f.ctx = [False]                # data_sent
        r.bytes_sent = r.abandoned
    start = 0
    eos = False
    i = 0
    while i < len(bb):
        b = bb[i]
        if b is EOS:
            eos = True
            break
        if b is FLUSH:
            i += 1
            if i < len(bb) and bb[i] is EOS:
                continue
            f.pass_brigade(bb[start:i])
            f.ctx[0] = True
            start = i
            continue
        if not is_metadata(b):
            r.bytes_sent += bucket_length(b)
        i += 1
    if (not f.ctx[0] and eos and not r.error_from_filter and not r.trace_body
            and not ((r.header_only or r.status in (204, 304)) and r.bytes_sent == 0
                     and r.headers_out.get("Content-Length") is not None)):
        r.headers_out.set("Content-Length", str(r.bytes_sent))
    f.ctx[0] = True
    f.pass_brigade(bb[start:])


def _http_header(f, bb: list) -> None:
    """ap_http_header_filter: the head goes out with the first brigade; a response without a
    body (HEAD, 204, 304) eats the body up to its EOS; a chunked one gets CHUNK."""
    r = f.r
    if f.ctx is not None:              # head sent, body not wanted
        if bb[-1] is EOS:
            f.remove()
            f.pass_brigade([EOS])
        return
    if r.assbackwards:                 # HTTP/0.9: the body alone
        f.remove()
        r.sent_bodyct = True
        f.pass_brigade(bb)
        return
    head = build_head(r)
    if r.header_only or r.status in (204, 304):
        f.ctx = True
        if bb[-1] is EOS:
            f.remove()
            f.pass_brigade([head, EOS])
        else:
            f.pass_brigade([head])
        return
    r.sent_bodyct = True
    if r.chunked:
        # the head goes out before CHUNK is added, or it would be chunked too
        f.pass_brigade([head])
        r.filters.add_output(CHUNK)    # linked after us, so we pass to it
        f.remove()
        f.pass_brigade(bb)
        return
    f.remove()
    f.pass_brigade([head] + bb)


def _chunk(f, bb: list) -> None:
    """ap_http_chunk_filter: one chunk per brigade (split at FLUSH), "0" CRLF CRLF before EOS."""
    out: list = []
    cur: list = []
    size = 0

    def close_chunk():
        nonlocal cur, size
        if size:
            out.append(b"%x\r\n" % size)
            out.extend(cur)
            out.append(b"\r\n")
        cur, size = [], 0

    for b in bb:
        if b is EOS:
            close_chunk()
            out.append(b"0\r\n\r\n")
            out.append(EOS)
        elif is_metadata(b):
            close_chunk()
            out.append(b)
        else:
            n = bucket_length(b)
            if n:
                cur.append(b)
                size += n
    close_chunk()
    f.pass_brigade(out)


def _http_in(f, mode: str, block: str, readbytes: int) -> list:
    """HTTP_IN: the request body as BodyReader decodes it (Content-Length or chunked)."""
    br = f.r.body_reader
    if br is None:
        return [EOS]
    data = br.read(readbytes)
    return [data] if data else [EOS]


FIXUP_HEADERS_OUT = register_output_filter("FIXUP_HEADERS_OUT", _fixup_headers, CONTENT_SET)
BYTERANGE = register_output_filter("BYTERANGE", _byterange, PROTOCOL)
CONTENT_LENGTH = register_output_filter("CONTENT_LENGTH", _content_length, PROTOCOL)
HTTP_HEADER = register_output_filter("HTTP_HEADER", _http_header, PROTOCOL)
CHUNK = register_output_filter("CHUNK", _chunk, TRANSCODE)
HTTP_IN = register_input_filter("HTTP_IN", _http_in, PROTOCOL)


@hook("create_request", "http_module")
def http_create_request(r: Request) -> None:
    """http_core's create_request: a main request gets HTTP_IN and the protocol filters."""
    if r.main is None and r.prev is None:
        r.filters.add_protocol(_PROTOCOL_OUT, _PROTOCOL_IN)


_PROTOCOL_OUT = (BYTERANGE, CONTENT_LENGTH, HTTP_HEADER)
_PROTOCOL_IN = (HTTP_IN,)


def build_head(r: Request) -> bytes:
    """ap_http_header_filter: the status line and header fields, httpd's order."""
    out = r.headers_out
    if r.err_headers_out:
        out = r.err_headers_out.overlay(out)
        r.err_headers_out = Table()
        r.headers_out = out
    env = r.subprocess_env
    if env and env.get("force-no-vary") is not None:
        out.unset("Vary")
        r.proto_num = 1000
        env.set("force-response-1.0", "1")
    else:
        _fixup_vary(out)
    if r.notes and r.notes.get("no-etag") is not None:
        out.unset("ETag")
    protocol = "HTTP/1.1"
    if env:
        if r.proto_num > 1000 and env.get("downgrade-1.0") is not None:
            r.proto_num = 1000
        if r.proto_num == 1000 and env.get("force-response-1.0") is not None:
            protocol = "HTTP/1.0"
            r.conn.keepalive = CONN_CLOSE
    set_keepalive(r)
    if r.no_cache and out.get("Expires") is None:     # (apache2 2.4.71 adds it after keep-alive's)
        out.add("Expires", recent_rfc1123(r.request_time))
    if r.status in (204, 304):
        out.unset("Transfer-Encoding")
        out.unset("Content-Length")
        r.content_type = r.content_encoding = None
        r.content_languages = None
        r.chunked = False
    elif r.chunked:
        out.merge("Transfer-Encoding", "chunked")
        out.unset("Content-Length")
    ctype = make_content_type(r, r.content_type)
    if ctype:
        out.set("Content-Type", ctype)
    if r.content_encoding:
        out.set("Content-Encoding", r.content_encoding)
    if r.content_languages:
        langs = list(r.content_languages)
        field = out.get("Content-Language")
        if field:
            for tok in field.split(","):
                tok = tok.strip()
                if tok and tok.lower() not in (l.lower() for l in langs):
                    langs.append(tok)
        out.set("Content-Language", ",".join(langs))
    if r.header_only and out.get("Content-Length") == "0":
        out.unset("Content-Length")
    sl = r.status_line
    if not sl or not sl[:3].isdigit() or int(sl[:3]) != r.status:
        sl = status_line(r.status)
    banner = r.site.banner
    server = f"Server: {banner}\r\n" if banner else ""
    head = (f"{protocol} {sl}\r\nDate: {recent_rfc1123(r.request_time)}\r\n{server}"
            f"{out.lines(_OWN_FIELDS)}\r\n")
    r.headers_sent = True
    r.initial().headers_sent = True
    return head.encode("latin-1", "replace")


_OWN_FIELDS = frozenset(("date", "server"))     # the header filter writes these itself


def _fixup_vary(out: Table) -> None:
    vals = out.get_all("Vary")
    if not vals:
        return
    seen: list[str] = []
    for v in vals:
        for tok in v.replace(",", " ").split():
            if tok.lower() not in (s.lower() for s in seen):
                seen.append(tok)
    out.set("Vary", ",".join(seen))
