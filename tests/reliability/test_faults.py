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


def test_running_out_of_descriptors_degrades_and_recovers(tmp_path):
    """With `ulimit -n 64`, 120 open connections exhaust the descriptors (EMFILE on accept);
    the server stays up and answers again once they are closed."""
    import resource
    import socket
    import subprocess
    import sys
    import time

    from tests.support.servers import REPO, free_port
    docroot = tempfile.mkdtemp(prefix="faults-emfile.")
    os.chmod(docroot, 0o755)
    with open(os.path.join(docroot, "index.html"), "w") as f:
        f.write("ok\n")
    os.chmod(os.path.join(docroot, "index.html"), 0o644)
    port = free_port()
    root = tmp_path
    (root / "logs").mkdir()
    (root / "httpd.conf").write_text(
        "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n"
        "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
        f"ServerName localhost\nListen 127.0.0.1:{port}\nPidFile {root}/logs/pid\nErrorLog {root}/logs/error_log\n"
        f'DocumentRoot "{docroot}"\n<Directory "{docroot}">\nRequire all granted\n</Directory>\n')

    def low_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))

    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "apachepy", "-d", str(root), "-f", "httpd.conf", "-X"],
                            preexec_fn=low_limit, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        hogs = []
        for _ in range(120):
            try:
                hogs.append(socket.create_connection(("127.0.0.1", port), timeout=1))
            except OSError:
                break
        time.sleep(1)
        assert proc.poll() is None
        for s in hogs:
            s.close()
        time.sleep(1)
        got = raw_request(port, b"GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        assert got.startswith(b"HTTP/1.1 200 OK\r\n")
        assert proc.poll() is None
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
