"""A file only root can read is not served (issue 7, privileges): started as root, both servers'
children run as www-data, so a 0600 root-owned file in the DocumentRoot, or one in a 0700
root-owned directory, is refused with httpd's status, page and error-log line.  Compared with
Debian's apache2 on the same configuration and files."""
from __future__ import annotations

import os
import pwd
import re
import shutil
import tempfile

import pytest

from tests.mpm.harness import children_of, wait_for
from tests.support.servers import ApacheServer, ApachepyServer, apache2_available, apachepy_serving, raw_request

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="needs root: the children must switch to www-data"),
    pytest.mark.skipif(not apache2_available() or not apachepy_serving(), reason="needs apache2 and a serving apachepy"),
]

CONF = """
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
ServerName localhost
StartServers 1
<Directory "@DOCROOT@">
    Require all granted
</Directory>
<Directory "@DOCROOT@/nohtaccess">
    AllowOverride None
</Directory>
"""
SECRET = "root's secret\n"
PATHS = ["/secret.txt", "/rootdir/a.txt", "/rootdir/", "/nohtaccess/rootdir/a.txt", "/public.txt"]


@pytest.fixture
def docroot():
    d = tempfile.mkdtemp(prefix="root-only.")
    os.chmod(d, 0o755)
    os.mkdir(os.path.join(d, "nohtaccess"), 0o755)
    files = {"secret.txt": 0o600, "rootdir/a.txt": 0o644, "nohtaccess/rootdir/a.txt": 0o644, "public.txt": 0o644}
    for rel, mode in files.items():
        path = os.path.join(d, rel)
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)   # rootdir: 0700
        with open(path, "w") as f:
            f.write(SECRET if rel != "public.txt" else "public\n")
        os.chmod(path, mode)
    for rel in ("rootdir", "nohtaccess/rootdir"):
        os.chmod(os.path.join(d, rel), 0o700)
    for dirpath, dirnames, filenames in os.walk(d):     # all of it owned by root
        for name in dirnames + filenames:
            os.chown(os.path.join(dirpath, name), 0, 0)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def observe(server) -> tuple[list[bytes], list[str]]:
    """The answers (Date dropped) and the error-log lines (time, pid/tid, client port dropped)."""
    answers = []
    for path in PATHS:
        got = raw_request(server.port, f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        assert b"secret" not in got.partition(b"\r\n\r\n")[2]
        answers.append(re.sub(rb"\r\nDate: [^\r]*", b"", got))
    expected = 3 + 1       # secret.txt, rootdir twice, nohtaccess/rootdir
    text = wait_for(lambda: (lambda t: t if len(re.findall(r"\[core:(?:error|crit)\]", t)) >= expected else None)(
        server.read_error_log()), 5, what="the error-log lines")
    lines = [re.sub(r"^\[[^]]*\] (\[[^]]*\]) \[pid \d+:tid \d+\] ", r"\1 ", line)
             for line in text.splitlines() if re.search(r"\[core:(?:error|crit)\]", line)]
    return answers, [re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", line) for line in lines]


def test_root_only_file_is_not_served(docroot):
    www = pwd.getpwnam("www-data").pw_uid
    seen = {}
    for cls, args in ((ApacheServer, None), (ApachepyServer, ["-DFOREGROUND"])):
        with cls(CONF, docroot, args) as s:
            kids = wait_for(lambda: children_of(s.pid), 10, what="a child")
            assert all(os.stat(f"/proc/{pid}").st_uid == www for pid in kids)
            seen[cls.name] = observe(s)
    answers, lines = seen["apachepy"]
    assert answers == seen["apache2"][0]
    assert [a.split(b"\r\n", 1)[0] for a in answers] == [b"HTTP/1.1 403 Forbidden"] * 4 + [b"HTTP/1.1 200 OK"]
    assert lines == seen["apache2"][1]
    assert any("AH00132: file permissions deny server access: " + docroot + "/secret.txt" in l for l in lines)
