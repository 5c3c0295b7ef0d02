"""The error log a Site opens from ErrorLog, with LogLevel filtering (server-wide and per
module) and the default ErrorLogFormat for request errors:
`[time] [module:level] [pid P:tid T] [client ip:port] message[, referer: R]`
(without `[time] ` when the ErrorLog is syslog, apachepy/syslogger.py)."""
from __future__ import annotations

import os
import threading

from .. import syslogger
from ..log import LEVELS, escape, format_line, timestamp
from .conf import compiles, field

DEFAULT_LEVEL = LEVELS.index("warn")
MAX_LINE = 8190


def parse_loglevel(args: list[str]) -> tuple[int | None, dict[str, int]]:
    """LogLevel [module:]level ...: (server level or None, {module: level})."""
    level = None
    mods: dict[str, int] = {}
    for a in args:
        if ":" in a:
            m, _, lv = a.rpartition(":")
            m = m.lower()
            if m.endswith("_module"):
                m = m[:-7]
            if m.startswith("mod_"):
                m = m[4:]
            if m.endswith(".c"):
                m = m[:-2]
            if lv.lower() in LEVELS:
                mods[m] = LEVELS.index(lv.lower())
        elif a.lower() in LEVELS:
            level = LEVELS.index(a.lower())
    return level, mods


def compile_loglevel(value) -> tuple[int | None, dict[str, int]]:
    """loglevel.py's stored (level name or None, {"core_module": name}) as (level index or
    None when unset, {"core": index}) with modules named as in log lines."""
    base, per = value
    mods = {(m[:-7] if m.endswith("_module") else m): LEVELS.index(lv) for m, lv in per.items()}
    return (LEVELS.index(base) if base is not None else None), mods


def merge_loglevel(base: tuple, new: tuple) -> tuple:
    """ap_merge_log_config: a level set in `new` resets the module levels to new's own;
    otherwise the level is base's and module levels not set in new are base's."""
    if new[0] is not None:
        return new
    return base[0], {**base[1], **new[1]}


@compiles("LogLevel")
def _compile_dir_loglevel(conf, value, ctx) -> None:
    """LogLevel inside <Directory>, <Location>, <Files>, <If> (and .htaccess): r->log."""
    conf.log_level = compile_loglevel(value)


field("log_level", None, merge_loglevel)


class ErrorLog:
    """One open error log target (file, pipe, syslog or stderr), shared by the servers naming
    it.  `argv0` is the default syslog tag (httpd's ap_server_argv0)."""

    def __init__(self, path: str | None, server_root: str, is_main: bool = True, argv0: str = "apachepy"):
        self.path = path
        self.server_root = server_root
        self.is_main = is_main
        self.argv0 = argv0
        self.syslog = path is not None and syslogger.is_syslog(path)
        self.lock = threading.Lock()
        self.fd: int | None = None
        self.proc = None                # pipedlog.LogChild of `|program`
        self.open()

    def open(self) -> None:
        p = self.path
        if p is None:
            self.fd = 2
            return
        if p.startswith("|"):
            from .pipedlog import LogChild
            self.proc = LogChild(p[1:], self.server_root, self.is_main)
            self.fd = self.proc.fd
            return
        if self.syslog:
            syslogger.open_log(p, self.argv0)      # BadFacility when the facility is unknown
            self.fd = None
            return
        try:
            # 0666 less the umask, as httpd's apr_file_open(APR_OS_DEFAULT)
            self.fd = os.open(p, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        except OSError:
            self.fd = 2

    def write_line(self, line: str, level: int = syslogger.DEBUG) -> None:
        """One formatted line; `level` (a LEVELS index) is its syslog priority."""
        if self.syslog:
            syslogger.write(level, line)
            return
        if self.fd is None:         # closed
            return
        data = (line + "\n").encode("latin-1", "replace")
        with self.lock:
            try:
                os.write(self.fd, data)
            except OSError:
                pass

    def reopen(self) -> None:
        if self.path and not self.path.startswith("|") and not self.syslog:
            old = self.fd
            self.open()
            if old not in (None, 0, 1, 2) and old != self.fd:
                os.close(old)

    def close(self) -> None:
        if self.proc is not None:
            self.proc.close()
            self.proc = None
            self.fd = None
            return
        if self.fd not in (None, 0, 1, 2):
            try:
                os.close(self.fd)
            except OSError:
                pass
        self.fd = None


# APR's own error codes (apr_errno.h) as apr_strerror prints them
APR_ERRORS = {70007: "The timeout specified has expired", 20014: "Internal error (specific information not available)",
              20020: "The given path is absolute", 20021: "The given path is relative",
              20023: "The given path was above the root path",
              20024: "The given path is misformatted or contained invalid characters"}


class ServerLog:
    """What a server record logs through: its target plus its LogLevel settings."""

    __slots__ = ("target", "level", "module_levels", "dirs")

    def __init__(self, target: ErrorLog, level: int = DEFAULT_LEVEL, module_levels: dict | None = None):
        self.target = target
        self.level = level
        self.module_levels = module_levels or {}
        self.dirs: dict = {}

    def for_dir(self, dir_level: tuple) -> "ServerLog":
        """This server's log with a per-directory LogLevel merged in (r->log), cached per
        (merged, hence shared) per-dir value."""
        hit = self.dirs.get(id(dir_level))
        if hit is not None and hit[0] is dir_level:
            return hit[1]
        level, mods = merge_loglevel((self.level, self.module_levels), dir_level)
        log = ServerLog(self.target, level, mods)
        self.dirs[id(dir_level)] = (dir_level, log)     # keeps dir_level alive: ids stay unique
        return log

    def enabled(self, module: str, level: str) -> bool:
        lv = LEVELS.index(level)
        limit = self.module_levels.get(module, self.level) if self.module_levels else self.level
        return lv <= limit

    def log(self, module: str, level: str, msg: str, client: str | None = None,
            referer: str | None = None, err: int | None = None) -> None:
        """One line in the default ErrorLogFormat; `err` (an errno) prints as httpd's %E
        ("(2)No such file or directory: ") before the client."""
        if not self.enabled(module, level):
            return
        stamp = not self.target.syslog
        if err is not None:
            cl = f"[client {client}] " if client else ""
            t = f"[{timestamp()}] " if stamp else ""
            line = (f"{t}[{module}:{level}] [pid {os.getpid()}:tid {threading.get_native_id()}] "
                    f"({err}){APR_ERRORS.get(err) or os.strerror(err)}: {cl}{escape(msg)}")
        else:
            line = format_line(module, level, msg, client, stamp)
        if referer is not None:
            line += ", referer: " + escape(referer)
        # httpd formats the line into a MAX_STRING_LEN (8192) buffer
        self.target.write_line(line[:MAX_LINE], LEVELS.index(level))
