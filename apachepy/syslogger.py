"""`ErrorLog syslog[:facility[:tag]]`, as httpd's server/log.c opens and writes it.

httpd calls openlog(tag, LOG_NDELAY|LOG_CONS|LOG_PID, facility) once per distinct syslog
ErrorLog (main server first, then the virtual hosts in order), so the last one opened sets the
tag and facility of every syslog line of the process.  Lines are sent with syslog(3) at the
message's level (trace levels as debug) and carry no timestamp of their own.
"""
from __future__ import annotations

import syslog as _syslog

# httpd's `facilities` table, in its order (Python before 3.13 has no LOG_FTP: glibc's value): a name matches when the configured text is a
# case-insensitive prefix of it, so the first entry with that prefix wins ("l" is lpr)
FACILITIES = [("auth", _syslog.LOG_AUTH), ("authpriv", _syslog.LOG_AUTHPRIV), ("cron", _syslog.LOG_CRON),
              ("daemon", _syslog.LOG_DAEMON), ("ftp", getattr(_syslog, "LOG_FTP", 11 << 3)), ("kern", _syslog.LOG_KERN),
              ("lpr", _syslog.LOG_LPR), ("mail", _syslog.LOG_MAIL), ("news", _syslog.LOG_NEWS),
              ("syslog", _syslog.LOG_SYSLOG), ("user", _syslog.LOG_USER), ("uucp", _syslog.LOG_UUCP)] + \
             [(f"local{i}", getattr(_syslog, f"LOG_LOCAL{i}")) for i in range(8)]
DEFAULT_FACILITY = _syslog.LOG_LOCAL7
OPTIONS = _syslog.LOG_NDELAY | _syslog.LOG_CONS | _syslog.LOG_PID
DEBUG = _syslog.LOG_DEBUG       # LOG_PRIMASK's limit: levels past it (trace) go out as debug


class BadFacility(Exception):
    """An unknown facility name: httpd's AH10036 and a failed start."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text        # what follows "syslog:" (facility and tag)

    def message(self, argv0: str) -> str:
        # APR_EBADPATH (20024) is the status httpd logs with it
        return (f"(20024)The given path is misformatted or contained invalid characters: "
                f"AH10036: {argv0}: could not open syslog error log {self.text}.")


def is_syslog(name: str) -> bool:
    """Whether an ErrorLog value means syslog (`syslogfoo` is a file)."""
    return name == "syslog" or name.startswith("syslog:")


def parse(name: str, argv0: str) -> tuple[int, str]:
    """(facility, tag) of a syslog ErrorLog value; BadFacility for an unknown facility."""
    if name == "syslog":
        return DEFAULT_FACILITY, argv0
    rest = name[len("syslog:"):]
    fac, sep, tag = rest.partition(":")
    tag = tag or argv0
    if not fac:
        return DEFAULT_FACILITY, tag
    low = fac.lower()
    for fname, value in FACILITIES:
        if fname.startswith(low):
            return value, tag
    raise BadFacility(rest)


def open_log(name: str, argv0: str) -> None:
    """openlog() for this ErrorLog value (process-wide: the last call wins)."""
    facility, tag = parse(name, argv0)
    _syslog.openlog(tag, OPTIONS, facility)


def write(level: int, line: str) -> None:
    """One error-log line at `level` (an index into apachepy.log.LEVELS)."""
    _syslog.syslog(min(level, DEBUG), line)
