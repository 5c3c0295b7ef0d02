"""Whole responses from the HTTP layer without sockets: raw request bytes in, exact bytes out
(the facts of D.1-D.8 that do not need a live comparison)."""
from __future__ import annotations

import os
import re
import shutil
import time

import pytest

from tests.conformance.http_oracle import OLD_MTIME, docroot_dir, make_tree
from tests.support.pure import PureSite

M = "/usr/lib/apache2/modules"
CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule dir_module {M}/mod_dir.so
LoadModule headers_module {M}/mod_headers.so
TypesConfig /etc/mime.types
LogFormat "%h %l %u %t \\"%r\\" %>s %b" common
CustomLog logs/access_log common
MaxKeepAliveRequests 3
<Directory @DOCROOT@>
  Require all granted
</Directory>
<Location /hdr>
  Header set X-Set one
  Header always set X-Always two
</Location>
"""

ETAG = '"6-%x"' % int(OLD_MTIME * 1_000_000)
LM = "Tue, 14 Nov 2023 22:13:20 GMT"


@pytest.fixture(scope="module")
def site():
    root = make_tree(docroot_dir(), {"index.html": b"hello\n", "sub/a.txt": b"abc", "hdr/f.txt": b"f\n"})
    s = PureSite(CONF, root)
    yield s
    s.close()
    shutil.rmtree(root, ignore_errors=True)


def req(site, raw: bytes) -> str:
    out = site.request(raw).decode("latin-1")
    return re.sub(r"Date: [^\r]*", "Date: D", out)


def test_file_response_head_order(site):
    assert req(site, b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n") == (
        "HTTP/1.1 200 OK\r\nDate: D\r\nServer: Apache/2.4.71 (Debian)\r\n"
        f"Last-Modified: {LM}\r\nETag: {ETAG}\r\nAccept-Ranges: bytes\r\nContent-Length: 6\r\n"
        "Content-Type: text/html\r\n\r\nhello\n")


def test_keepalive_token_counts_down_then_closes(site):
    one = b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"
    out = req(site, one * 4)
    assert re.findall(r"Keep-Alive: ([^\r]*)\r\nConnection: ([^\r]*)", out) == [
        ("timeout=5, max=3", "Keep-Alive"), ("timeout=5, max=2", "Keep-Alive"), ("timeout=5, max=1", "Keep-Alive")]
    assert out.count("Connection: close") == 1          # the request that uses up the allowance
    assert out.count("HTTP/1.1 200 OK") == 4
    assert out.rindex("Connection: close") > out.rindex("max=1")


def test_http10_without_token_closes(site):
    out = req(site, b"GET /index.html HTTP/1.0\r\n\r\n")
    assert "Connection: close\r\nContent-Type: text/html\r\n" in out and "Keep-Alive" not in out


def test_canned_404_and_head(site):
    body = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">\n'
            "<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n"
            "<p>The requested URL was not found on this server.</p>\n</body></html>\n")
    assert len(body) == 236
    assert req(site, b"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") == (
        "HTTP/1.1 404 Not Found\r\nDate: D\r\nServer: Apache/2.4.71 (Debian)\r\nContent-Length: 236\r\n"
        "Connection: close\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n" + body)
    assert req(site, b"HEAD /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") == (
        "HTTP/1.1 404 Not Found\r\nDate: D\r\nServer: Apache/2.4.71 (Debian)\r\nConnection: close\r\n"
        "Content-Type: text/html; charset=iso-8859-1\r\n\r\n")


@pytest.mark.parametrize("raw,length", [
    (b"GET / HTTP/1.1\r\n\r\n", 266),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 8200 + b"\r\n\r\n", 318),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X%d: a\r\n" % i for i in range(101)) + b"\r\n", 330),
    (b"PUT / HTTP/1.1\r\nHost: x\r\n\r\n", 260), (b"DELETE / HTTP/1.1\r\nHost: x\r\n\r\n", 263),
    (b"GET /" + b"a" * 8200 + b" HTTP/1.1\r\n\r\n", 288), (b"GET / HTTP/1.1\r\nHost: x\r\nExpect: foo\r\n\r\n", 395),
    (b"FOO / HTTP/1.1\r\nHost: x\r\n\r\n", 242), (b"GET /sub HTTP/1.1\r\nHost: localhost\r\n\r\n", 269),
])
def test_measured_error_page_lengths(site, raw, length):
    """The Content-Length values measured on apache2 2.4.71 (facts D.7)."""
    assert f"\r\nContent-Length: {length}\r\n" in req(site, raw)


def test_conditional_304_and_412(site):
    out = req(site, b"GET /index.html HTTP/1.1\r\nHost: x\r\nIf-None-Match: W/" + ETAG.encode() + b"\r\n\r\n")
    assert out == ("HTTP/1.1 304 Not Modified\r\nDate: D\r\nServer: Apache/2.4.71 (Debian)\r\n"
                   f"Last-Modified: {LM}\r\nETag: {ETAG}\r\nAccept-Ranges: bytes\r\n\r\n")
    out = req(site, b'GET /index.html HTTP/1.1\r\nHost: x\r\nIf-Match: "x"\r\n\r\n')
    assert out.startswith("HTTP/1.1 412 Precondition Failed\r\n")
    assert out.endswith("Content-Length: 0\r\nContent-Type: text/html\r\n\r\n")


def test_ranges(site):
    out = req(site, b"GET /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=-2\r\n\r\n")
    assert "HTTP/1.1 206 Partial Content" in out and "Content-Range: bytes 4-5/6\r\n" in out
    assert out.endswith("Content-Length: 2\r\nContent-Range: bytes 4-5/6\r\nContent-Type: text/html\r\n\r\no\n")
    out = req(site, b"GET /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=0-0,2-3\r\n\r\n")
    b = site.site.boundary
    assert out.endswith(f"Content-Type: multipart/byteranges; boundary={b}\r\n\r\n"
                        f"\r\n--{b}\r\nContent-type: text/html\r\nContent-range: bytes 0-0/6\r\n\r\nh"
                        f"\r\n--{b}\r\nContent-type: text/html\r\nContent-range: bytes 2-3/6\r\n\r\nll"
                        f"\r\n--{b}--\r\n")
    out = req(site, b"GET /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=10-20\r\nConnection: close\r\n\r\n")
    assert out.startswith("HTTP/1.1 416 ") and "Content-Length" not in out and "Content-Range" not in out


def test_trace_echo_is_chunked(site):
    out = req(site, b"TRACE /x HTTP/1.1\r\nHost: x\r\nX-B: 1\r\n\r\n")
    echo = "TRACE /x HTTP/1.1\r\nHost: x\r\nX-B: 1\r\n\r\n"
    assert out.endswith("Transfer-Encoding: chunked\r\nContent-Type: message/http\r\n\r\n"
                        f"{len(echo):x}\r\n{echo}\r\n0\r\n\r\n")


def test_header_placement(site):
    out = req(site, b"GET /hdr/f.txt HTTP/1.1\r\nHost: x\r\n\r\n")
    names = re.findall(r"\r\n([A-Za-z-]+): ", out)
    assert names == ["Date", "Server", "X-Always", "Last-Modified", "ETag", "Accept-Ranges", "Content-Length",
                     "X-Set", "Content-Type"]
    out = req(site, b"GET /hdr/missing HTTP/1.1\r\nHost: x\r\n\r\n")
    assert "X-Always: two" in out and "X-Set" not in out


def test_http09_body_only(site):
    assert site.request(b"GET /index.html\r\n") == b"hello\n"


def test_weak_etag_for_fresh_file_and_future_mtime(site):
    path = os.path.join(site.docroot, "fresh.txt")
    with open(path, "wb") as f:
        f.write(b"new")
    out = req(site, b"GET /fresh.txt HTTP/1.1\r\nHost: x\r\n\r\n")
    assert 'ETag: W/"3-' in out
    future = time.time() + 3600
    os.utime(path, (future, future))
    out = req(site, b"GET /fresh.txt HTTP/1.1\r\nHost: x\r\n\r\n")
    lm = re.search(r"Last-Modified: ([^\r]*)", out).group(1)
    from apachepy.http.dates import parse_http_date
    assert parse_http_date(lm) <= time.time() + 1        # capped at the request time


def test_access_log_line(site):
    site.request(b"GET /index.html?x=1 HTTP/1.1\r\nHost: x\r\n\r\n")
    last = site.read_access_log().splitlines()[-1]
    assert re.fullmatch(r'127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] '
                        r'"GET /index\.html\?x=1 HTTP/1\.1" 200 6', last)


def test_bad_request_error_log_line(site):
    site.request(b"FOO / HTTP/1.1\r\nHost: x\r\n\r\n")
    last = site.read_error_log().splitlines()[-1]
    assert re.fullmatch(r"\[\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d\.\d{6} \d{4}\] \[core:error\] \[pid \d+:tid \d+\] "
                        r"\[client 127\.0\.0\.1:40000\] AH00135: Invalid method in request FOO / HTTP/1\.1", last)
