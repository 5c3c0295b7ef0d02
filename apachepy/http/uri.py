"""URI helpers with httpd's exact rules: apr_uri_parse, ap_normalize_path, ap_unescape_url_ex,
ap_escape_uri / ap_escape_path_segment, ap_is_url, ap_escape_logitem."""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_HEX = frozenset("0123456789abcdefABCDEF")
_OS_PATH_OK = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789$-_.+!*'(),:;@&=/~")
_SEGMENT_OK = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789$-_.+!*'(),:@&=~")


@dataclass
class ParsedURI:
    scheme: str | None = None
    user: str | None = None
    password: str | None = None
    hostname: str | None = None
    port_str: str | None = None
    path: str | None = None
    query: str | None = None
    fragment: str | None = None
    ok: bool = True


_SCHEME = re.compile(r"[A-Za-z0-9+\-.]+:")


def uri_parse(uri: str) -> ParsedURI:
    """apr_uri_parse, the parts httpd looks at."""
    u = ParsedURI()
    s = uri
    if not s.startswith("/"):
        m = _SCHEME.match(s)
        if m and m.end() > 1:
            u.scheme = s[:m.end() - 1]
            s = s[m.end():]
            if s.startswith("//"):
                s = s[2:]
                end = len(s)
                for ch in "/?#":
                    i = s.find(ch)
                    if 0 <= i < end:
                        end = i
                hostinfo, s = s[:end], s[end:]
                if not _parse_hostinfo(hostinfo, u):
                    u.ok = False
                    return u
    # path ? query # fragment
    hi = s.find("#")
    if hi >= 0:
        u.fragment = s[hi + 1:]
        s = s[:hi]
    qi = s.find("?")
    if qi >= 0:
        u.query = s[qi + 1:]
        s = s[:qi]
    u.path = s if s else None
    return u


def _parse_hostinfo(hostinfo: str, u: ParsedURI) -> bool:
    at = hostinfo.rfind("@")
    if at >= 0:
        ui = hostinfo[:at]
        hostinfo = hostinfo[at + 1:]
        c = ui.find(":")
        if c >= 0:
            u.user, u.password = ui[:c], ui[c + 1:]
        else:
            u.user = ui
    if hostinfo.startswith("["):
        e = hostinfo.find("]")
        if e < 0:
            return False
        u.hostname = hostinfo[1:e]
        rest = hostinfo[e + 1:]
        if rest:
            if not rest.startswith(":"):
                return False
            u.port_str = rest[1:]
    else:
        c = hostinfo.rfind(":")
        if c >= 0:
            u.hostname = hostinfo[:c]
            u.port_str = hostinfo[c + 1:]
        else:
            u.hostname = hostinfo
    if u.port_str:
        if not u.port_str.isdigit() or int(u.port_str) > 65535:
            return False
    elif u.port_str == "":
        u.port_str = None
    return True


