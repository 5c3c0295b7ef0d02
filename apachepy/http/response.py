"""The output side of a request: httpd's protocol output filters in one pass.

In order: mod_headers' output fixups, the byterange filter, the content-length filter, and
the HTTP header filter (err_headers_out overlaid first, Vary merge, keep-alive decision,
204/304 cleanup, chunking, Content-Type last), then the bytes go out: the head and a small
body in one write, larger files through sendfile.
"""
from __future__ import annotations

import os

from .dates import recent_rfc1123
from .parser import is_chunked
from .request import CONN_CLOSE, CONN_KEEPALIVE, BodyError, FileBody, Request
from .status import DROPS_CONNECTION, status_line
from .table import Table

SMALL_BODY = 64 * 1024          # bodies up to this size are read and sent with the head


def finalize_request_protocol(r: Request) -> None:
    """ap_finalize_request_protocol: discard the request body, then send r's response unless
    one was already sent.  A body that cannot be read replaces the response with its error,
    as httpd's end_output_stream does with an error bucket (the status being answered shows
    up as the page's "Additionally, a ... error" note)."""
    c = r.conn
    if c.response_started:
        return
    br = r.body_reader
    if br is not None and r.main is None and br.error is None:
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
    c = r.conn
    c.response_started = True
    site = r.site
    if r.assbackwards:
        # HTTP/0.9: the body alone
        r.sent_bodyct = True
        if not r.header_only:
            r.bytes_sent = _body_length(r.body)
            _write_body(r, r.body, b"")
        return
    for fn in site.hooks["output_headers"]:
        fn(r)
    body = r.body
    if body is not None and not r.error_from_filter and r.status == 200:
        from .byterange import apply_ranges
        body = apply_ranges(r, body)
        if body is None:       # 416 from the byterange filter: answered as an error
            return
    # content-length filter: the whole body is known here (not for filter errors and TRACE,
    # whose output passes the filter before the end of the body is seen)
    if not r.error_from_filter and not r.trace_body:
        n = _body_length(body)
        if not ((r.header_only or r.status in (204, 304)) and n == 0
                and r.headers_out.get("Content-Length") is not None):
            r.headers_out.set("Content-Length", str(n))
    r.bytes_sent = _body_length(body) + r.abandoned
    head = build_head(r)
    if r.header_only or r.status in (204, 304):
        c.write(head)
        c.bytes_out += len(head)
        return
    r.sent_bodyct = True
    _write_body(r, body, head)


def build_head(r: Request) -> bytes:
    """ap_http_header_filter: the status line and header fields, httpd's order."""
    out = r.headers_out
    if r.err_headers_out:
        out = r.err_headers_out.overlay(out)
        r.err_headers_out = Table()
        r.headers_out = out
    if r.subprocess_env.get("force-no-vary") is not None:
        out.unset("Vary")
        r.proto_num = 1000
        r.subprocess_env.set("force-response-1.0", "1")
    else:
        _fixup_vary(out)
    if r.no_cache and out.get("Expires") is None:
        out.add("Expires", recent_rfc1123(r.request_time))
    if r.notes.get("no-etag") is not None:
        out.unset("ETag")
    protocol = "HTTP/1.1"
    if r.proto_num > 1000 and r.subprocess_env.get("downgrade-1.0") is not None:
        r.proto_num = 1000
    if r.proto_num == 1000 and r.subprocess_env.get("force-response-1.0") is not None:
        protocol = "HTTP/1.0"
        r.conn.keepalive = CONN_CLOSE
    set_keepalive(r)
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
    parts = [f"{protocol} {sl}\r\nDate: {recent_rfc1123(r.request_time)}\r\n"]
    banner = r.site.banner
    server_hdr = banner
    if server_hdr:
        parts.append(f"Server: {server_hdr}\r\n")
    for k, v in out:
        if k.lower() in ("date", "server"):
            continue
        parts.append(f"{k}: {v}\r\n")
    parts.append("\r\n")
    r.headers_sent = True
    r.initial().headers_sent = True
    return "".join(parts).encode("latin-1", "replace")


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


def _write_body(r: Request, body, head: bytes) -> None:
    """Write head + body: small bodies in one write, big files by sendfile, chunked if set."""
    c = r.conn
    chunked = r.chunked and not r.assbackwards
    if body is None:
        data = head + (b"0\r\n\r\n" if chunked else b"")
        c.write(data)
        c.bytes_out += len(data)
        return
    parts = body if isinstance(body, list) else [body]
    pending = [head] if head else []
    total_small = 0
    for p in parts:
        if isinstance(p, FileBody) and p.length > SMALL_BODY and not chunked:
            if pending:
                c.write(b"".join(pending))
                c.bytes_out += sum(len(x) for x in pending)
                pending = []
            c.sendfile(p)
            c.bytes_out += p.length
            continue
        data = _read_part(p)
        if chunked and data:
            data = b"%x\r\n" % len(data) + data + b"\r\n"
        pending.append(data)
        total_small += len(data)
        if total_small > SMALL_BODY:
            c.write(b"".join(pending))
            c.bytes_out += sum(len(x) for x in pending)
            pending = []
            total_small = 0
    if chunked:
        pending.append(b"0\r\n\r\n")
    if pending:
        data = b"".join(pending)
        c.write(data)
        c.bytes_out += len(data)


def _read_part(p) -> bytes:
    if isinstance(p, (bytes, bytearray)):
        return bytes(p)
    if p.fd is not None:
        return os.pread(p.fd, p.length, p.offset)
    with open(p.path, "rb") as f:
        f.seek(p.offset)
        return f.read(p.length)
