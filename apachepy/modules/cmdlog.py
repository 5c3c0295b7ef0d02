"""ap_log_error(cmd->server, ...) while the configuration is walked.

Such messages go to stderr when the level passes the server's LogLevel as set so far
(per-module levels included).  A virtual host's level stays unset until the walk ends unless
it has its own LogLevel, so only its notices get through; notices always do (httpd lets
startup notices pass).  Debug and trace lines carry httpd's source position.
Registers no handlers.
"""
from __future__ import annotations

from ..config.walk import Cmd
from ..log import LEVELS, format_line


def server_log(cmd: Cmd, module: str, level: str, msg: str, where: str | None = None) -> None:
    """Log `msg` as module `module` (short name, e.g. "proxy") at `level` for cmd.server;
    `where` is httpd's "file.c(line)" shown on debug and trace lines."""
    rank = LEVELS.index(level)
    if rank != LEVELS.index("notice"):
        setting = cmd.server.values.get("LogLevel")
        if setting is None and cmd.server.is_virtual:
            return
        base, per_module = setting or ("warn", {})
        limit = per_module.get(f"{module}_module", base)
        if limit is None or rank > LEVELS.index(limit):      # a vhost's level still unset
            return
    if where and rank >= LEVELS.index("debug"):
        msg = f"{where}: {msg}"
    cmd.reader.log.records.append((level, msg))
    cmd.reader.log._write(format_line(module, level, msg))


def startup_log(log, module: str, level: str, msg: str) -> None:
    """ap_log_perror / ap_log_error(NULL server) while reading: filtered by the -e level,
    except notices, which always show."""
    if level != "notice" and LEVELS.index(level) > log.level:
        return
    log.records.append((level, msg))
    log._write(format_line(module, level, msg))
