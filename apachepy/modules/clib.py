"""C-library and APR parsing that httpd's directive handlers rely on, with the same quirks.

Handlers validate numbers with atoi/atol/strtol/apr_strtoi64 (leading white space skipped,
trailing junk ignored, no digits reads as 0, overflow wraps or saturates as glibc on 64-bit
Linux does), durations with ap_timeout_parameter_parse, and URLs with apr_uri_parse.  Keeping
these in one place lets every module reproduce exactly which values httpd accepts.
This file registers no handlers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = re.compile(r"[ \t\n\v\f\r]*([+-]?)([0-9]*)")
INT_MAX = 2**31 - 1
LONG_MAX = 2**63 - 1
LONG_MIN = -2**63


def strtol(text: str, bits: int = 64) -> tuple[int, int, bool]:
    """glibc strtol(text, &end, 10): (value, end offset, overflowed); end is 0 without digits."""
    m = _NUM.match(text)
    if not m.group(2):
        return 0, 0, False
    v = int(m.group(1) + m.group(2))
    hi, lo = 2 ** (bits - 1) - 1, -2 ** (bits - 1)
    over = v > hi or v < lo
    return (hi if v > hi else lo if v < lo else v), m.end(), over


def atol(text: str) -> int:
    return strtol(text)[0]


def atoi(text: str) -> int:
    """(int)strtol(text): a 64-bit saturated value truncated to 32 bits."""
    v = strtol(text)[0] & 0xFFFFFFFF
    return v - 2**32 if v > INT_MAX else v


def int32(v: int) -> int:
    """Wrap an arithmetic result to a C int."""
    v &= 0xFFFFFFFF
    return v - 2**32 if v > INT_MAX else v


def to_int(text: str) -> int | None:
    """A whole string of digits with optional sign (strtol with *end == '\\0'), else None."""
    v, end, over = strtol(text)
    if end == 0 or end != len(text) or over:
        return None
    return v


def isdigit(c: str) -> bool:
    return "0" <= c[:1] <= "9" and c != ""


def atof(text: str) -> float:
    """C atof: the longest decimal prefix (no hex/inf handling needed by handlers)."""
    m = re.match(r"[ \t\n\v\f\r]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)", text)
    if not m:
        return 0.0
    try:
        return float(m.group(1))
    except (ValueError, OverflowError):
        return float("inf")


def timeout_parse(text: str, default_unit: str) -> int | None:
    """ap_timeout_parameter_parse: microseconds, or None where httpd returns an error.

    The unit is read from the first character(s) after the number: s, h, ms, mi (min);
    anything after those is ignored, as in httpd.
    """
    tout, end, over = strtol(text)
    if over:
        return None
    unit = text[end:] or default_unit   # without digits, end is 0: the whole text is the unit
    if tout < 0:
        return None
    max64 = LONG_MAX
    if unit.startswith("s"):
        if tout > max64 // 1_000_000:
            return None
        return tout * 1_000_000
    if unit.startswith("h"):
        if tout > (max64 // 3600) // 1_000_000:
            return None
        return tout * 3600 * 1_000_000
    if unit.startswith("ms"):
        if tout > max64 // 1000:
            return None
        return tout * 1000
    if unit.startswith("mi"):
        if tout > (max64 // 60) // 1_000_000:
            return None
        return tout * 60 * 1_000_000
    return None


# ---------------------------------------------------------------------------------------------
# apr_uri_parse / apr_uri_unparse (apr-util 1.6)

URI_DEFAULT_PORTS = {"http": 80, "ftp": 21, "https": 443, "gopher": 70, "ldap": 389, "nntp": 119,
                     "snews": 563, "imap": 143, "pop": 110, "sip": 5060, "rtsp": 554, "wais": 210,
                     "z39.50r": 210, "z39.50s": 210, "prospero": 191, "nfs": 2049, "tip": 3372,
                     "acap": 674, "telnet": 23, "ssh": 22}


def uri_port_of_scheme(scheme: str | None) -> int:
    return URI_DEFAULT_PORTS.get(scheme.lower(), 0) if scheme else 0


@dataclass
class Uri:
    scheme: str | None = None
    hostinfo: str | None = None
    user: str | None = None
    password: str | None = None
    hostname: str | None = None
    port_str: str | None = None
    port: int = 0
    path: str | None = None
    query: str | None = None
    fragment: str | None = None

    def unparse(self) -> str:
        """apr_uri_unparse with APR_URI_UNP_REVEALPASSWORD."""
        ret = ""
        if self.user is not None or self.password is not None:
            ret = (self.user or "") + (":" + self.password if self.password is not None else "") + "@"
        if self.hostname is not None:
            lb, rb = ("[", "]") if ":" in self.hostname else ("", "")
            default = self.port_str is None or self.port == 0 or self.port == uri_port_of_scheme(self.scheme)
            ret = "//" + ret + lb + self.hostname + rb + ("" if default else ":" + self.port_str)
        if self.scheme is not None:
            ret = self.scheme + ":" + ret
        ret += self.path or ""
        if self.query is not None:
            ret += "?" + self.query
        if self.fragment is not None:
            ret += "#" + self.fragment
        return ret


_SCHEME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")


def uri_parse(uri: str) -> Uri | None:
    """apr_uri_parse: the components, or None for APR_EGENERAL."""
    u = Uri()

    def path_part(rest: str) -> Uri:
        i = 0
        while i < len(rest) and rest[i] not in "?#":
            i += 1
        if i:
            u.path = rest[:i]
        if i < len(rest):
            if rest[i] == "?":
                q = rest[i + 1:]
                if "#" in q:
                    q, u.fragment = q.split("#", 1)
                u.query = q
            else:
                u.fragment = rest[i + 1:]
        return u

    if uri.startswith("/"):
        if uri[1:2] == "/" and uri[2:3] != "/":
            return _authority(u, uri[2:], path_part)
        return path_part(uri)
    s = 0
    if uri[:1].isascii() and uri[:1].isalpha():
        s = 1
        while s < len(uri) and uri[s] in _SCHEME_CHARS:
            s += 1
    if s and uri[s:s + 1] == ":":
        u.scheme = uri[:s]
        s += 1
    else:
        s = 0
    if uri[s:s + 2] != "//":
        if s == 0:
            # RFC 3986 3.3: without scheme and authority, the first segment may hold no ':'
            slash = uri.find("/")
            if ":" in (uri[:slash] if slash >= 0 else uri):
                return None
        return path_part(uri[s:])
    return _authority(u, uri[s + 2:], path_part)


def _authority(u: Uri, rest: str, path_part) -> Uri | None:
    end = 0
    while end < len(rest) and rest[end] not in "/?#":
        end += 1
    hostinfo, rest = rest[:end], rest[end:]
    u.hostinfo = hostinfo
    at = hostinfo.rfind("@")
    if at >= 0:
        cred = hostinfo[:at]
        if ":" in cred:
            u.user, u.password = cred.split(":", 1)
        else:
            u.user = cred
        hostinfo = hostinfo[at + 1:]
    if hostinfo.startswith("["):
        close = hostinfo.find("]")
        if close < 0:
            return None
        colon = close + 1 if hostinfo[close + 1:close + 2] == ":" else -1
        if colon < 0:
            u.hostname = hostinfo[1:-1] if len(hostinfo) >= 2 else ""
            return path_part(rest)
        u.hostname = hostinfo[1:colon - 1]
    else:
        colon = hostinfo.find(":")
        if colon < 0:
            u.hostname = hostinfo
            return path_part(rest)
        u.hostname = hostinfo[:colon]
    u.port_str = hostinfo[colon + 1:]
    if u.port_str:
        v, end, _ = strtol(u.port_str)
        u.port = v & 0xFFFF
        if end != len(u.port_str):
            return None
        return path_part(rest)
    u.port = uri_port_of_scheme(u.scheme)
    return path_part(rest)


def strtol_base0(text: str) -> tuple[int, int]:
    """glibc strtol(text, &end, 0) on an unsigned-looking prefix: (value, end); end 0 = no digits."""
    m = re.match(r"[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)", text)
    if not m:
        return 0, 0
    digits = m.group(2)
    if digits[:2].lower() == "0x":
        v = int(digits, 16)
    elif digits.startswith("0"):
        v = int(digits, 8) if len(digits) > 1 else 0
    else:
        v = int(digits)
    v = -v if m.group(1) == "-" else v
    return max(LONG_MIN, min(LONG_MAX, v)), m.end()


def getword_conf2(text: str, pos: int = 0) -> tuple[str, int]:
    """ap_getword_conf2: like ap_getword_conf, plus `{...}` quoting with nested braces."""
    from ..config.args import getword
    n = len(text)
    while pos < n and text[pos] in " \t\n\v\f\r":
        pos += 1
    if pos >= n:
        return "", n
    if text[pos] in "\"'":
        return getword(text, pos)
    if text[pos] == "{":
        end, count = pos + 1, 1
        while end < n:
            if text[end] == "}":
                count -= 1
                if not count:
                    break
            if text[end] == "{":
                count += 1
            if text[end] == "\\" and text[end + 1:end + 2] == "\\":
                end += 1
            end += 1
        word = text[pos + 1:end].replace("\\\\", "\\")
        if end < n and text[end] == "}":
            end += 1
    else:
        end = pos
        while end < n and text[end] not in " \t\n\v\f\r":
            end += 1
        word = text[pos:end].replace("\\\\", "\\")
    while end < n and text[end] in " \t\n\v\f\r":
        end += 1
    return word, end


def sockaddr_info_get(host: str) -> bool:
    """Whether apr_sockaddr_info_get(host, APR_UNSPEC) succeeds: a name or address that
    resolves, or (APR 1.7) a path starting with '/', taken as a unix socket."""
    import socket
    if host.startswith("/"):
        return True
    try:
        socket.getaddrinfo(host, None)
        return True
    except (OSError, UnicodeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# apr_ipsubnet_create

APR_EINVAL = "Invalid argument"
APR_EBADIP = "The specified IP address is invalid."
APR_EBADMASK = "The specified network mask is invalid."


def inet_pton4(s: str) -> int | None:
    """APR's inet_pton4: four dotted decimal octets (leading zeros allowed)."""
    octets, saw_digit, cur, parts = 0, False, 0, []
    for ch in s:
        if "0" <= ch <= "9":
            cur = cur * 10 + ord(ch) - 48
            if cur > 255:
                return None
            if not saw_digit:
                octets += 1
                if octets > 4:
                    return None
                saw_digit = True
        elif ch == "." and saw_digit:
            if octets == 4:
                return None
            parts.append(cur)
            cur, saw_digit = 0, False
        else:
            return None
    if octets < 4:
        return None
    parts.append(cur)
    v = 0
    for p in parts:
        v = (v << 8) | p
    return v


