"""Static files, request parsing, limits, methods, conditionals, ranges and keep-alive:
apachepy against Debian's apache2 with the same config and the same raw bytes (facts D.1-D.7)."""
from __future__ import annotations


import pytest

import shutil

from .http_oracle import serve_pair, OLD_MTIME, OraclePair, available, check, docroot_dir, make_tree

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

CONF = """
ServerName localhost
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
TypesConfig /etc/mime.types
LogFormat "%h %l %u %t \\"%r\\" %>s %b %X %k %B" common2
CustomLog logs/access_log common2
<Directory />
  Require all denied
</Directory>
<Directory @DOCROOT@>
  Require all granted
</Directory>
"""

TREE = {"index.html": b"hello\n", "sub/a.txt": b"abc", "empty/": None, "t.txt": b"text file\n",
        "noext": b"x", "j.json": b"{}", "a.unknownext": b"u", "s.css": b"css", "link.txt": ("link", "t.txt"),
        "big.bin": bytes(range(256)) * 600}

H = b"Host: localhost\r\n"


def g(path: bytes, extra: bytes = b"", m: bytes = b"GET", v: bytes = b"HTTP/1.1", close: bool = True) -> bytes:
    return m + b" " + path + b" " + v + b"\r\n" + H + extra + (b"Connection: close\r\n" if close else b"") + b"\r\n"


ETAG = b'"6-%x"' % int(OLD_MTIME * 1_000_000)
LM = b"Tue, 14 Nov 2023 22:13:20 GMT"

