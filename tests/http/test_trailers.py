"""Request trailers of chunked bodies, against Debian's apache2: the fields go to r->trailers_in
(`%{name}^ti`), with MergeTrailers on also to the request headers once the body is read
(`%{name}i`, not a CGI's environment, which is made before the body is read); the request-header
rules apply to them (HttpProtocolOptions, LimitRequestFields, LimitRequestFieldSize) and a bad
trailer is answered 400 with AH02656."""
from __future__ import annotations

import os
import shutil

import pytest

from tests.conformance.http_oracle import OraclePair, available, check, docroot_dir, make_tree, normalise
from tests.support.servers import raw_request

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
CONF = f"""
ServerName localhost
LogLevel info
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule cgid_module {M}/mod_cgid.so
LimitRequestFields 3
LimitRequestFieldSize 100
LogFormat "%r %>s [%{{X-T}}i] [%{{X-T}}^ti] [%{{Content-Length}}i] [%{{Y}}^ti]" t
CustomLog logs/access_log t
<Directory @DOCROOT@>
  Require all granted
</Directory>
<Directory @DOCROOT@/cgi>
  Options +ExecCGI
  SetHandler cgi-script
</Directory>
<VirtualHost *:@PORT@>
  ServerName merge
  MergeTrailers on
</VirtualHost>
<VirtualHost *:@PORT@>
  ServerName plain
</VirtualHost>
<VirtualHost *:@PORT@>
  ServerName unsafe
  MergeTrailers on
  HttpProtocolOptions Unsafe
</VirtualHost>
"""

CGI = b"""#!/bin/sh
cat >/dev/null
body="[$HTTP_X_T]"
printf 'Content-Type: text/plain\\nContent-Length: %d\\n\\n%s\\n' $((${#body} + 1)) "$body"
"""


@pytest.fixture(scope="module")
def pair():
    d = make_tree(docroot_dir(), {"index.html": b"hello\n", "cgi/env.sh": CGI})
    os.chmod(os.path.join(d, "cgi", "env.sh"), 0o755)
    p = OraclePair(CONF, d)
    yield p
    p.close()
    shutil.rmtree(d, ignore_errors=True)


def chunked(host: str, trailer: bytes, path: str = "/index.html") -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            "5\r\nhello\r\n0\r\n").encode() + trailer


@pytest.mark.parametrize("host,trailer", [
    ("merge", b"X-T: one\r\n\r\n"),
    ("plain", b"X-T: one\r\n\r\n"),                       # MergeTrailers off: only %^ti sees it
    ("merge", b"X-T: one\r\nX-T: two\r\nY: y\r\n\r\n"),     # repeated fields are merged
    ("merge", b"X-T: one\r\nContent-Length: 77\r\n\r\n"),   # appended to headers_in, as fields
    ("merge", b"X-T: one\r\n  folded\r\n\r\n"),             # obs-fold, as in headers
    ("unsafe", b"X-T: one\n\n"),                          # bare LF only with Unsafe
    ("merge", b"\r\n"),                                   # no trailer fields
    ("merge", b"A: 1\r\nB: 2\r\nC: 3\r\n\r\n"),             # LimitRequestFields counts trailers alone
])
def test_trailers_read(pair, host, trailer):
    check(pair, chunked(host, trailer))


def _body(resp: bytes) -> bytes:
    head, _, body = resp.partition(b"\r\n\r\n")
    if b"Transfer-Encoding: chunked" not in head:
        return body
    out = b""
    while True:
        size, _, rest = body.partition(b"\r\n")
        n = int(size, 16)
        if not n:
            return out
        out, body = out + rest[:n], rest[n + 2:]


def test_trailers_are_not_in_the_cgi_environment(pair):
    """The CGI environment is built before the body (and its trailer) is read.  (The two
    servers frame a CGI's response differently; the bodies and the logs are compared.)"""
    a, b = exchange(pair, chunked("merge", b"X-T: late\r\n\r\n", "/cgi/env.sh"))
    assert a.startswith(b"HTTP/1.1 200 OK\r\n") and b.startswith(b"HTTP/1.1 200 OK\r\n")
    assert _body(a) == _body(b) == b"[]\n"
    aa, oa, ae, oe = pair.new_log_lines()
    assert (oa, oe) == (aa, ae)
    assert oa[-1].startswith("POST /cgi/env.sh HTTP/1.1 200 [late] [late]")


def exchange(pair, raw: bytes) -> tuple[bytes, bytes]:
    """Both answers, our side of the connection shut after sending (a trailer may be cut)."""
    return (normalise(raw_request(pair.apache.port, raw, timeout=3, half_close=True)),
            normalise(raw_request(pair.ours.port, raw, timeout=3, half_close=True)))


@pytest.mark.parametrize("host,trailer", [
    ("merge", b"X-T one\r\n\r\n"),                        # no colon (Strict)
    ("unsafe", b"X-T one\r\n\r\n"),                       # no colon (Unsafe)
    ("merge", b"X-T: one\n\r\n"),                         # bare LF with Strict
    ("merge", b"X-T: \x01\r\n\r\n"),                      # a control character in the value
    ("merge", b"A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"),     # LimitRequestFields
    ("merge", b"A: " + b"x" * 120 + b"\r\n\r\n"),           # LimitRequestFieldSize
    ("merge", b"A: " + b"x" * 60 + b"\r\n " + b"y" * 60 + b"\r\n\r\n"),   # ... after folding
    ("merge", b" X-T: one\r\n\r\n"),                      # folding before the first field
    ("merge", b"A: 1\r\n"),                               # the connection ends in the trailer
])
def test_bad_trailers(pair, host, trailer):
    a, b = exchange(pair, chunked(host, trailer))
    assert a.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert a == b
    aa, oa, ae, oe = pair.new_log_lines()
    assert oa == aa
    assert oe == ae
    assert any("AH02656: Error while reading HTTP trailer: 400" in x for x in oe)