def inet_pton6(s: str) -> int | None:
    """APR's inet_pton6 (BIND's): hex groups, one '::', an optional dotted IPv4 tail."""
    import ipaddress
    if not s or any(c not in "0123456789abcdefABCDEF:." for c in s):
        return None
    try:
        return int(ipaddress.IPv6Address(s))
    except ValueError:
        return None


def _looks_like_ip(s: str) -> bool:
    if not s:
        return False
    if ":" in s:
        return True
    return all(c == "." or "0" <= c <= "9" for c in s)


def ipsubnet_create(ipstr: str, mask: str | None) -> tuple[tuple[int, int, int] | None, str | None]:
    """apr_ipsubnet_create: ((family, network, mask), None) or (None, apr_strerror text)."""
    if not _looks_like_ip(ipstr):
        return None, APR_EINVAL
    v6 = inet_pton6(ipstr)
    if v6 is not None:
        if v6 >> 32 == 0xFFFF:      # IPv4-mapped addresses are refused
            return None, APR_EBADIP
        fam, sub, full = 6, v6, (1 << 128) - 1
    else:
        v4 = inet_pton4(ipstr)
        if v4 is not None:
            fam, sub, full = 4, v4, 0xFFFFFFFF
        elif mask is not None:
            return None, APR_EBADIP
        else:
            return _parse_network(ipstr)
    msk = full
    if mask is not None:
        maxbits = 128 if fam == 6 else 32
        bits, end, _ = strtol(mask)
        if end == len(mask) and mask and 0 < bits <= maxbits and end:
            msk = (full >> (maxbits - bits)) << (maxbits - bits)
        elif fam == 4 and inet_pton4(mask) is not None:
            msk = inet_pton4(mask)
        else:
            return None, APR_EBADMASK
    return (fam, sub & msk, msk), None


