"""Compare apachepy's HTTP answers with Debian's apache2 for the same config and raw bytes.

`OraclePair(conf, docroot)` starts apache2 and apachepy (live, through the MPM, when
apachepy/mpm/control.py exists; otherwise the HTTP layer in-process through a Connection) on
loopback ports.  `exchange(raw)` sends the bytes to both and returns both answers normalised;
the access and error log lines each request added are compared as well.

Normalisation, and why:
  * Date: the clock.
  * Allow: httpd lists methods in the order of its method hash, which is seeded per process.
  * multipart boundaries: random per server generation.
  * pid/tid, timestamps and client ports in the error log; request times in access logs.
ETag and Last-Modified are compared as they are: both servers serve the same files.
"""
from __future__ import annotations

import os
import shutil
import re
import time

from tests.support.servers import (ApacheServer, ApachepyServer, apache2_available, apachepy_serving,
                                   raw_request)

_DATE = re.compile(rb"\r\nDate: [^\r]*")
_ALLOW = re.compile(rb"\r\nAllow: ([A-Z,-]*)")
_BOUNDARY = re.compile(rb"boundary=[0-9a-f]+")
_BOUNDARY_LINE = re.compile(rb"--[0-9a-f]{8,16}(--)?\r\n")
_LOG_TIME = re.compile(r"\[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]")
_ERR_PREFIX = re.compile(r"^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d [\d:.]+ \d{4}\] ")
_PIDTID = re.compile(r"\[pid \d+(:tid \d+)?\]")
_CLIENT = re.compile(r"\[client 127\.0\.0\.1:\d+\]")


_MULTIPART_CL = re.compile(rb"\r\nContent-Length: \d+(?=\r\n(?:[^\r]*\r\n)*Content-Type: multipart/byteranges)")


def normalise(resp: bytes) -> bytes:
    resp = _DATE.sub(b"\r\nDate: X", resp)
    # the boundary's length varies with its random value, and so does the body's length
    resp = _MULTIPART_CL.sub(b"\r\nContent-Length: N", resp)
    resp = _ALLOW.sub(lambda m: b"\r\nAllow: " + b",".join(sorted(m.group(1).split(b","))), resp)
    resp = _BOUNDARY.sub(b"boundary=B", resp)
    resp = _BOUNDARY_LINE.sub(lambda m: b"--B" + (m.group(1) or b"") + b"\r\n", resp)
    return resp


def normalise_access(line: str) -> str:
    return _LOG_TIME.sub("[T]", line)


def normalise_error(line: str) -> str:
    # lines are cut at httpd's 8 KB buffer; where depends on the pid/port digits, so compare
    # what every server is sure to have written
    line = _ERR_PREFIX.sub("[T] ", line)
    line = _PIDTID.sub("[pid]", line)
    return _CLIENT.sub("[client]", line)[:7600]


class _Pure:
    """apachepy's HTTP layer in this process (used until the MPM can serve)."""

    def __init__(self, conf: str, docroot: str, port: int):
        from tests.support.pure import PureSite
        self.site = PureSite(conf, docroot, port)
        self.port = port

    def request(self, raw: bytes, timeout: float) -> bytes:
        return self.site.request(raw)

    def read_access_log(self) -> str:
        return self.site.read_access_log()

    def read_error_log(self) -> str:
        return self.site.read_error_log()

    def close(self):
        self.site.close()


class _Live:
    def __init__(self, server):
        self.server = server
        self.port = server.port

    def request(self, raw: bytes, timeout: float) -> bytes:
        return raw_request(self.port, raw, timeout=timeout)

    def read_access_log(self) -> str:
        return self.server.read_access_log()

    def read_error_log(self) -> str:
        return self.server.read_error_log()


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln]


