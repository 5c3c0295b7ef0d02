"""Drive apachepy's HTTP layer without sockets: a config text becomes a Site, raw request bytes
go into a Connection, and the bytes it writes come back.  The config is written the way
tests/support/servers.py writes it for live servers, so one test text serves both."""
from __future__ import annotations

import os
import shutil
import tempfile

from apachepy.config.load import Options, load
from apachepy.http.api import Outcome
from apachepy.http.connection import Connection, Site
from apachepy.log import StartupLog

from .servers import MODULES


class BufferIO:
    """A ConnIO over in-memory input; what the connection writes accumulates in `out`."""

    def __init__(self, data: bytes = b""):
        self.inp = bytearray(data)
        self.out = bytearray()

    def read(self, max_bytes: int, timeout: float) -> bytes:
        data = bytes(self.inp[:max_bytes])
        del self.inp[:max_bytes]
        return data

    def write(self, data: bytes) -> None:
        self.out += data

    def sendfile(self, fileobj, offset: int, count: int) -> None:
        fileobj.seek(offset)
        self.out += fileobj.read(count)


class PureSite:
    """A Site from config text (same header as the live helpers), in a throw-away ServerRoot."""

    def __init__(self, conf_text: str, docroot: str | os.PathLike, port: int = 8080):
        self.root = tempfile.mkdtemp(prefix="ap-pure.")
        self.port = port
        self.docroot = str(docroot)
        for d in ("logs", "run", "conf"):
            os.makedirs(os.path.join(self.root, d), exist_ok=True)
        self.error_log = os.path.join(self.root, "logs", "error_log")
        self.access_log = os.path.join(self.root, "logs", "access_log")
        head = (f"ServerRoot {self.root}\nPidFile {self.root}/logs/httpd.pid\nErrorLog {self.error_log}\n"
                f"Listen 127.0.0.1:{port}\nLoadModule mpm_event_module {MODULES}/mod_mpm_event.so\n"
                f'DocumentRoot "{self.docroot}"\n')
        body = (conf_text.replace("@PORT@", str(port)).replace("@ROOT@", self.root)
                .replace("@DOCROOT@", self.docroot))
        with open(os.path.join(self.root, "conf", "httpd.conf"), "w") as f:
            f.write(head + body + "\n")
        loaded = load(Options(argv0="apachepy", server_root=self.root, conf_file="conf/httpd.conf"),
                      StartupLog())
        self.site = Site.from_config(loaded.config)

    def request(self, raw: bytes, eof: bool = True, remote=("127.0.0.1", 40000)) -> bytes:
        """Feed raw bytes (then EOF) and run the connection until it is done."""
        c = Connection(self.site, ("127.0.0.1", self.port), remote)
        io = BufferIO()
        c.feed(raw)
        if eof:
            c.feed(b"")
        for _ in range(1000):
            if not c.ready():
                break
            outcome = c.process(io)
            if outcome is Outcome.CLOSE or outcome is Outcome.WAIT_READ:
                break
            if outcome is Outcome.KEEPALIVE and not c.ready():
                break
        return bytes(io.out)

    def read_error_log(self) -> str:
        try:
            with open(self.error_log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def read_access_log(self) -> str:
        try:
            with open(self.access_log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def close(self) -> None:
        self.site.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
