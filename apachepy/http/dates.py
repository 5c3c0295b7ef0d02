"""HTTP dates: RFC 1123 output (cached per second, as ap_recent_rfc822_date) and
apr_date_parse_http's three accepted input forms."""
from __future__ import annotations

import functools
import re
import time

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS)}

_cache_sec = -1
_cache_text = ""


def rfc1123(t: float) -> str:
    """`Thu, 26 Nov 2026 02:25:39 GMT` for epoch seconds `t`."""
    return _rfc1123_sec(int(t // 1))


@functools.lru_cache(maxsize=1024)
def _rfc1123_sec(sec: int) -> str:
    """rfc1123 of a whole second, cached: the same few file times (Last-Modified) recur."""
    tm = time.gmtime(sec)
    return "%s, %02d %s %04d %02d:%02d:%02d GMT" % (
        DAYS[tm.tm_wday], tm.tm_mday, MONTHS[tm.tm_mon - 1], tm.tm_year, tm.tm_hour, tm.tm_min, tm.tm_sec)


def recent_rfc1123(t: float) -> str:
    """rfc1123 with a one-entry cache keyed by the second (the Date header of every response)."""
    global _cache_sec, _cache_text
    sec = int(t)
    if sec != _cache_sec:
        _cache_text = rfc1123(sec)
        _cache_sec = sec
    return _cache_text


_RFC1123 = re.compile(r"^\s*[A-Za-z]{3}, (\d\d) ([A-Za-z]{3}) (\d{4}) (\d\d):(\d\d):(\d\d)")
_RFC850 = re.compile(r"^\s*[A-Za-z]{6,9}, (\d\d)-([A-Za-z]{3})-(\d\d) (\d\d):(\d\d):(\d\d)")
_ASCTIME = re.compile(r"^\s*[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\d{4})")


def parse_http_date(text: str | None) -> int | None:
    """apr_date_parse_http: epoch seconds, or None (APR_DATE_BAD).  The zone is taken as GMT."""
    if not text:
        return None
    m = _RFC1123.match(text)
    if m:
        day, mon, year, hh, mm, ss = m.groups()
    else:
        m = _RFC850.match(text)
        if m:
            day, mon, yy, hh, mm, ss = m.groups()
            year = str(1900 + int(yy) if int(yy) >= 70 else 2000 + int(yy))
        else:
            m = _ASCTIME.match(text)
            if not m:
                return None
            mon, day, hh, mm, ss, year = m.groups()
    mon_n = _MONTH_NUM.get(mon.capitalize())
    if mon_n is None:
        return None
    d, h, mi, s = int(day), int(hh), int(mm), int(ss)
    if not (1 <= d <= 31 and h < 24 and mi < 60 and s < 62):
        return None
    y = int(year)
    # apr rejects Feb 30 etc. through its leap-year check
    import calendar     # preloaded by the Site; `-t` does not need it
    if d > calendar.monthrange(y, mon_n)[1]:
        return None
    t = calendar.timegm((y, mon_n, d, h, mi, min(s, 59), 0, 0, 0))
    # APR_DATE_BAD is 0, so the epoch itself (and anything before it) reads as unparsable
    return t if t > 0 else None