CASES = {
    # files and types (D.1, D.2)
    "file": g(b"/index.html"), "text": g(b"/t.txt"), "no-extension": g(b"/noext"), "json": g(b"/j.json"),
    "unknown-ext": g(b"/a.unknownext"), "css": g(b"/s.css"), "symlink": g(b"/link.txt"), "missing": g(b"/missing"),
    "head": g(b"/index.html", m=b"HEAD"), "head-missing": g(b"/nope", m=b"HEAD"), "post-file": g(b"/index.html", m=b"POST"),
    "big-file": g(b"/big.bin"), "http10": b"GET / HTTP/1.0\r\n\r\n", "http09": b"GET /\r\n",
    # methods (D.5)
    "put": g(b"/index.html", m=b"PUT"), "delete": g(b"/index.html", m=b"DELETE"), "options": g(b"/index.html", m=b"OPTIONS"),
    "options-star": g(b"*", m=b"OPTIONS"), "options-missing": g(b"/nope", m=b"OPTIONS"), "options-dir": g(b"/", m=b"OPTIONS"),
    "trace": g(b"/index.html", m=b"TRACE"), "trace-keepalive": g(b"/index.html", m=b"TRACE", close=False),
    "lowercase-method": g(b"/index.html", m=b"get"), "unknown-method": g(b"/", m=b"FOO", close=False),
    # directories and paths (D.6, D.8)
    "dir-slash": g(b"/sub?a=1"), "dir-index-missing": g(b"/sub/"), "empty-dir": g(b"/empty/"),
    "traversal": g(b"/../../etc/passwd"), "bad-escape": g(b"/%zz"), "double-slash": g(b"//index.html"),
    "dot-segment": g(b"/./index.html"), "dotdot-segment": g(b"/sub/../index.html"), "encoded-slash": g(b"/a%2fb"),
    "encoded-nul": g(b"/index%00.html"), "path-info": g(b"/index.html/extra"),
    # Host rules
    "no-host": b"GET / HTTP/1.1\r\n\r\n", "two-hosts": b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
    "bad-host": b"GET / HTTP/1.1\r\nHost: a b\r\n\r\n",
    "host-case-dot-port": b"GET /sub HTTP/1.1\r\nHost: Example.COM.:9999\r\nConnection: close\r\n\r\n",
    "absolute-uri": b"GET http://other.example/sub HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "http10-no-host-dir": b"GET /sub HTTP/1.0\r\n\r\n",
    # request line (D.6)
    "double-space": b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n", "lowercase-protocol": b"GET / http/1.1\r\nHost: x\r\n\r\n",
    "bare-lf": b"GET / HTTP/1.1\nHost: x\n\n", "http20": b"GET / HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n",
    "http12": b"GET / HTTP/1.2\r\nHost: x\r\nConnection: close\r\n\r\n",
    "leading-blank-lines": b"\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "garbage": b"GARBAGE\r\n\r\n", "http09-head": b"HEAD /\r\n",
    "long-line": b"GET /" + b"a" * 8200 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    "line-at-limit": b"GET /" + b"a" * 8175 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "line-over-limit-by-1": b"GET /" + b"a" * 8176 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    # headers (D.6)
    "long-header": b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 8200 + b"\r\n\r\n",
    "too-many-headers": b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: a\r\n" % i for i in range(101)) + b"\r\n",
    "no-colon": b"GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", "space-in-name": b"GET / HTTP/1.1\r\nHost: x\r\nX-A : b\r\n\r\n",
    "control-in-value": b"GET / HTTP/1.1\r\nHost: x\r\nX-A: b\x01c\r\n\r\n", "empty-name": b"GET / HTTP/1.1\r\nHost: x\r\n: b\r\n\r\n",
    "folded-header": b"TRACE / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\nConnection: close\r\n\r\n",
    "merged-headers": b"TRACE / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nx-a: 2\r\nConnection: close\r\n\r\n",
    # bodies (D.6)
    "cl-negative": b"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    "cl-garbage": b"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 3x\r\n\r\n",
    "cl-twice": b"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
    "te-gzip": b"POST /index.html HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
    "te-chunked-gzip": b"POST /index.html HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
    "te-and-cl": b"POST /index.html HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
                 b"3\r\nabc\r\n0\r\n\r\n",
    "bad-chunk": b"POST /index.html HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    "chunked-http10": b"POST /index.html HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    "expect-other": b"GET / HTTP/1.1\r\nHost: x\r\nExpect: foo\r\n\r\n",
    "expect-100": b"POST /index.html HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n"
                  b"Connection: close\r\n\r\nabc",
    # conditionals (D.3)
    "inm-match": g(b"/index.html", b"If-None-Match: " + ETAG + b"\r\n"),
    "inm-weak": g(b"/index.html", b"If-None-Match: W/" + ETAG + b"\r\n"), "inm-star": g(b"/index.html", b"If-None-Match: *\r\n"),
    "inm-overrides-ims": g(b"/index.html", b'If-None-Match: "no"\r\nIf-Modified-Since: ' + LM + b"\r\n"),
    "ims-equal": g(b"/index.html", b"If-Modified-Since: " + LM + b"\r\n"),
    "ims-garbage": g(b"/index.html", b"If-Modified-Since: garbage\r\n"),
    "ims-older": g(b"/index.html", b"If-Modified-Since: Tue, 14 Nov 2023 20:00:00 GMT\r\n"),
    "if-match-no": g(b"/index.html", b'If-Match: "no"\r\n'), "if-match-yes": g(b"/index.html", b"If-Match: " + ETAG + b"\r\n"),
    "ius-older": g(b"/index.html", b"If-Unmodified-Since: Tue, 14 Nov 2023 20:00:00 GMT\r\n"),
    # ranges (D.4)
    "range": g(b"/index.html", b"Range: bytes=0-1\r\n"), "range-suffix": g(b"/index.html", b"Range: bytes=-2\r\n"),
    "range-open": g(b"/index.html", b"Range: bytes=2-\r\n"), "range-merged": g(b"/index.html", b"Range: bytes=0-1,1-2\r\n"),
    "range-multi": g(b"/index.html", b"Range: bytes=0-0,2-3\r\n"), "range-bad": g(b"/index.html", b"Range: bytes=abc\r\n"),
    "range-reversed": g(b"/index.html", b"Range: bytes=5-2\r\n"), "range-unsatisfiable": g(b"/index.html", b"Range: bytes=10-20\r\n"),
    "range-unsatisfiable-keepalive": g(b"/index.html", b"Range: bytes=10-20\r\n", close=False),
    "range-other-unit": g(b"/index.html", b"Range: items=0-1\r\n"),
    "if-range-etag": g(b"/index.html", b"Range: bytes=0-1\r\nIf-Range: " + ETAG + b"\r\n"),
    "if-range-other": g(b"/index.html", b'Range: bytes=0-1\r\nIf-Range: "x"\r\n'),
    "if-range-date": g(b"/index.html", b"Range: bytes=0-1\r\nIf-Range: " + LM + b"\r\n"),
    "head-range": g(b"/index.html", b"Range: bytes=0-1\r\n", m=b"HEAD"),
    "range-big-file": g(b"/big.bin", b"Range: bytes=100-199,70000-70100\r\n"),
    # keep-alive (D.1)
    "keepalive-pipeline": g(b"/index.html", close=False) + g(b"/index.html", b"Connection: keep-alive\r\n", close=False)
                          + g(b"/t.txt", b"Connection: keep-alive\r\n", close=False),
    "keepalive-http10": b"GET /index.html HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /index.html HTTP/1.0\r\n\r\n",
    "keepalive-after-404": g(b"/missing", close=False) + g(b"/index.html"),
    "keepalive-header-after-404": g(b"/missing", b"Connection: keep-alive\r\n", close=False) + g(b"/index.html"),
    "pipeline-blank-lines": g(b"/index.html", close=False) + b"\r\n\r\n" + g(b"/t.txt"),
}


@pytest.fixture(scope="module")
def pair():
    yield from serve_pair(CONF, TREE)


# multipart answers: their length depends on the random boundary, so %b is not comparable
MULTIPART = {"range-multi", "range-big-file"}


@pytest.mark.parametrize("name", list(CASES))
def test_static(pair, name):
    check(pair, CASES[name], timeout=1.0, compare_logs=name not in MULTIPART)


KA_CONF = CONF + "MaxKeepAliveRequests 3\nKeepAliveTimeout 7\n"


@pytest.fixture(scope="module")
def ka_pair():
    docroot = make_tree(docroot_dir(), TREE)
    p = OraclePair(KA_CONF, docroot)
    yield p
    p.close()
    shutil.rmtree(docroot, ignore_errors=True)


def test_max_keepalive_requests(ka_pair):
    """max=3, 2, 1 and then Connection: close on the request that uses up the allowance."""
    req = g(b"/index.html", b"Connection: keep-alive\r\n", close=False)
    check(ka_pair, req * 4, timeout=1.0)


def test_keepalive_without_token(ka_pair):
    check(ka_pair, g(b"/index.html", close=False) * 4, timeout=1.0)