class OraclePair:
    def __init__(self, conf: str, docroot: str | os.PathLike):
        self.conf = conf
        self.docroot = str(docroot)
        self.apache = ApacheServer(conf, docroot).__enter__()
        try:
            if apachepy_serving():
                self._live = ApachepyServer(conf, docroot).__enter__()
                self.ours = _Live(self._live)
            else:
                self._live = None
                self.ours = _Pure(conf, self.docroot, self.apache.port)
        except Exception:
            self.apache.__exit__(None, None, None)
            raise
        self._marks = (0, 0, 0, 0)
        self._mark()

    def _counts(self):
        return (len(_lines(self.apache.read_access_log())), len(self._errors(self.apache.read_error_log())),
                len(_lines(self.ours.read_access_log())), len(self._errors(self.ours.read_error_log())))

    @staticmethod
    def _errors(text: str) -> list[str]:
        # startup notices differ by design (MPM messages); request errors are what we compare
        return [ln for ln in _lines(text) if ":notice]" not in ln and "[mpm_" not in ln]

    def _mark(self):
        self._marks = self._counts()

    def exchange(self, raw: bytes, timeout: float = 2.0) -> tuple[bytes, bytes]:
        a = normalise(raw_request(self.apache.port, raw, timeout=timeout))
        b = normalise(self.ours.request(raw, timeout))
        return a, b

    def new_log_lines(self, settle: float = 1.0):
        """(apache access, ours access, apache errors, ours errors) added since the last call."""
        deadline = time.monotonic() + settle
        prev = None
        while True:
            counts = self._counts()
            if counts == prev and (counts[0] > self._marks[0] or time.monotonic() > deadline):
                break
            if time.monotonic() > deadline:
                break
            prev = counts
            time.sleep(0.03)
        aa = [normalise_access(x) for x in _lines(self.apache.read_access_log())[self._marks[0]:]]
        ae = [normalise_error(x) for x in self._errors(self.apache.read_error_log())[self._marks[1]:]]
        oa = [normalise_access(x) for x in _lines(self.ours.read_access_log())[self._marks[2]:]]
        oe = [normalise_error(x) for x in self._errors(self.ours.read_error_log())[self._marks[3]:]]
        self._marks = (self._marks[0] + len(aa), self._marks[1] + len(ae), self._marks[2] + len(oa),
                       self._marks[3] + len(oe))
        return aa, oa, ae, oe

    def close(self):
        try:
            if self._live is not None:
                self._live.__exit__(None, None, None)
            else:
                self.ours.close()
        finally:
            self.apache.__exit__(None, None, None)


def serve_pair(conf: str, tree: dict):
    """The body of a module's `pair` fixture: `tree` in a fresh document root, apache2 and
    apachepy serving `conf` on it, both stopped and the tree removed afterwards.  (The fixture
    itself stays in each module: tests/conftest.py gives every protocol engine its own.)"""
    docroot = make_tree(docroot_dir(), tree)
    p = OraclePair(conf, docroot)
    try:
        yield p
    finally:
        p.close()
        shutil.rmtree(docroot, ignore_errors=True)


def check(pair: OraclePair, raw: bytes, compare_logs: bool = True, timeout: float = 2.0) -> None:
    """Assert that both servers answer `raw` identically and log it identically."""
    a, b = pair.exchange(raw, timeout)
    if a != b:
        raise AssertionError("responses differ (- apache2, + apachepy):\n" + _diff(a.decode("latin-1"),
                                                                                  b.decode("latin-1")))
    if compare_logs:
        aa, oa, ae, oe = pair.new_log_lines()
        if oa != aa:
            raise AssertionError("access logs differ:\n" + _diff("\n".join(aa), "\n".join(oa)))
        if oe != ae:
            raise AssertionError("error logs differ:\n" + _diff("\n".join(ae), "\n".join(oe)))


def _diff(a: str, b: str) -> str:
    """A unified diff with long lines and long diffs cut (request lines can be 8 KB)."""
    import difflib
    lines = difflib.unified_diff(a.split("\n"), b.split("\n"), "apache2", "apachepy", lineterm="", n=2)
    out = "\n".join(ln if len(ln) < 240 else ln[:200] + f"...[{len(ln)} chars]" for ln in lines)
    return out if len(out) < 4000 else out[:4000] + "\n..."


available = apache2_available


OLD_MTIME = 1_700_000_000.123456      # fixed, in the past: ETags are strong and stable


def docroot_dir(prefix: str = "ap-docroot.") -> str:
    """A docroot every server user can traverse (pytest's tmp dirs are private to root)."""
    import tempfile
    d = tempfile.mkdtemp(prefix=prefix, dir="/tmp")
    os.chmod(d, 0o755)
    return d


def make_tree(root, spec: dict) -> str:
    """Create files under root: {"a/b.txt": b"data", "dir/": None, "l": ("link", "target")}."""
    root = str(root)
    links = []
    for rel, content in spec.items():
        path = os.path.join(root, rel)
        if content is None or rel.endswith("/"):
            os.makedirs(path, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, tuple) and content[0] == "link":
            links.append((content[1], path))
            continue
        with open(path, "wb") as f:
            f.write(content)
    for target, path in links:
        if not os.path.lexists(path):
            os.symlink(target, path)
    for dirpath, dirnames, filenames in os.walk(root):
        for n in filenames + dirnames:
            p = os.path.join(dirpath, n)
            if not os.path.islink(p):
                os.utime(p, (OLD_MTIME, OLD_MTIME))
    os.utime(root, (OLD_MTIME, OLD_MTIME))
    os.chmod(root, 0o755)
    return root
