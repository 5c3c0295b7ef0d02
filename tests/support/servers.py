"""Live servers for tests: Debian's apache2 (the oracle) and apachepy, run the same way.

Both run in the foreground from a throw-away ServerRoot on a loopback port from `free_port()`,
with their own PidFile and ErrorLog, and are stopped by pid.  The config text a test gives is
appended to a small header (ServerRoot, Listen, PidFile, ErrorLog, the event MPM, DocumentRoot);
`@PORT@`, `@ROOT@` and `@DOCROOT@` in it are replaced by the actual values.

    with ApacheServer(conf, docroot) as a, ApachepyServer(conf, docroot) as p:
        raw_request(a.port, b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
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

REPO = Path(__file__).resolve().parents[2]
MODULES = "/usr/lib/apache2/modules"


def free_port() -> int:
    """A loopback port nobody listens on right now (bind to port 0, ask, release)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raw_request(port: int, data: bytes, timeout: float = 5.0, half_close: bool = False) -> bytes:
    """Send raw bytes and read until the server closes (or `timeout` passes without data).

    `half_close` shuts our write side after sending, for requests that must see EOF."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except (TimeoutError, socket.timeout):
                break
            except ConnectionResetError:
                break
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks)


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                pass
        except OSError:
            time.sleep(0.05)
            continue
        # something listens; make sure it is our server and not another test's that took
        # the port first (ours would then exit on "Address already in use")
        time.sleep(0.2)
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        return
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class _Server:
    """Common part: a ServerRoot in a temp dir, a config file, a foreground process."""

    name = "server"

    def __init__(self, conf_text: str, docroot: str | os.PathLike, extra_args: list[str] | None = None,
                 port: int | None = None):
        self.conf_text = conf_text
        self.docroot = str(docroot)
        self.extra_args = list(extra_args or [])
        self._fixed_port = port is not None
        self.port = port or free_port()
        self.root = tempfile.mkdtemp(prefix=f"ap-{self.name}.")
        self.error_log = os.path.join(self.root, "logs", "error_log")
        self.access_log = os.path.join(self.root, "logs", "access_log")
        self.pid_file = os.path.join(self.root, "logs", "httpd.pid")
        self.proc: subprocess.Popen | None = None
        self.pid: int | None = None

    def config(self) -> str:
        user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
        head = (f"ServerRoot {self.root}\n"
                f"PidFile {self.pid_file}\n"
                f"ErrorLog {self.error_log}\n"
                f"DefaultRuntimeDir {self.root}/run\n"
                f"Listen 127.0.0.1:{self.port}\n"
                f"LoadModule mpm_event_module {MODULES}/mod_mpm_event.so\n"
                f"{user}"
                f'DocumentRoot "{self.docroot}"\n')
        body = (self.conf_text.replace("@PORT@", str(self.port)).replace("@ROOT@", self.root)
                .replace("@DOCROOT@", self.docroot))
        return head + body + "\n"

    def command(self, conf: str) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return dict(os.environ)

    def __enter__(self):
        for d in ("logs", "run", "conf"):
            os.makedirs(os.path.join(self.root, d), exist_ok=True)
        os.chmod(self.root, 0o755)
        self.stderr = open(os.path.join(self.root, "stderr"), "w+")
        for attempt in range(3):
            conf = os.path.join(self.root, "conf", "httpd.conf")
            with open(conf, "w") as f:
                f.write(self.config())
            self.proc = subprocess.Popen(self.command(conf), stdout=self.stderr, stderr=subprocess.STDOUT,
                                         cwd=self.root, env=self.env(), start_new_session=True)
            self.pid = self.proc.pid
            try:
                wait_port(self.port, self.proc)
                return self
            except RuntimeError as e:
                self.stop()
                if self._fixed_port or attempt == 2 or "in use" not in self.output():
                    raise RuntimeError(f"{self.name} did not start: {e}\n{self.output()}") from None
                self.port = free_port()     # another test took the port meanwhile
        return self

    def output(self) -> str:
        self.stderr.seek(0)
        text = self.stderr.read()
        if os.path.exists(self.error_log):
            text += "\n--- error_log ---\n" + Path(self.error_log).read_text(errors="replace")
        return text

    def read_error_log(self) -> str:
        return Path(self.error_log).read_text(errors="replace") if os.path.exists(self.error_log) else ""

    def read_access_log(self, min_lines: int = 0, timeout: float = 3.0) -> str:
        """The access log; waits (bounded) until it has at least `min_lines` lines, since a
        server writes the entry just after sending the response."""
        deadline = time.monotonic() + timeout
        while True:
            text = Path(self.access_log).read_text(errors="replace") if os.path.exists(self.access_log) else ""
            if text.count("\n") >= min_lines or time.monotonic() > deadline:
                return text
            time.sleep(0.02)

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)   # the session we created for it
                self.proc.wait(timeout=5)
        self.proc = None

    def __exit__(self, *exc):
        self.stop()
        self.stderr.close()
        shutil.rmtree(self.root, ignore_errors=True)


class ApacheServer(_Server):
    """Debian's apache2 in the foreground."""

    name = "apache2"

    def command(self, conf: str) -> list[str]:
        return ["apache2", "-d", self.root, "-f", conf, "-DFOREGROUND", *self.extra_args]


class ApachepyServer(_Server):
    """apachepy in the foreground (`-X`, a single process) unless extra_args say otherwise."""

    name = "apachepy"

    def command(self, conf: str) -> list[str]:
        args = self.extra_args or ["-X"]
        return [sys.executable, "-m", "apachepy", "-d", self.root, "-f", conf, *args]

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        return env


def apache2_available() -> bool:
    return shutil.which("apache2") is not None and os.path.exists(f"{MODULES}/mod_mpm_event.so")


def apachepy_serving() -> bool:
    """Whether the MPM can serve yet (apachepy/mpm/control.py present)."""
    return (REPO / "apachepy" / "mpm" / "control.py").exists()
