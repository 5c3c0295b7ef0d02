"""httpd-style log lines: startup messages on stderr and the error log format."""
from __future__ import annotations

import os
import sys
import threading
import time

MAX_LINE = 8190
LEVELS = ["emerg", "alert", "crit", "error", "warn", "notice", "info", "debug",
          "trace1", "trace2", "trace3", "trace4", "trace5", "trace6", "trace7", "trace8"]


def escape(msg: str) -> str:
    """Control characters, high bytes and backslashes are written as escapes, as
    ap_escape_errorlog_item does for every error-log message (a backslash is doubled)."""
    if not any(c < " " or c >= "\x7f" or c == "\\" for c in msg):
        return msg
    out = []
    for c in msg:
        if c in _C_ESCAPES:
            out.append(_C_ESCAPES[c])
        elif c < " " or "\x7f" <= c <= "\xff":
            out.append("\\x%02x" % ord(c))
        else:
            out.append(c)
    return "".join(out)


_C_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\v": "\\v", "\\": "\\\\"}


def timestamp(t: float | None = None) -> str:
    """`Thu Nov 26 02:26:07.986582 2026`, in local time, as the default ErrorLogFormat."""
    t = time.time() if t is None else t
    lt = time.localtime(t)
    usec = int((t - int(t)) * 1_000_000)
    return time.strftime("%a %b %d %H:%M:%S", lt) + f".{usec:06d} " + time.strftime("%Y", lt)


def format_line(module: str, level: str, msg: str, client: str | None = None, stamp: bool = True) -> str:
    """A line in the default ErrorLogFormat; without the timestamp (`stamp` false) for syslog."""
    pid = os.getpid()
    tid = threading.get_native_id()
    cl = f" [client {client}]" if client else ""
    t = f"[{timestamp()}] " if stamp else ""
    return f"{t}[{module}:{level}] [pid {pid}:tid {tid}]{cl} {escape(msg)}"


class StartupLog:
    """Messages emitted while the configuration is read, before any error log is open.

    `level` is the -e LogLevel for startup messages (default warn).  `stream` receives text.
    """

    def __init__(self, stream=None, level: str = "warn"):
        self.stream = stream or sys.stderr
        self.level = LEVELS.index(level)
        self.records: list[tuple[str, str]] = []   # (level, message) of everything written

    def _write(self, text: str) -> None:
        # httpd formats a log line into MAX_STRING_LEN (8192) bytes, keeping room for the newline
        self.stream.write(text[:MAX_LINE] + "\n")
        self.stream.flush()

    def plain(self, msg: str, level: str = "warn") -> None:
        """An APLOG_STARTUP message: no prefix at all."""
        self.records.append((level, msg))
        self._write(escape(msg))

    def log(self, module: str, level: str, msg: str) -> None:
        if LEVELS.index(level) <= self.level:
            self.records.append((level, msg))
            self._write(format_line(module, level, msg))
