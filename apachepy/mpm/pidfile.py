"""PidFile: read by `-k`, written by the master (ap_read_pid / ap_log_pid / ap_remove_pid)."""
from __future__ import annotations

import os
import tempfile

from ..config.load import DEFAULT_PIDLOG

_saved_pid = -1          # AH00098 is only logged the first time a given pid writes the file
# ap_read_pid's buffer: a file that fills sizeof(long) * 3 + 2 - 1 bytes is corrupt
_READ_MAX = 8 * 3 + 2 - 1


class Corrupt(Exception):
    """Empty, oversized or not starting with a digit: httpd's APR_EGENERAL."""


def configured(config) -> str:
    """The PidFile as written in the config (httpd prints this form in AH00058)."""
    return config.values.get("PidFile", DEFAULT_PIDLOG)


def read(path: str) -> int:
    """The pid in the file; FileNotFoundError if there is none, Corrupt if unreadable."""
    with open(path, "rb") as f:
        data = f.read(_READ_MAX)
    if not data or len(data) == _READ_MAX or not data[:1].isdigit():
        raise Corrupt(path)
    digits = data[:len(data) - len(data.lstrip(b"0123456789"))]
    return int(digits)


def write(path: str, errlog, argv0: str) -> None:
    """Write "<pid>\\n" (mode 0644) through a temp file and a rename."""
    global _saved_pid
    pid = os.getpid()
    if pid != _saved_pid and os.path.exists(path):
        errlog.log("core", "warn", f"AH00098: pid file {path} overwritten -- Unclean shutdown "
                                   "of previous Apache run?")
    try:
        fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".",
                                   dir=os.path.dirname(path) or ".")
    except OSError as e:
        errlog.log("core", "error", f"AH00099: could not create {path}.XXXXXX", err=e)
        errlog.log("core", "error", f"AH00100: {argv0}: could not log pid "
                                    f"to file {path}")
        raise
    try:
        os.fchmod(fd, 0o644)
        os.write(fd, f"{pid}\n".encode())
        os.close(fd)
        os.rename(tmp, path)
    except OSError as e:
        errlog.log("core", "error", f"AH10231: {argv0}: Failed creating pid file {tmp}", err=e)
        raise
    _saved_pid = pid


def remove(path: str, errlog) -> None:
    try:
        os.unlink(path)
    except OSError as e:
        errlog.log("core", "error", f"AH00095: failed to remove PID file {path}", err=e)
    else:
        errlog.log("core", "info", f"AH00096: removed PID file {path} (pid={os.getpid()})")
