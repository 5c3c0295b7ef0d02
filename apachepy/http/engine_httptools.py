"""The httptools protocol engine: llhttp (C) parses the plain, well-formed request head, and
apachepy's own HeadParser (parser.py) parses everything else, so every answer, limit and
error-log line stays httpd's whichever engine runs.

The fast path takes a head only when its result is certain to equal HeadParser's:
  * the whole head is in the buffer, the request line fits LimitRequestLine and all header
    lines together fit LimitRequestFieldSize (so no single or merged field can exceed it),
    and there are at most LimitRequestFields fields;
  * every line ends in CRLF, with no other CR or LF (no bare LF, no obs-fold, no blank lines
    before the request line);
  * the request line is exactly `METHOD SP target SP HTTP/1.0|1.1`, the target visible
    characters only;
  * llhttp accepts it: a method it knows, token field names with the colon right after them
    (no whitespace before the colon), field values of HTAB/SP/VCHAR/obs-text (httpd's Strict
    field-content), at most one Content-Length, no Transfer-Encoding it rejects.
Anything else (including every input llhttp rejects) goes to HeadParser, which decides.
llhttp's body handling is not used: bodies are read by apachepy's BodyReader as before.
"""
from __future__ import annotations

import re

import httptools

from .parser import HeadParser, RequestHead
from .table import Table

_TARGET = re.compile(rb"[\x21-\x7e]+")        # llhttp refuses obs-text in targets anyway
_VERSIONS = {"1.0": ("HTTP/1.0", 1000, b" HTTP/1.0"), "1.1": ("HTTP/1.1", 1001, b" HTTP/1.1")}


class _Head:
    """llhttp's callbacks for one head (the head is fed whole, so each comes in one piece)."""
    __slots__ = ("url", "fields", "done")

    def __init__(self):
        self.url = b""
        self.fields: list[tuple[bytes, bytes]] = []
        self.done = False

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self.fields.append((name, value))

    def on_headers_complete(self) -> None:
        self.done = True


class HttptoolsHeadParser(HeadParser):
    engine = "httptools"

    def parse(self, buf: bytes, pos: int = 0, eof: bool = False) -> RequestHead | None:
        head = self._fast(buf, pos)
        if head is None:
            return HeadParser.parse(self, buf, pos, eof)
        return head

    def _fast(self, buf, pos: int) -> RequestHead | None:
        """The head when it is a plain one llhttp accepts, else None (HeadParser decides)."""
        limits = self.limits
        # the request line's CRLF within LimitRequestLine, the blank line within
        # LimitRequestFieldSize after it (bounded searches: input may be long pipelined data)
        line_end = buf.find(b"\r\n", pos, pos + limits.line + 2)
        if line_end <= pos:
            return None
        end = buf.find(b"\r\n\r\n", line_end, line_end + limits.fieldsize + 4)
        if end < 0:
            return None
        data = buf[pos:end + 4]
        cb = _Head()
        parser = httptools.HttpRequestParser(cb)
        try:
            parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            pass                    # Upgrade or CONNECT: the head itself was accepted
        except httptools.HttpParserError:
            return None
        if not cb.done:
            return None
        fields = cb.fields
        n = len(fields)
        if limits.fields and n > limits.fields:
            return None
        # each line was one CRLF-terminated line for llhttp (no bare LF, CR or folding)
        if data.count(b"\n") != n + 2 or data.count(b"\r") != n + 2:
            return None
        version = _VERSIONS.get(parser.get_http_version())
        if version is None:
            return None
        method = parser.get_method()
        url = cb.url
        line = data[:line_end - pos]
        if line != method + b" " + url + version[2] or _TARGET.fullmatch(url) is None:
            return None
        # llhttp drops the whitespace before a value but keeps the one after it; httpd
        # drops both
        headers = Table([(k.decode("latin-1"), v.rstrip(b" \t").decode("latin-1")) for k, v in fields])
        headers.compress_merge()
        return RequestHead(the_request=line.decode("latin-1"), method=method.decode("latin-1"),
                           uri=url.decode("latin-1"), protocol=version[0], proto_num=version[1],
                           headers=headers, size=len(data))
