"""TRACE (http_filters.c ap_send_http_trace): echo the request line and headers back."""
from __future__ import annotations

from .hooks import DONE
from .request import BodyError


def send_trace(r) -> int:
    while r.prev is not None:
        r = r.prev
    te = r.server.trace_enable
    if te == "off":
        r.notes.set("error-notes", "TRACE denied by server configuration")
        return 405
    br = r.body_reader
    body = b""
    if te != "extended":
        # REQUEST_NO_BODY: any body is refused
        if br is not None and br.has_body():
            r.notes.set("error-notes", "TRACE with a request body is not allowed")
            return 413
    elif br is not None and br.has_body():
        cl = r.headers_in.get("Content-Length")
        if cl is not None and cl.isdigit() and int(cl) > 65536:
            r.notes.set("error-notes", "Extended TRACE request bodies cannot exceed 64k\n")
            return 413
        chunks = []
        total = 0
        while True:
            try:
                data = br.read(65536)
            except BodyError:
                return 400
            if not data:
                break
            total += len(data)
            if total > 65536:
                r.notes.set("error-notes", "Extended TRACE request bodies cannot exceed 64k\n")
                return 413
            chunks.append(data)
        body = b"".join(chunks)
    r.content_type = "message/http"
    lines = [r.the_request, "\r\n"]
    for k, v in r.headers_in:
        lines.append(f"{k}: {v}\r\n")
    lines.append("\r\n")
    r.body = "".join(lines).encode("latin-1", "replace") + body
    r.trace_body = True
    from .response import finalize_request_protocol
    finalize_request_protocol(r)
    return DONE
