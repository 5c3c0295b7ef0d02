"""Hostile requests (tests/reliability/hostile/*.http): apachepy answers each with the status
httpd 2.4.71 gives for the same bytes and configuration, writes no traceback, and keeps serving.

Every request goes on a fresh connection that we half-close after sending, so both servers see
end-of-input instead of waiting out a timeout.  Compared: the sequence of status codes on the
connection (pipelined requests give several), or, for an HTTP/0.9 answer, the body itself.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.servers import (ApacheServer, ApachepyServer, apache2_available, apachepy_serving,
                                   raw_request)

HOSTILE = sorted((Path(__file__).parent / "hostile").glob("*.http"))
CONF = """
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
ServerName localhost
TypesConfig /etc/mime.types
Timeout 3
KeepAliveTimeout 2
LimitRequestBody 1024
DirectoryIndex index.html
<Directory />
    Require all denied
</Directory>
<Directory "@DOCROOT@">
    Options None
    Require all granted
</Directory>
<Files ".ht*">
    Require all denied
</Files>
"""

pytestmark = pytest.mark.skipif(not (apache2_available() and apachepy_serving()),
                                reason="needs Debian's apache2 and a serving apachepy")


@pytest.fixture(scope="module")
def docroot():
    # directly under /tmp: the servers' children run as www-data when the tests run as root,
    # and pytest's own temp directories are private to root
    d = Path(tempfile.mkdtemp(prefix="hostile-docroot."))
    (d / "index.html").write_text("<html>hello</html>\n")
    (d / "sub").mkdir()
    (d / "sub" / "index.html").write_text("sub\n")
    (d / "empty").mkdir()
    (d / ".htaccess").write_text("# not served\n")
    (d / ".hidden").write_text("hidden\n")
    os.symlink("/etc", d / "escape")            # a directory outside the document root
    os.symlink("/etc/shadow", d / "shadowlink")  # a root-only file outside it
    for p in (d, d / "sub", d / "empty"):
        os.chmod(p, 0o755)
    for f in (d / "index.html", d / "sub" / "index.html", d / ".htaccess", d / ".hidden"):
        os.chmod(f, 0o644)
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="module")
def servers(docroot):
    with ApacheServer(CONF, docroot) as a, ApachepyServer(CONF, docroot) as p:
        yield a, p


def summary(raw: bytes) -> list:
    codes = re.findall(rb"(?m)^HTTP/\d\.\d (\d{3}) ", raw)
    if codes:
        return [c.decode() for c in codes]
    return ["no-status-line", raw[:200]]


def test_corpus_is_large_enough():
    assert len(HOSTILE) >= 200


@pytest.mark.parametrize("path", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_same_status_as_apache2(servers, path):
    a, p = servers
    data = path.read_bytes()
    with ThreadPoolExecutor(2) as pool:
        fa = pool.submit(raw_request, a.port, data, 6.0, True)
        fp = pool.submit(raw_request, p.port, data, 6.0, True)
        got_a, got_p = fa.result(), fp.result()
    assert summary(got_p) == summary(got_a)


def test_docroot_is_served(servers):
    """Guards the comparison above: both servers can read the document root."""
    for srv in servers:
        ok = raw_request(srv.port, b"GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        assert ok.startswith(b"HTTP/1.1 200 OK\r\n"), (srv.name, ok[:300])


def test_still_serving_and_no_traceback(servers):
    a, p = servers
    ok = raw_request(p.port, b"GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert ok.startswith(b"HTTP/1.1 200 OK\r\n")
    log = p.read_error_log() + p.output()
    assert "Traceback" not in log
