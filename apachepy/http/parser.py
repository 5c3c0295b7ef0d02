"""Request heads, parsed the way httpd reads them (protocol.c read_request_line,
ap_parse_request_line and ap_get_mime_headers_core, HttpProtocolOptions Strict by default).

This is the HTTP layer's parser interface: `HeadParser.parse(buf, pos, eof)` returns None
while more bytes are needed, else a `RequestHead`, which is either a request or the error
status httpd would answer with (400, 414...) plus its error-notes and log lines.  h11 is
not used for heads: it differs from httpd on exactly the inputs httpd's rules are about
(it never completes an HTTP/0.9 request, accepts bare LF and duplicate equal
Content-Length headers, rejects leading blank lines, answers 501 to unknown
Transfer-Encoding, and lowercases names that TRACE must echo verbatim).

Engines behind this interface: `HeadParser` (this file, pure Python) and, when the httptools
package is installed, `HttptoolsHeadParser` (engine_httptools.py: llhttp for plain heads,
this parser for everything else).  `engine_class` picks one from apachepy's ProtocolEngine
directive (auto|python|httptools) and the APACHEPY_ENGINE environment variable (which wins,
so that the test suite can run once per engine).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .table import Table

LIMIT_BLANK_LINES = 10

# ap_scan_http_token / ap_scan_vchar_obstext / ap_scan_http_field_content as regexes (latin-1)
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]*")
_VCHAR_OBS = re.compile(r"[\x21-\x7e\x80-\xff]*")
_FIELD_CONTENT = re.compile(r"[\t\x20-\x7e\x80-\xff]*")
_SPACE = " \t\n\v\f\r"


class _LineError(Exception):
    def __init__(self, kind: str, partial: bytes = b""):
        self.kind = kind           # "enospc", "einval", "eof"
        self.partial = partial


@dataclass
class Limits:
    line: int = 8190               # LimitRequestLine
    fieldsize: int = 8190          # LimitRequestFieldSize
    fields: int = 100              # LimitRequestFields
    strict: bool = True            # HttpProtocolOptions Strict (vs Unsafe)
    allow09: bool = True           # HttpProtocolOptions Allow0.9
    registered_methods: bool = False


@dataclass(eq=False)
class RequestHead:
    the_request: str = ""
    method: str = ""
    uri: str = ""                  # the request-target as sent
    protocol: str = "HTTP/1.0"
    proto_num: int = 1000          # major * 1000 + minor
    assbackwards: bool = False     # HTTP/0.9
    headers: Table = field(default_factory=Table)
    status: int = 200              # 200, or the error status httpd answers with
    notes: str | None = None       # error-notes shown on the error page
    logs: list = field(default_factory=list)    # (level, "AHnnnnn: ...") for the error log
    size: int = 0                  # bytes of the buffer consumed
    keepalive_close: bool = False  # the connection can't be reused after this head
    read_failed: bool = False      # the request line itself failed (no request to process)
    timed_out: bool = False


def _getline(buf: bytes, pos: int, n: int, crlf: bool, eof: bool) -> tuple[str, int] | None:
    """ap_rgetline_core for a buffer: the line without [CR]LF and the position after it,
    None if more bytes are needed; raises _LineError like its APR errors.  `n` is the
    buffer size httpd passes (limit + 2)."""
    end = buf.find(b"\n", pos, pos + n + 1)
    if end < 0:
        if len(buf) - pos > n:
            raise _LineError("enospc", buf[pos:pos + n - 1])
        if eof:
            raise _LineError("eof", buf[pos:])
        return None
    total = end - pos + 1
    if total > n:
        # the final LF alone may overrun the buffer when the CR still fits
        if not (total == n + 1 and end > pos and buf[end - 1] == 13):
            raise _LineError("enospc", buf[pos:pos + n - 1])
    line = buf[pos:end]
    if line.endswith(b"\r"):
        line = line[:-1]
    elif crlf:
        # httpd keeps the LF in what it read (the_request is logged with it)
        raise _LineError("einval", line + b"\n" if b"\0" not in line else line[:line.index(b"\0")])
    if b"\0" in line:
        raise _LineError("einval", line[:line.index(b"\0")])
    return line.decode("latin-1"), end + 1


def _field_name_len(s: str) -> str:
    """field_name_len: the text up to ':' (at most 80 characters) for log messages."""
    i = s.find(":")
    return s[:80] if i < 0 or i > 80 else s[:i]


def parse_request_line(head: RequestHead, line: str, limits: Limits) -> None:
    """ap_parse_request_line: fills method/uri/protocol/proto_num; sets head.status on error."""
    strict = limits.strict
    deferred = None
    s = line
    i = 0
    if s[:1] and s[0] in _SPACE:
        deferred = "badwhitespace"
        while i < len(s) and s[i] in _SPACE:
            i += 1
    m_start = i
    if strict:
        m = _TOKEN.match(s, i)
    else:
        m = _VCHAR_OBS.match(s, i)
    ll = m.end()
    if (ll == m_start or (ll < len(s) and s[ll] not in _SPACE)) and deferred is None:
        deferred = "badmethod"
        j = ll
        while j < len(s) and s[j] not in _SPACE:
            j += 1
        ll = j if j < len(s) else -1
    method = s[m_start:ll] if ll >= 0 else s[m_start:]
    uri = protocol = ""
    plen = 0
    trailing = ""
    if ll < 0 or ll >= len(s):
        if deferred is None:
            deferred = "missinguri"
    else:
        if strict and ll + 1 < len(s) and s[ll + 1] in _SPACE and deferred is None:
            deferred = "excesswhitespace"
        u = ll
        while u < len(s) and s[u] in _SPACE:
            if s[u] != " " and deferred is None:
                deferred = "badwhitespace"
            u += 1
        if u >= len(s) and deferred is None:
            deferred = "missinguri"
        m = _VCHAR_OBS.match(s, u)
        ul = m.end()
        if ul == u or (ul < len(s) and s[ul] not in _SPACE):
            deferred = "baduri"
            j = ul
            while j < len(s) and s[j] not in _SPACE:
                j += 1
            ul = j if j < len(s) else -1
        if ul < 0 or ul >= len(s):
            uri = s[u:]
        else:
            uri = s[u:ul]
            if strict and ul + 1 < len(s) and s[ul + 1] in _SPACE and deferred is None:
                deferred = "excesswhitespace"
            p = ul
            while p < len(s) and s[p] in _SPACE:
                if s[p] != " " and deferred is None:
                    deferred = "badwhitespace"
                p += 1
            m = _VCHAR_OBS.match(s, p)
            pe = m.end()
            protocol = s[p:pe]
            plen = pe - p
            if pe < len(s):
                if s[pe] not in _SPACE:
                    deferred = "badprotocol"
                    protocol = s[p:]     # the protocol string runs on (for the message)
                elif strict:
                    deferred = "excesswhitespace"
                else:
                    q = pe
                    while q < len(s) and s[q] in _SPACE:
                        if s[q] != " " and deferred is None:
                            deferred = "badwhitespace"
                        q += 1
                    if q < len(s) and deferred is None:
                        deferred = "trailingtext"
                        trailing = s[q:]
    head.method = method
    head.uri = uri
    head.the_request = method + (" " + uri if uri else "") + (" " + protocol if protocol else "")
    pr = protocol
    if (plen == 8 and pr.startswith("HTTP/") and pr[5].isdigit() and pr[6] == "." and pr[7].isdigit()
            and pr[5] != "0"):
        head.proto_num = int(pr[5]) * 1000 + int(pr[7])
        head.protocol = pr
    elif (plen == 8 and pr[:4].upper() == "HTTP" and pr[4] == "/" and pr[5].isdigit() and pr[6] == "."
          and pr[7].isdigit() and pr[5] != "0"):
        head.proto_num = int(pr[5]) * 1000 + int(pr[7])
        if strict and deferred is None:
            deferred = "badprotocol"
            head.protocol = pr
        else:
            head.protocol = "HTTP" + pr[4:]
    elif pr:
        head.proto_num = 9
        head.protocol = pr
        if deferred is None:
            deferred = "badprotocol"
    else:
        head.assbackwards = True
        head.protocol = "HTTP/0.9"
        head.proto_num = 9
    if head.proto_num == 9 and deferred is None:
        if not limits.allow09:
            deferred = "reject09"
        elif strict and (method != "GET"):
            deferred = "badmethod09"
    if deferred is not None:
        msgs = {
            "badmethod": f"AH03445: HTTP Request Line; Invalid method token: '{_field_name_len(method)}'",
            "badmethod09": f"AH03444: HTTP Request Line; Invalid method token: '{_field_name_len(method)}'"
                           " (only GET is allowed for HTTP/0.9 requests)",
            "missinguri": "AH03446: HTTP Request Line; Missing URI",
            "baduri": f"AH03454: HTTP Request Line; URI incorrectly encoded: '{_field_name_len(uri)}'",
            "badwhitespace": "AH03447: HTTP Request Line; Invalid whitespace",
            "excesswhitespace": "AH03448: HTTP Request Line; Excess whitespace "
                                "(disallowed by HttpProtocolOptions Strict)",
            "trailingtext": f"AH03449: HTTP Request Line; Extraneous text found '{_field_name_len(trailing)}' "
                            "(perhaps whitespace was injected?)",
            "reject09": "AH02401: HTTP Request Line; Rejected HTTP/0.9 request",
            "badprotocol": f"AH02418: HTTP Request Line; Unrecognized protocol '{_field_name_len(head.protocol)}' "
                           "(perhaps whitespace was injected?)",
        }
        head.logs.append(("debug", msgs[deferred]))
        head.status = 400
        _failed(head)


def _failed(head: RequestHead) -> None:
    """rrl_failed: an HTTP/0.9-looking line is answered as HTTP/1.0 and the connection closes."""
    if head.proto_num == 9:
        head.assbackwards = False
        head.keepalive_close = True
        head.proto_num = 1000
        head.protocol = "HTTP/1.0"


class HeadParser:
    """httpd's request-head rules over a byte buffer."""
    engine = "python"

    def __init__(self, limits: Limits):
        self.limits = limits

    def parse(self, buf: bytes, pos: int = 0, eof: bool = False) -> RequestHead | None:
        limits = self.limits
        head = RequestHead()
        start = pos
        crlf = limits.strict
        # -- request line, skipping up to LIMIT_BLANK_LINES empty lines
        blanks = LIMIT_BLANK_LINES
        while True:
            try:
                got = _getline(buf, pos, limits.line + 2, crlf, eof)
            except _LineError as e:
                head.read_failed = True
                head.protocol, head.proto_num = "HTTP/1.0", 1000
                if e.kind == "enospc":
                    head.status = 414
                    head.the_request = e.partial.decode("latin-1")
                    head.logs.append(("info", "AH00565: request failed: client's request-line exceeds "
                                      f"LimitRequestLine (longer than {limits.line})"))
                elif e.kind == "einval":
                    head.status = 400
                    head.the_request = e.partial.decode("latin-1")
                    if not head.the_request:
                        head.logs.append(("debug", "AH00566: request failed: malformed request line"))
                else:
                    head.status = 0          # EOF: nothing to answer
                head.size = len(buf) - start
                return head
            if got is None:
                return None
            line, pos = got
            if line or blanks <= 0:
                break
            blanks -= 1
        parse_request_line(head, line, limits)
        if head.status != 200 or head.assbackwards:
            head.size = pos - start
            return head
        # -- header fields
        n = limits.fieldsize + 2
        last: str | None = None
        fields_read = 0
        headers = head.headers
        while True:
            try:
                got = _getline(buf, pos, n, crlf, eof)
            except _LineError as e:
                head.status = 400
                if e.kind == "enospc":
                    head.notes = "Size of a request header field exceeds server limit."
                    part = e.partial.decode("latin-1")
                    head.logs.append(("info", "AH00561: Request header exceeds LimitRequestFieldSize"
                                      f"{': ' if part else ''}{_field_name_len(part)}"))
                head.logs.append(("debug", "AH00567: request failed: error reading the headers"))
                head.size = len(buf) - start
                return head
            if got is None:
                return None
            line, pos = got
            ln = len(line)
            while ln > 1 and line[ln - 1] in "\t ":
                ln -= 1
            line = line[:ln]
            if line[:1] in ("\t", " "):
                if last is None:
                    return self._bad(head, pos - start, "AH03442: Line folding encountered before first header line")
                if len(line) == 1:
                    return self._bad(head, pos - start, "AH03443: Empty folded line encountered")
                k = 1
                while k < len(line) and line[k] in "\t ":
                    k += 1
                cont = line[k - 1:]
                if len(last) + len(cont) + 1 >= limits.fieldsize:
                    head.status = 400
                    head.notes = "Size of a request header field exceeds server limit."
                    head.logs.append(("info", "AH00562: Request header exceeds LimitRequestFieldSize after "
                                      f"folding: {_field_name_len(last)}"))
                    head.size = pos - start
                    return head
                last = last + " " + cont[1:]
                continue
            if last is not None:
                fields_read += 1
                if limits.fields and fields_read > limits.fields:
                    head.status = 400
                    head.notes = "The number of request header fields exceeds this server's limit."
                    head.logs.append(("info", "AH00563: Number of request headers exceeds LimitRequestFields"))
                    head.size = pos - start
                    return head
                err = self._add_field(head, last, headers)
                if err:
                    head.size = pos - start
                    return head
            if not line:
                break
            last = line
        head.size = pos - start
        headers.compress_merge()
        for k, v in headers:
            if len(v) > limits.fieldsize:
                head.status = 400
                head.notes = "Size of a request header field exceeds server limit."
                head.logs.append(("info", "AH00560: Request header exceeds LimitRequestFieldSize after merging: "
                                  f"{_field_name_len(k)}"))
                return head
        return head

    def _bad(self, head: RequestHead, pos: int, msg: str) -> RequestHead:
        head.status = 400
        head.logs.append(("debug", msg))
        head.size = pos
        return head

    def _add_field(self, head: RequestHead, f: str, headers: Table) -> bool:
        if not self.limits.strict:
            c = f.find(":")
            if c < 0:
                head.status = 400
                head.logs.append(("debug", f"AH00564: Request header field is missing ':' separator: {f[:80]}"))
                return True
            if c == 0:
                head.status = 400
                head.logs.append(("debug", "AH03453: Request header field name was empty"))
                return True
            name = f[:c]
            if any(ch in name for ch in "\t\n\v\f\r "):
                head.status = 400
                head.logs.append(("debug", "AH03452: Request header field name presented invalid whitespace"))
                return True
            value = f[c + 1:].lstrip(" \t")
            if any(ch in value for ch in "\n\v\f\r"):
                head.status = 400
                head.logs.append(("debug", "AH03451: Request header field value presented bad whitespace"))
                return True
        else:
            c = _TOKEN.match(f).end()
            if c == 0 or c >= len(f) or f[c] != ":":
                head.status = 400
                head.logs.append(("debug", f"AH02426: Request header field name is malformed: {f[:80]}"))
                return True
            name = f[:c]
            value = f[c + 1:].lstrip(" \t")
            if _FIELD_CONTENT.match(value).end() != len(value):
                head.status = 400
                head.logs.append(("debug", f"AH02427: Request header value is malformed: {value[:80]}"))
                return True
        headers.add(name, value)
        return False