def _parse_network(s: str) -> tuple[tuple[int, int, int] | None, str | None]:
    """The legacy "a.b.c" network form: a.b.c.0/24."""
    if len(s) >= 16:
        return None, APR_EBADIP
    sub = msk = 0
    shift = 24
    pos = 0
    while pos < len(s):
        t = pos
        if not isdigit(s[t]):
            return None, APR_EBADIP
        while t < len(s) and isdigit(s[t]):
            t += 1
        num = s[pos:t]
        if t < len(s):
            if s[t] != ".":
                return None, APR_EBADIP
            t += 1
        if shift < 0:
            return None, APR_EBADIP
        octet = atoi(num)
        if octet < 0 or octet > 255:
            return None, APR_EBADIP
        sub |= octet << shift
        msk |= 0xFF << shift
        pos = t
        shift -= 8
    return (4, sub, msk), None


_FLOAT_START = re.compile(r"[ \t\n\v\f\r]*[+-]?(\d|\.\d|inf|nan)", re.I)


def scan_double(text: str) -> float | None:
    """sscanf(text, "%lg"): the value of the longest float prefix, None when there is none."""
    if not _FLOAT_START.match(text):
        return None
    m = re.match(r"[ \t\n\v\f\r]*([+-]?)(inf(inity)?|nan)", text, re.I)
    if m:
        return float(m.group(1) + m.group(2)[:3])
    return atof(text)


