"""Faults around the server: a full disk under the access log does not stop serving and is
reported as httpd reports it (AH00646 at warn, with the errno)."""
from __future__ import annotations

import os
import re
import tempfile

import pytest

from tests.support.servers import ApachepyServer, apachepy_serving, raw_request

pytestmark = pytest.mark.skipif(not apachepy_serving() or not os.path.exists("/dev/full"),
                                reason="needs a serving apachepy and /dev/full")

CONF = """
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
ServerName localhost
<Directory "@DOCROOT@">
    Require all granted
</Directory>
LogFormat "%h %r %>s" common
CustomLog /dev/full common
"""


def test_full_disk_access_log_keeps_serving():
    docroot = tempfile.mkdtemp(prefix="faults-docroot.")
    os.chmod(docroot, 0o755)
    with open(os.path.join(docroot, "index.html"), "w") as f:
        f.write("ok\n")
    os.chmod(os.path.join(docroot, "index.html"), 0o644)
    with ApachepyServer(CONF, docroot) as p:
        for _ in range(3):
            got = raw_request(p.port, b"GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            assert got.startswith(b"HTTP/1.1 200 OK\r\n") and got.endswith(b"\r\n\r\nok\n")
        log = p.read_error_log()
        lines = re.findall(r"\[log_config:warn\] \[pid \d+:tid \d+\] \(28\)No space left on device: "
                           r"\[client 127\.0\.0\.1:\d+\] AH00646: Error writing to /dev/full", log)
        assert len(lines) == 3