def normalize_path(path: str, merge_slashes: bool = True, decode_unreserved: bool = True,
                   not_above_root: bool = True, allow_relative: bool = False) -> tuple[str, bool]:
    """ap_normalize_path: (normalised path, ok).  ok is False for a bad %-escape or a
    `..` above the root when not_above_root is set."""
    if not path.startswith("/"):
        if path == "*":
            return path, True
        if not allow_relative or not path:
            return path, False
        out: list[str] = []
        l = 0
    else:
        out = ["/"]
        l = 1
    # Fast path: nothing to do for plain paths.
    if "%" not in path and "/." not in path and "//" not in path and l == 1 and not path.startswith("."):
        return path, True
    ret = True
    p = list(path)
    n_len = len(p)

    def at(i: int) -> str:
        return p[i] if i < n_len else "\0"

    while l < n_len:
        if decode_unreserved and p[l] == "%":
            if at(l + 1) in _HEX and at(l + 2) in _HEX:
                c = chr(int(p[l + 1] + p[l + 2], 16))
                if ord(c) in _UNRESERVED:
                    l += 2
                    p[l] = c
            else:
                ret = False
        if not out or out[-1] == "/":
            if merge_slashes and p[l] == "/":
                while l < n_len and p[l] == "/":
                    l += 1
                continue
            if p[l] == ".":
                if at(l + 1) in "/\0":
                    l += 1
                    if l < n_len:
                        l += 1
                    continue
                n = l + 1
                dots = False
                if at(n) == ".":
                    dots = True
                elif decode_unreserved and at(n) == "%":
                    n += 1
                    if at(n) == "2":
                        n += 1
                        if at(n) in "eE":
                            dots = True
                if dots and at(n + 1) in "/\0":
                    if len(out) > 1:
                        out.pop()
                        while out and out[-1] != "/":
                            out.pop()
                    else:
                        if not_above_root:
                            ret = False
                    l = n + 1
                    if l < n_len:
                        l += 1
                    continue
        out.append(p[l])
        l += 1
    return "".join(out), ret


def unescape_url(url: str, forbid_slashes: bool = True, keep_slashes: bool = False,
                 keep_unreserved: bool = True) -> tuple[str, int]:
    """ap_unescape_url_ex: (decoded, status) where status is 0, 400 (bad escape) or 404
    (an encoded NUL, or an encoded slash when forbidden)."""
    y = url.find("%")
    if y < 0:
        return url, 0
    out = [url[:y]]
    badesc = badpath = False
    n = len(url)
    while y < n:
        ch = url[y]
        if ch != "%":
            out.append(ch)
            y += 1
            continue
        if not (y + 2 < n and url[y + 1] in _HEX and url[y + 2] in _HEX):
            badesc = True
            out.append("%")
            y += 1
            continue
        decoded = chr(int(url[y + 1:y + 3], 16))
        if decoded == "\0" or (forbid_slashes and decoded == "/"):
            badpath = True
            out.append(decoded)
            y += 3
        elif (keep_unreserved and ord(decoded) in _UNRESERVED) or (keep_slashes and decoded == "/"):
            out.append(url[y:y + 3])
            y += 3
        else:
            out.append(decoded)
            y += 3
    res = "".join(out)
    if badesc:
        return res, 400
    if badpath:
        return res, 404
    return res, 0


def escape_uri(path: str) -> str:
    """ap_escape_uri (ap_os_escape_path with partial=1): %xx for unsafe bytes, lowercase hex."""
    if all(c in _OS_PATH_OK for c in path):
        return path
    out = []
    for b in path.encode("latin-1", "replace"):
        c = chr(b)
        out.append(c if c in _OS_PATH_OK else "%%%02x" % b)
    return "".join(out)


def escape_path_segment(seg: str) -> str:
    if all(c in _SEGMENT_OK for c in seg):
        return seg
    out = []
    for b in seg.encode("latin-1", "replace"):
        c = chr(b)
        out.append(c if c in _SEGMENT_OK else "%%%02x" % b)
    return "".join(out)


def is_url(u: str) -> bool:
    """ap_is_url: a scheme of alnum/+/-/. then ':'."""
    i = u.find(":")
    if i <= 0:
        return False
    return all(c.isascii() and (c.isalnum() or c in "+-.") for c in u[:i])


_LOGITEM_SAFE = re.compile(r'[^\x00-\x1f\x7f-\xff"\\]*')


def escape_logitem(s: str | None) -> str:
    """ap_escape_logitem: \\" \\\\ \\t \\n etc., other controls and 8-bit as \\xhh."""
    if s is None:
        return ""
    if _LOGITEM_SAFE.fullmatch(s):
        return s
    out = []
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\v":
            out.append("\\v")
        elif o < 0x20 or o >= 0x7f:
            out.append("\\x%02x" % (o & 0xFF))
        else:
            out.append(ch)
    return "".join(out)