def strtoff(text: str) -> int | None:
    """apr_strtoff(&off, text, NULL, 10): the value, or None on overflow (junk is ignored)."""
    v, _, over = strtol(text)
    return None if over else v


def sockaddr_error(host: str) -> str | None:
    """None when apr_sockaddr_info_get(host) succeeds, else the status as httpd's logger
    prefixes it: "(EAI 2)Name or service not known"."""
    import socket
    if host.startswith("/"):
        return None
    try:
        socket.getaddrinfo(host, None)
        return None
    except socket.gaierror as e:
        return f"(EAI {abs(e.errno)}){e.strerror}"
    except (OSError, UnicodeError, ValueError):
        return "(EAI 2)Name or service not known"


def regcomp(pattern: str, icase: bool = False, extra: int = 0):
    """ap_pregcomp: (compiled pattern or None, ok).  PCRE constructs Python's engine cannot run
    still count as compiling (ok with None), since httpd accepts them."""
    import re as _re
    from ..expr.pcre import PcreError, PcreUnsupported, compile_pcre
    try:
        return compile_pcre(pattern, (_re.I if icase else 0) | extra), True
    except PcreUnsupported:
        return None, True
    except (PcreError, _re.error, RecursionError):
        return None, False


def parse_addr_port(text: str) -> tuple[str | None, str | None, int, bool]:
    """apr_parse_addr_port: (host, scope id, port (0 when absent), ok)."""
    i = len(text) - 1
    while i >= 0 and "0" <= text[i] <= "9":
        i -= 1
    if i < 0:
        port = atoi(text)
        return None, None, port, 1 <= port <= 65535
    last = len(text) - 1
    port = 0
    if text[i] == ":" and i < last:
        if i == 0:
            return None, None, 0, False
        port = atoi(text[i + 1:])
        if not 1 <= port <= 65535:
            return None, None, 0, False
        last = i - 1
    host = text[:last + 1]
    if text.startswith("["):
        end = host.find("]")
        if end < 0 or end != len(host) - 1:
            return None, None, 0, False
        scope = None
        pct = host.find("%")
        if pct >= 0:
            if pct == end - 1:
                return None, None, 0, False
            scope = host[pct + 1:end]
            addr = host[1:pct]
        else:
            addr = host[1:-1]
        if inet_pton6(addr) is None:
            return None, None, 0, False
        return addr, scope, port, True
    return host, None, port, True
