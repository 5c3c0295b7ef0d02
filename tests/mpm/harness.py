"""Real apachepy servers for MPM tests: a throw-away ServerRoot, a free loopback port, and the
CLI (`python -m apachepy -d ROOT -f conf/httpd.conf [-k ...|-DFOREGROUND|-X]`).

Requests go through the real HTTP layer.  To keep a worker busy on purpose a test sends a
request that announces a body and withholds it (`hold_worker`): like httpd's default handler,
apachepy reads (discards) the body before it answers, so the worker waits in io.read until the
body comes (`release`).  The access log line of every request starts with the serving pid (%P).
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.servers import free_port

REPO = Path(__file__).resolve().parents[2]


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:       # a zombie is not alive
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def fd_count(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def http_get(port: int, path: str = "/", headers: dict | None = None, timeout: float = 5.0,
             sock: socket.socket | None = None) -> tuple[int, dict, bytes, socket.socket]:
    """One HTTP/1.1 request on `sock` (or a new connection); returns status, headers, body and
    the socket (still open unless the server closed it)."""
    if sock is None:
        sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.settimeout(timeout)
    hdrs = {"Host": "localhost", **(headers or {})}
    req = f"GET {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs.items()) + "\r\n"
    sock.sendall(req.encode())
    return (*read_response(sock), sock)


def read_response(sock: socket.socket) -> tuple[int, dict, bytes]:
    buf = b""
    while b"\r\n\r\n" not in buf:
        data = sock.recv(65536)
        if not data:
            raise ConnectionError(f"closed before a response head ({buf!r})")
        buf += data
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        data = sock.recv(65536)
        if not data:
            raise ConnectionError("closed in the middle of a body")
        rest += data
    return status, headers, rest[:length]


def hold_worker(port: int, timeout: float = 30.0) -> socket.socket:
    """A request whose 1-byte body is withheld: a worker waits for it (until `release`)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\n\r\n")
    return sock


def release(sock: socket.socket) -> tuple[int, dict, bytes]:
    sock.sendall(b"x")
    return read_response(sock)


BASE_CONF = """\
LoadModule mpm_event_module modules/mod_mpm_event.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule dir_module modules/mod_dir.so
ServerName localhost
Listen 127.0.0.1:@PORT@
PidFile run/httpd.pid
ErrorLog logs/error_log
LogLevel info
LogFormat "%P %>s %r" served_by
CustomLog logs/access_log served_by
DocumentRoot htdocs
<Directory "@ROOT@">
    Require all granted
</Directory>
DirectoryIndex index.html
ListenTCPDeferAccept 0
"""


class Server:
    def __init__(self, conf: str = "", port: int | None = None):
        self.port = port or free_port()
        self.root = Path(tempfile.mkdtemp(prefix="apmpm."))
        os.chmod(self.root, 0o755)
        for d in ("conf", "logs", "run", "htdocs"):
            (self.root / d).mkdir()
        (self.root / "htdocs" / "index.html").write_text("hello\n")
        self.proc: subprocess.Popen | None = None
        self.write_conf(conf)

    # -- files -----------------------------------------------------------------------------
    def write_conf(self, extra: str) -> None:
        text = BASE_CONF + extra
        text = text.replace("@PORT@", str(self.port)).replace("@ROOT@", str(self.root))
        (self.root / "conf" / "httpd.conf").write_text(text)

    @property
    def pid_file(self) -> Path:
        return self.root / "run" / "httpd.pid"

    def master_pid(self) -> int:
        return int(self.pid_file.read_text())

    def error_log(self) -> str:
        p = self.root / "logs" / "error_log"
        return p.read_text(errors="replace") if p.exists() else ""

    def children(self) -> list[int]:
        return children_of(self.master_pid())

    def served_by(self) -> list[int]:
        """The pid that served each request so far (from the access log)."""
        p = self.root / "logs" / "access_log"
        text = p.read_text(errors="replace") if p.exists() else ""
        return [int(line.split()[0]) for line in text.splitlines() if line]

    # -- running ---------------------------------------------------------------------------
    def env(self) -> dict:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        return env

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "apachepy", "-d", str(self.root), "-f", "conf/httpd.conf", *args]

    def ctl(self, *args: str, timeout: float = 20.0) -> subprocess.CompletedProcess:
        """Run the CLI to completion (e.g. `-k start`), capturing its output."""
        return subprocess.run(self.argv(*args), env=self.env(), capture_output=True, text=True,
                              timeout=timeout, cwd=self.root)

    def start(self, *args: str) -> "Server":
        """-k start (a daemon), or a foreground process when args say -DFOREGROUND / -X."""
        if "-DFOREGROUND" in args or "-X" in args:
            self.proc = subprocess.Popen(self.argv(*args), env=self.env(), cwd=self.root,
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        else:
            r = self.ctl("-k", "start", *args)
            assert r.returncode == 0, r.stdout + r.stderr + self.error_log()
        self.wait_serving()
        return self

    def wait_serving(self, timeout: float = 15.0) -> None:
        def up():
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError("server exited: " + self.proc.stdout.read().decode() + self.error_log())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self.pid_file.exists()
            except OSError:
                return False
        wait_for(up, timeout, what=f"apachepy on port {self.port}\n{self.error_log()}")

    def stop(self) -> None:
        """Stop by pid: SIGTERM to the master, then whatever of its tree is left."""
        pids = []
        try:
            master = self.master_pid()
            pids = [master] + children_of(master)
        except (OSError, ValueError):
            master = None
        if self.proc is not None:
            pids.append(self.proc.pid)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        if self.proc is not None:
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                pass
        deadline = time.monotonic() + 15
        while any(alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(5)
            self.proc.stdout.close()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cleanup()
