"""Error paths: ErrorDocument as a local URL (internal redirect, REDIRECT_ variables, a missing
error document), nested <If>, LogLevel info messages, and request timeouts (408), against
Debian's apache2."""
from __future__ import annotations

import shutil
import socket
import time

import pytest

from .http_oracle import serve_pair, OraclePair, available, check, docroot_dir, make_tree, normalise

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
CONF = f"""
ServerName localhost
LogLevel info
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule dir_module {M}/mod_dir.so
LoadModule headers_module {M}/mod_headers.so
TypesConfig /etc/mime.types
LogFormat "\\"%r\\" %>s %<s %b %{{REDIRECT_STATUS}}e %U %f" t
CustomLog logs/access_log t
<Directory @DOCROOT@>
  Require all granted
</Directory>
<Directory @DOCROOT@/sub>
  Header set X-Sub yes
</Directory>
<Files index.html>
  Header set X-Index yes
</Files>
ErrorDocument 404 /err/404.html
ErrorDocument 403 /err/missing.html
<Location /forbid>
  Require all denied
</Location>
<If "%{{QUERY_STRING}} =~ /a/">
  <If "%{{QUERY_STRING}} =~ /b/">
    Header set X-Nested both
  </If>
  Header set X-Outer a
</If>
"""

TREE = {"index.html": b"root\n", "sub/index.html": b"idx\n", "err/404.html": b"err page\n"}


def g(path: bytes, extra: bytes = b"", m: bytes = b"GET") -> bytes:
    return m + b" " + path + b" HTTP/1.1\r\nHost: localhost\r\n" + extra + b"Connection: close\r\n\r\n"


CASES = {"index-subrequest": g(b"/sub/"), "index-with-query": g(b"/sub/?x=1"), "root-index": g(b"/"),
         "errordoc-local": g(b"/nope"), "errordoc-local-head": g(b"/nope", m=b"HEAD"),
         "errordoc-local-post": g(b"/nope", m=b"POST"), "errordoc-missing": g(b"/forbid"),
         "if-outer": g(b"/index.html?a"), "if-nested": g(b"/index.html?ab"),
         "index-conditional": g(b"/sub/", b"If-None-Match: *\r\n")}


@pytest.fixture(scope="module")
def pair():
    yield from serve_pair(CONF, TREE)


@pytest.mark.parametrize("name", list(CASES))
def test_errors(pair, name):
    check(pair, CASES[name], timeout=1.0)


TIMEOUT_CONF = """
ServerName localhost
Timeout 1
AcceptFilter http none
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LogFormat "%h \\"%r\\" %>s %b %X %k" t
CustomLog logs/access_log t
<Directory @DOCROOT@>
  Require all granted
</Directory>
"""


def _slow(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(data)
        out = b""
        while True:
            b = s.recv(65536)
            if not b:
                return out
            out += b


def test_request_timeouts():
    """A partial head gets the 408 page (logged); a partial request line is closed silently,
    logged only when it is the connection's first request."""
    from tests.support.servers import apachepy_serving
    if not apachepy_serving():
        pytest.skip("needs apachepy listening (MPM)")
    docroot = make_tree(docroot_dir(), {"index.html": b"x\n"})
    p = OraclePair(TIMEOUT_CONF, docroot)
    try:
        for data in (b"GET / HTTP/1.1\r\nHost: x\r\n", b"GET / HT",
                     b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\n",
                     b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HT"):
            a = normalise(_slow(p.apache.port, data))
            b = normalise(_slow(p.ours.port, data))
            assert b == a, data
        time.sleep(0.3)
        aa, oa, _, _ = p.new_log_lines()
        assert oa == aa
    finally:
        p.close()
        shutil.rmtree(docroot, ignore_errors=True)
