"""The main server's error log, as the MPM writes it (ErrorLog + LogLevel of the main server).

The master opens the file before it forks (as root, relative to ServerRoot), so every child
inherits the descriptor and writes whole lines with O_APPEND.  Like httpd, stderr is pointed at
the error log once it is open, so tracebacks and stray prints of children land there too.
A piped (`|command`) main error log is started by the HTTP layer's Site; once the Site exists
the MPM writes into the same pipe (`adopt`); before that, its messages go to stderr.
With `ErrorLog syslog[:facility[:tag]]` messages go to syslog (apachepy/syslogger.py) without a
timestamp, `notice` is filtered by LogLevel like any level, and stderr (where startup-style
messages still go) is pointed at /dev/null, as httpd's ap_open_logs does.
"""
from __future__ import annotations

import os

from .. import syslogger
from ..log import LEVELS, escape, format_line

DEFAULT = "logs/error_log"


def status_prefix(err: OSError | None) -> str:
    """httpd's `(errno)strerror: ` in front of a message that carries an OS error."""
    if err is None or err.errno is None:
        return ""
    return f"({err.errno}){os.strerror(err.errno)}: "


class ErrorLog:
    def __init__(self, fd: int, path: str | None, level: str = "warn", module_levels=None,
                 syslog: bool = False):
        self.fd = fd
        self.path = path
        self.level = LEVELS.index(level)
        self.module_levels = module_levels or {}
        self.syslog = syslog

    @classmethod
    def open(cls, config, reader) -> "ErrorLog":
        """Open the main ErrorLog; OSError (with .filename set) when it cannot be opened,
        syslogger.BadFacility when it is syslog with an unknown facility."""
        name = config.main.values.get("ErrorLog") or DEFAULT
        level, per_module = log_levels(config.main)
        if syslogger.is_syslog(name):
            syslogger.open_log(name, reader.argv0)
            null = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
            return cls(null, None, level, per_module, syslog=True)
        if name.startswith("|"):
            return cls(os.dup(2), None, level, per_module)
        path = reader.server_root_relative(name)
        # 0666 less the umask, as httpd's apr_file_open(APR_OS_DEFAULT)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o666)
        return cls(fd, path, level, per_module)

    @staticmethod
    def check_vhosts(config, argv0: str) -> None:
        """httpd opens the virtual hosts' ErrorLogs right after the main one and fails on the
        first syslog one with an unknown facility (BadFacility); the Site opens them later."""
        for s in config.vhosts:
            v = s.values.get("ErrorLog")
            if v and syslogger.is_syslog(v):
                syslogger.parse(v, argv0)

    def adopt(self, site) -> None:
        """Share the Site's pipe when the main ErrorLog is `|command`."""
        if self.path is not None or self.syslog:
            return
        target = getattr(getattr(getattr(site, "main", None), "log", None), "target", None)
        fd = getattr(target, "fd", None)
        if isinstance(fd, int) and fd > 2:
            old, self.fd = self.fd, os.dup(fd)
            os.close(old)

    def enabled(self, module: str, level: str) -> bool:
        """LogLevel (per module if set); `notice` (startup and shutdown news such as AH00489)
        is written whatever the level, as httpd does for a file or pipe error log (not syslog)."""
        limit = self.module_levels.get(module, self.level)
        return (level == "notice" and not self.syslog) or LEVELS.index(level) <= limit

    def log(self, module: str, level: str, msg: str, err: OSError | None = None,
            client: str | None = None) -> None:
        if self.enabled(module, level):
            self.write(level, format_line(module, level, status_prefix(err) + msg, client, not self.syslog))

    def write(self, level: str, line: str) -> None:
        """A formatted line, to syslog at `level` or into the file."""
        if self.syslog:
            syslogger.write(LEVELS.index(level), line)
        else:
            self._write(line)

    def stderr_line(self, module: str, level: str, msg: str) -> None:
        """A message httpd logs with no server (to stderr): into the file, /dev/null for syslog."""
        self._write(format_line(module, level, msg))

    def plain(self, msg: str) -> None:
        """A startup-style message (no prefix), as httpd prints config errors on a restart."""
        self._write(escape(msg))

    def _write(self, line: str) -> None:
        try:
            os.write(self.fd, (line + "\n").encode("latin-1", "replace"))
        except OSError:
            pass

    def take_stderr(self) -> None:
        """Point fd 2 at the log (/dev/null for syslog), as httpd does once its logs are open."""
        if self.path is not None or self.syslog:
            os.dup2(self.fd, 2)

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass


class StreamLog:
    """The StartupLog-shaped writer load() needs when a restart re-reads the config: startup
    messages go to the error log without a prefix, as httpd's do once stderr is redirected.
    `retained` (apachepy.modules.mpm.Retained) is what the master keeps across reloads; the
    MPM's config check reads it here to log its restart variants and keep the first limits."""

    def __init__(self, errlog: ErrorLog, level: str = "warn", retained=None):
        self.errlog = errlog
        self.level = LEVELS.index(level)
        self.retained = retained

    def plain(self, msg: str) -> None:
        self.errlog.plain(msg)

    def log(self, module: str, level: str, msg: str) -> None:
        if (level == "notice" and not self.errlog.syslog) or LEVELS.index(level) <= self.level:
            self.errlog.write(level, format_line(module, level, msg, stamp=not self.errlog.syslog))


def log_levels(server) -> tuple[str, dict[str, int]]:
    """The main server's LogLevel: (level, {module: level}); modules named as in log lines."""
    level, per_module = server.values.get("LogLevel") or ("warn", {})
    out = {}
    for mod, lv in per_module.items():
        out[mod[:-7] if mod.endswith("_module") else mod] = LEVELS.index(lv)
    return level, out