ENGINES = ("auto", "python", "httptools")
ENGINE_ENV = "APACHEPY_ENGINE"


def httptools_available() -> bool:
    """Whether httptools imports (not just whether it is on the path: a build for another
    Python must not be chosen by auto)."""
    try:
        import httptools  # noqa: F401
    except ImportError:
        return False
    return True


def engine_name(setting: str | None = None) -> str:
    """The engine that runs for ProtocolEngine `setting` (None: not set, i.e. auto):
    APACHEPY_ENGINE overrides it; auto means httptools when it is installed."""
    name = (os.environ.get(ENGINE_ENV) or setting or "auto").lower()
    if name == "auto":
        return "httptools" if httptools_available() else "python"
    return name


def engine_class(setting: str | None = None) -> type[HeadParser]:
    """The parser class for `engine_name(setting)`; imports httptools when it is chosen
    (ImportError when it is chosen but not installed)."""
    if engine_name(setting) == "httptools":
        from .engine_httptools import HttptoolsHeadParser
        return HttptoolsHeadParser
    return HeadParser


def strict_length(s: str) -> int | None:
    """ap_parse_strict_length: plain decimal digits, else None."""
    if not s or not s[0].isdigit() or not s.isdigit() or not s.isascii():
        return None
    v = int(s)
    return v if v < (1 << 63) else None


def is_chunked(line: str | None) -> bool:
    """ap_is_chunked: `chunked` is the last coding of the list."""
    if not line:
        return False
    if line.lower() == "chunked":
        return True
    lidx = len(line) - 7
    if lidx < 0 or (lidx > 0 and not (line[lidx - 1] in _SPACE or line[lidx - 1] == ",")):
        return False
    if line[lidx:].lower() != "chunked":
        return False
    s = lidx
    while s > 0:
        s -= 1
        if line[s] != " ":
            break
    return line[s] in ", "
