"""Log-related config checks (core's check of every ErrorLog directory at config time)."""
from __future__ import annotations

import os

from ..syslogger import is_syslog
from .base import post_config


def error_log_path(server, config, reader) -> str | None:
    """The file an ErrorLog names, or None for pipes and syslog."""
    name = server.values.get("ErrorLog") or config.main.values.get("ErrorLog") or "logs/error_log"
    if name.startswith("|") or is_syslog(name):
        return None
    return reader.server_root_relative(name)


@post_config(first=True)
def check_errorlog_dirs(config, log, reader=None) -> None:
    """AH02291: the directory of every error log must exist (httpd's check_errorlog_dir)."""
    from ..errors import FatalStartup
    servers = [config.main] + [v for v in config.vhosts if "ErrorLog" in v.values]
    for s in servers:
        path = error_log_path(s, config, reader)
        if path is None:
            continue
        d = os.path.dirname(path) + "/"
        if not os.path.isdir(d):
            where = "main error log" if not s.is_virtual else \
                f"error log of vhost defined at {s.node.file}:{s.node.line}"
            log.plain(f"(2)No such file or directory: AH02291: Cannot access directory '{d}' for {where}")
            raise FatalStartup("AH00014: Configuration check failed")
