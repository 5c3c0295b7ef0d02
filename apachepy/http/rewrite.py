"""mod_rewrite's engine (modules/mappers/mod_rewrite.c): rules in server context run at
translate_name, rules in directory context (<Directory>, .htaccess) at fixups, where a local
result becomes an internal redirect through the "redirect-handler".

The configuration (rules, conditions, flags, maps) is compiled by apachepy/modules/rewrite.py.
Trace lines (LogLevel rewrite:traceN) are written in httpd's format, with its source lines.
"""
from __future__ import annotations

import os
import pwd
import grp
import random
import stat as st
import threading
import time

from ..log import escape, timestamp
from ..modules.rewrite import (COND_NOCASE, COND_NOTMATCH, COND_NOVARY, COND_ORNEXT, O, P_EXPR, P_FILE_DIR,
                               P_FILE_EXISTS, P_FILE_LINK, P_FILE_SIZE, P_FILE_XBIT, P_INT_EQ, P_INT_GE,
                               P_INT_GT, P_INT_LE, P_INT_LT, P_LU_FILE, P_LU_URL, P_STR_EQ, P_STR_GE, P_STR_GT,
                               P_STR_LE, P_STR_LT, R_CHAIN, R_DISCARDPATHINFO, R_END, R_ESCAPEBACKREF,
                               R_ESCAPECTLS, R_ESCAPENOPLUS, R_FORCEREDIRECT, R_IGNOREONSUBREQ, R_LASTRULE,
                               R_NEWROUND, R_NOESCAPE, R_NOSUB, R_NOTMATCH, R_PASSTHROUGH, R_PROXY, R_QSAPPEND,
                               R_QSDISCARD, R_QSLAST, R_QSNONE, R_STATUS, R_UNC, R_UNSAFE_ALLOW3F,
                               R_UNSAFE_PREFIX_STAT)
from .hooks import DECLINED, OK
from .request import (context_document_root, context_prefix, default_port, get_server_name, get_server_port,
                      http_scheme, internal_redirect)
from .uri import escape_uri

ACTION_NORMAL, ACTION_NOESCAPE, ACTION_STATUS, ACTION_STATUS_SET = 1, 2, 4, 8
RC_NOMATCH, RC_MATCH, RC_NOSUB, RC_STATUS_SET = 0, 1, 2, 3
REDIRECT_HANDLER = "redirect-handler"
FORCED_MIMETYPE = "rewrite-forced-mimetype"
FORCED_HANDLER = "rewrite-forced-handler"
END_NOTE = "rewrite:end"             # kept in the notes of the first request of a redirect chain
MAX_REG_MATCH = 10
MMN = "20120211:142"                 # MODULE_MAGIC_NUMBER of 2.4.71, for %{API_VERSION}

# -- trace logging -------------------------------------------------------------------------------

# source lines of 2.4.71's rewritelog() calls, by the line of the same call in the 2.4.x source
# read for this port (Debian's build is a later revision of the file)
_LINES = {5380: 5434, 2017: 2026, 2052: 2061, 2075: 2084, 2084: 2093, 1771: 1777, 1776: 1782, 1782: 1788, 1787: 1793, 1793: 1799, 1914: 1925, 4163: 4203, 4178: 4223}


def _src_line(line: int) -> int:
    hit = _LINES.get(line)
    if hit is not None:
        return hit
    if line < 1800:
        return line + 6
    if line < 2500:
        return line + 11
    if line < 4100:
        return line + 12
    if line <= 4360:
        return line + 49
    return line + 55


def rlog(r, level: int, perdir: str | None, line: int, text: str) -> None:
    """do_rewritelog: a traceN line with the client, the server and request ids."""
    if not _enabled(r, level):
        return
    redir = 0
    q = r
    while q.prev is not None:
        redir += 1
        q = q.prev
    user = "-" if r.user is None else (r.user or '""')
    msg = (f"{r.conn.remote_ip} - {user} [{get_server_name(r)}/sid#{id(r.server):x}][rid#{id(r):x}/"
           f"{'subreq' if r.main is not None else 'initial'}{f'/redir#{redir}' if redir else ''}]"
           f"{f' [perdir {perdir}]' if perdir is not None else ''} {text}")
    trace(r, level, f"mod_rewrite.c({_src_line(line)})", msg)


def _log_for(r):
    log = r.server.log if r.server is not None else None
    if log is None:
        return None
    dl = r.per_dir_config.log_level if r.per_dir_config is not None else None
    return log.for_dir(dl) if dl is not None else log


def _enabled(r, level: int) -> bool:
    log = _log_for(r)
    return log is not None and log.enabled("rewrite", f"trace{level}")


def trace(r, level: int, where: str, msg: str) -> None:
    """A rewrite:traceN line as ap_log_rerror writes it, with httpd's source location."""
    log = _log_for(r)
    if log is None or not log.enabled("rewrite", f"trace{level}"):
        return
    ref = r.headers_in.get("Referer")
    out = (f"[{timestamp()}] [rewrite:trace{level}] [pid {os.getpid()}:tid {threading.get_native_id()}] "
           f"{where}: [client {r.client()}] {escape(msg)}")
    if ref is not None:
        out += ", referer: " + escape(ref)
    log.target.write_line(out[:8190])


# -- URI helpers -----------------------------------------------------------------------------------

_SCHEMES = (("ajp://", 1), ("balancer://", 1), ("ftp://", 0), ("fcgi://", 1), ("gopher://", 0), ("http://", 1),
            ("https://", 1), ("h2://", 1), ("h2c://", 1), ("ldap://", 0), ("mailto:", 1), ("news:", 0),
            ("nntp://", 0), ("scgi://", 1), ("ws://", 1), ("wss://", 1))


def is_absolute_uri(uri: str) -> tuple[int, bool]:
    """(length of the scheme part, whether the scheme takes a query string); (0, False) if none."""
    if uri[:1] == "/" or len(uri) <= 5:
        return 0, False
    low = uri[:12].lower()
    for prefix, qs in _SCHEMES:
        if low.startswith(prefix):
            return len(prefix), bool(qs)
    if low.startswith("unix:"):
        return (7 if uri[5:7] == "//" else 5), True
    return 0, False


def _vchar_obstext(c: str) -> bool:
    o = ord(c)
    return 0x21 <= o <= 0x7e or o >= 0x80


def escape_backref(s: str, escapes: str | None, noescapes: str | None, flags: int) -> str:
    noplus = flags & R_ESCAPENOPLUS
    ctls = flags & R_ESCAPECTLS
    out = []
    for c in s:
        sel = (not _vchar_obstext(c)) if ctls else escapes is None
        if (sel or (escapes is not None and c in escapes)) and (noescapes is None or c not in noescapes):
            if (c.isascii() and c.isalnum()) or c == "_":
                out.append(c)
            elif c == " " and not noplus:
                out.append("+")
            else:
                out.append("%%%02x" % (ord(c) & 0xff))
        else:
            out.append(c)
    return "".join(out)


def escape_absolute_uri(uri: str, scheme: int) -> str | None:
    if not scheme or len(uri) < scheme:
        return None
    cp = scheme
    if uri[cp - 1] == "/":
        while cp < len(uri) and uri[cp] != "/":
            cp += 1
        if cp >= len(uri) or cp + 1 >= len(uri):
            return uri
        cp += 1
        if uri[:4].lower() == "ldap":
            tokens = uri[cp:].split("?", 4)
            return uri[:cp] + "?".join(escape_uri(t) for t in tokens)
    return uri[:cp] + escape_uri(uri[cp:])


def _unescape(s: str) -> str:
    """ap_unescape_url for int:unescape (a bad %-sequence leaves the key as it is so far)."""
    from .uri import unescape_url
    out, _ = unescape_url(s, forbid_slashes=False)
    return out


# -- the per-request context --------------------------------------------------------------------------

class Backrefs:
    __slots__ = ("source", "spans")

    def __init__(self):
        self.source = None
        self.spans: list = []

    def set_match(self, source: str, m) -> None:
        self.source = source
        self.spans = [m.span(i) for i in range(min(MAX_REG_MATCH, m.re.groups + 1))]

    def group(self, n: int) -> str | None:
        if self.source is None or n >= len(self.spans):
            return None
        s, e = self.spans[n]
        return self.source[s:e] if e > s else None


class Ctx:
    __slots__ = ("r", "uri", "vary_this", "vary", "perdir", "rr", "rc")

    def __init__(self, r, perdir):
        self.r = r
        self.uri = None
        self.vary_this = None
        self.vary = None
        self.perdir = perdir
        self.rr = Backrefs()
        self.rc = Backrefs()


def _dconf(r):
    return getattr(r.per_dir_config, "rewrite", None)


# -- variables ------------------------------------------------------------------------------------------

def lookup_header(name: str, ctx: Ctx) -> str | None:
    val = ctx.r.headers_in.get(name)
    if val is not None and name.lower() != "host":
        ctx.vary_this = f"{ctx.vary_this}, {name}" if ctx.vary_this else name
    return val


def _la_u(ctx: Ctx) -> str:
    if ctx.uri.startswith("/"):
        return ctx.uri
    d = _dconf(ctx.r)
    return (d.baseurl or d.directory) + ctx.uri


def _subreq_ok(r) -> bool:
    return r.main is None or (r.main.uri and r.uri and r.main.uri != r.uri)


def _lookahead(var: str, ctx: Ctx, file_based: bool) -> str | None:
    from .request import sub_req_lookup_uri
    r = ctx.r
    if not (ctx.uri and _subreq_ok(r)):
        return None
    path = ctx.uri
    if not file_based:
        path = _la_u(ctx) if ctx.perdir else ctx.uri
        rr = sub_req_lookup_uri(path, r)
    elif ctx.perdir and path.startswith("/"):
        rr = sub_req_lookup_uri(path, r)
    else:
        if ctx.perdir:
            path = _dconf(r).directory + path
        rr = _sub_req_lookup_file(path, r)
    ctx.r = rr
    result = lookup_variable(var, ctx)
    ctx.r = r
    rlog(r, 5, ctx.perdir, 2017 if not file_based else 2052, f"lookahead: path={path} var={var} -> val={result}")
    return result


def _sub_req_lookup_file(path: str, r):
    """ap_sub_req_lookup_file for an absolute path."""
    from .request import file_lookup, make_sub_request
    from .uri import uri_parse
    rn = make_sub_request(r)
    rn.uri = "INTERNALLY GENERATED file-relative req"
    rn.parsed_uri = uri_parse(rn.uri)
    rn.filename = path
    rc = file_lookup(rn)
    if rc:
        rn.status = rc
    return rn


def lookup_variable(var: str, ctx: Ctx) -> str:
    r = ctx.r
    if len(var) < 4:
        return ""
    result = None
    if var[3:4] == ":":
        if len(var) > 4 and var[:3].upper() == "ENV":
            name = var[4:]
            result = r.notes.get(name)
            if result is None:
                result = r.subprocess_env.get(name)
            if result is None:
                result = os.environ.get(name)
        elif len(var) > 4 and var[:3].upper() == "SSL":
            from .exprctx import RequestContext
            result = RequestContext(r).var("SSL_" + var[4:]) if var[4:] else None
            if "ssl_module" not in r.site.loaded_modules:
                result = None
    elif var[4:5] == ":":
        if len(var) > 5:
            kind = var[:4].upper()
            if kind == "HTTP":
                result = lookup_header(var[5:], ctx)
            elif kind in ("LA-U", "LA-F"):
                res = _lookahead(var[5:], ctx, kind == "LA-F")
                if res is not None:
                    return res
    else:
        result = _plain_variable(var.upper(), ctx)
    return "" if result is None else result


def _now():
    return time.localtime()


def _plain_variable(var: str, ctx: Ctx):
    r = ctx.r
    if var == "TIME":
        result = time.strftime("%Y%m%d%H%M%S", _now())
        rlog(r, 1, ctx.perdir, 2075, f"RESULT='{result}'")
        return result
    if var == "IPV6":
        flag = ":" in r.conn.remote_ip
        rlog(r, 1, ctx.perdir, 2084, f"IPV6='{'on' if flag else 'off'}'")
        return "on" if flag else "off"
    if var == "HTTPS":
        return "on" if getattr(r.conn, "is_tls", False) else "off"
    t = {"TIME_DAY": "%d", "TIME_SEC": "%S", "TIME_MIN": "%M", "TIME_MON": "%m", "TIME_YEAR": "%Y",
         "TIME_HOUR": "%H"}.get(var)
    if t is not None:
        return time.strftime(t, _now())
    if var == "TIME_WDAY":
        return str((_now().tm_wday + 1) % 7)
    if var == "IS_SUBREQ":
        return "true" if r.main is not None else "false"
    if var == "PATH_INFO":
        return r.path_info
    if var == "AUTH_TYPE":
        return r.ap_auth_type
    if var == "HTTP_HOST":
        return lookup_header("Host", ctx)
    if var == "SERVER_NAME":
        name = get_server_name(r)
        return f"[{name}]" if ":" in name else name
    if var in ("REMOTE_ADDR", "CONN_REMOTE_ADDR", "REMOTE_HOST"):
        return r.conn.remote_ip
    if var == "SERVER_ADDR":
        return r.conn.local_ip
    if var == "THE_REQUEST":
        return r.the_request
    if var == "API_VERSION":
        return MMN
    if var == "SERVER_PORT":
        return str(get_server_port(r))
    if var == "REMOTE_PORT":
        return str(r.conn.remote_port)
    if var == "REMOTE_USER":
        return r.user
    if var in ("SCRIPT_USER", "SCRIPT_GROUP"):
        if r.finfo is None:
            return "<unknown>"
        try:
            if var == "SCRIPT_USER":
                return pwd.getpwuid(r.finfo.st_uid).pw_name
            return grp.getgrgid(r.finfo.st_gid).gr_name
        except KeyError:
            return "<unknown>"
    if var == "REQUEST_URI":
        return r.uri
    if var == "REMOTE_IDENT":
        return None
    if var == "QUERY_STRING":
        return r.args
    if var == "SERVER_ADMIN":
        return r.server.server_admin
    if var == "DOCUMENT_ROOT":
        return r.server.document_root
    if var == "CONTEXT_PREFIX":
        return context_prefix(r)
    if var == "CONTEXT_DOCUMENT_ROOT":
        return context_document_root(r)
    if var == "REQUEST_METHOD":
        return r.method
    if var == "REQUEST_SCHEME":
        return http_scheme(r)
    if var in ("SCRIPT_FILENAME", "REQUEST_FILENAME"):
        return r.filename
    if var == "SERVER_PROTOCOL":
        return r.protocol
    if var == "SERVER_SOFTWARE":
        return r.site.banner
    hdr = {"HTTP_ACCEPT": "Accept", "HTTP_COOKIE": "Cookie", "HTTP_REFERER": "Referer",
           "HTTP_FORWARDED": "Forwarded", "HTTP_USER_AGENT": "User-Agent",
           "HTTP_PROXY_CONNECTION": "Proxy-Connection"}.get(var)
    if hdr is not None:
        return lookup_header(hdr, ctx)
    return None


# -- expansion ----------------------------------------------------------------------------------------------

def _closing_curly(s: str, i: int) -> int:
    depth = 1
    while i < len(s):
        c = s[i]
        if c == "}":
            depth -= 1
            if depth == 0:
                return i
        elif c == "{":
            depth += 1
        i += 1
    return -1


def _char_in_curlies(s: str, i: int, ch: str) -> int:
    depth = 1
    while i < len(s):
        c = s[i]
        if c == ch and depth == 1:
            return i
        if c == "}":
            depth -= 1
            if depth == 0:
                return -1
        elif c == "{":
            depth += 1
        i += 1
    return -1


def do_expand(inp: str, ctx: Ctx, rule=None, track_qmark: bool = False) -> tuple[str, int]:
    """(expansion, unsafe_qmark): -1 no '?', 0 the deciding '?' is literal, 1 it came from an
    expansion (the first '?', or the last one with [QSL])."""
    qsl = rule is not None and rule.flags & R_QSLAST
    state = -1
    tracking = track_qmark
    out = []
    i, n = 0, len(inp)
    while i < n:
        c = inp[i]
        if c not in "\\$%":
            j = i
            while j < n and inp[j] not in "\\$%":
                j += 1
            seg = inp[i:j]
            if tracking and "?" in seg:
                state = 0
                if not qsl:
                    tracking = False
            out.append(seg)
            i = j
            continue
        piece = None        # text of an expansion (subject to the '?' check)
        if c == "\\":
            if i + 1 >= n:
                out.append(c)
                break
            out.append(inp[i + 1])
            i += 2
            continue
        nxt = inp[i + 1] if i + 1 < n else ""
        if nxt == "{":
            end = _closing_curly(inp, i + 2)
            if end < 0:
                out.append(inp[i:i + 2])
                i += 2
                continue
            if c == "%":
                piece = lookup_variable(inp[i + 2:end], ctx)
                i = end + 1
            else:
                k = _char_in_curlies(inp, i + 2, ":")
                if k < 0:
                    out.append(inp[i:i + 2])
                    i += 2
                    continue
                inner = inp[i + 2:end]
                name = inner[:k - i - 2]
                rest = inner[k - i - 1:]
                d = _char_in_curlies(rest + "}", 0, "|")
                key, dflt = (rest[:d], rest[d + 1:]) if d >= 0 else (rest, None)
                val = lookup_map(ctx.r, name, do_expand(key, ctx, rule)[0])
                if val is None and dflt:
                    val = do_expand(dflt, ctx, rule)[0]
                piece = val or ""
                i = end + 1
        elif nxt.isdigit() and nxt.isascii():
            num = int(nxt)
            refs = ctx.rr if c == "$" else ctx.rc
            v = refs.group(num)
            if v is not None:
                if rule is not None and rule.flags & R_ESCAPEBACKREF:
                    esc = escape_backref(v, rule.escapes, rule.noescapes, rule.flags)
                    rlog(ctx.r, 5, ctx.perdir, 2592, f"escaping backreference '{v}' to '{esc}'")
                    v = esc
                piece = v
            i += 2
            if piece is None:
                continue
        else:
            out.append(c)
            i += 1
            continue
        out.append(piece)
        if tracking and "?" in piece:
            state = 1
            if not qsl:
                tracking = False
    return "".join(out), state


def lookup_map(r, name: str, key: str) -> str | None:
    conf = r.server.mod.get("rewrite")
    m = conf.maps.get(name) if conf is not None else None
    if m is None:
        return None
    if m.kind in ("txt", "rnd"):
        try:
            mtime = os.stat(m.datafile).st_mtime_ns
        except OSError as e:
            r.log_error("rewrite", "error", f"AH00661: mod_rewrite: can't access text RewriteMap file "
                        f"{m.datafile}", err=e.errno)
            return None
        value = _cache_get(r, name, mtime, key)
        if value is None:
            rlog(r, 6, None, 1771, "cache lookup FAILED, forcing new map lookup")
            value = _txt_lookup(r, m.datafile, key)
            if value is None:
                rlog(r, 5, None, 1776, f"map lookup FAILED: map={name}[txt] key={key}")
                _cache_set(r, name, mtime, key, "")
                return None
            rlog(r, 5, None, 1782, f"map lookup OK: map={name}[txt] key={key} -> val={value}")
            _cache_set(r, name, mtime, key, value)
        else:
            rlog(r, 5, None, 1787, f"cache lookup OK: map={name}[txt] key={key} -> val={value}")
        if m.kind == "rnd" and value:
            parts = value.split("|")
            value = parts[random.randrange(len(parts))]
            rlog(r, 5, None, 1793, f"randomly chosen the subvalue `{value}'")
        return value or None
    if m.kind == "int":
        value = {"toupper": str.upper, "tolower": str.lower, "escape": escape_uri,
                 "unescape": _unescape}[m.func](key) if m.func in ("escape", "unescape") else \
            "".join(ch.upper() if m.func == "toupper" and ch.isascii() else
                    ch.lower() if ch.isascii() else ch for ch in key)
        if m.func != "escape":
            key = value             # (httpd's functions change the key in place)
        rlog(r, 5, None, 1914, f"map lookup OK: map={name} key={key} -> val={value}")
        return value
    return None         # dbm/dbd/prg maps are not served (refused at startup)


_CACHE: dict = {}
_CACHE_LOCK = threading.Lock()


def _cache_get(r, name, mtime, key):
    with _CACHE_LOCK:
        ent = _CACHE.get((id(r.server), name))
        if ent is None or ent[0] != mtime:
            return None
        return ent[1].get(key)


def _cache_set(r, name, mtime, key, value):
    with _CACHE_LOCK:
        ent = _CACHE.get((id(r.server), name))
        if ent is None or ent[0] != mtime:
            ent = _CACHE[(id(r.server), name)] = (mtime, {})
        ent[1][key] = value


def _txt_lookup(r, path: str, key: str) -> str | None:
    try:
        f = open(path, "rb")
    except OSError as e:
        r.log_error("rewrite", "error", f"AH00655: mod_rewrite: can't open text RewriteMap file {path}", err=e.errno)
        return None
    with f:
        for raw in f:
            line = raw[:1024].decode("latin-1")
            if not line or line[0] == "#" or line[0].isspace():
                continue
            words = line.split(None, 2)
            if len(words) < 2 or words[0] != key:
                continue
            return words[1]
    return None


def _expand_env(rule, ctx: Ctx) -> None:
    for item in rule.env:
        name = do_expand(item, ctx)[0]
        if name.startswith("!"):
            ctx.r.subprocess_env.unset(name[1:])
            rlog(ctx.r, 5, None, 2697, f"unsetting env variable '{name[1:]}'")
        else:
            name, _, val = name.partition(":")
            ctx.r.subprocess_env.set(name, val)
            rlog(ctx.r, 5, None, 2707, f"setting env variable '{name}' to '{val}'")


_DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _add_cookie(r, s: str) -> None:
    sep = ":"
    if s.startswith(";"):
        sep, s = ";", s[1:]
    toks = [t for t in s.split(sep) if t]      # apr_strtok skips empty tokens
    if len(toks) < 3:
        return
    var, val, domain = toks[0], toks[1], toks[2]
    rmain = r
    while rmain.main is not None:
        rmain = rmain.main
    pool = rmain.initial()
    note = f"rewrite:cookie:{var}"
    if pool.notes.get(note) is not None:
        rlog(rmain, 5, None, 2816, f"skipping already set cookie '{var}'")
        return
    expires, path, secure, httponly, samesite = (toks[3:] + [None] * 5)[:5]
    exp_time = None
    if expires:
        import re
        m = re.match(r"\s*([+-]?\d+)", expires)
        mins = int(m.group(1)) if m else 0
        if mins:
            t = time.gmtime(r.request_time + 60 * mins)
            exp_time = (f"{_DAYS[(t.tm_wday + 1) % 7]}, {t.tm_mday:02d}-{_MONTHS[t.tm_mon - 1]}-{t.tm_year:04d} "
                        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} GMT")
    cookie = f"{var}={val}; path={path or '/'}; domain={domain}"
    if expires is not None and exp_time:
        cookie += "; expires=" + exp_time
    if secure is not None and (secure.lower() in ("true", "secure") or secure == "1"):
        cookie += "; secure"
    if httponly is not None and (httponly.lower() in ("true", "httponly") or httponly == "1"):
        cookie += "; HttpOnly"
    if samesite is not None and samesite != "0" and samesite.lower() != "false":
        cookie += "; SameSite=" + samesite
    rmain.err_headers_out.add("Set-Cookie", cookie)
    pool.notes.set(note, "set")
    rlog(rmain, 5, None, 2813, f"setting cookie '{cookie}'")


# -- conditions and rules --------------------------------------------------------------------------------

def _strcasecmp(a: str, b: str) -> int:
    a, b = a.lower(), b.lower()
    return (a > b) - (a < b)


def _lexico(a: str, b: str) -> int:
    if len(a) != len(b):
        return 1 if len(a) > len(b) else -1
    return (a > b) - (a < b)


def _atoi(s: str) -> int:
    import re
    m = re.match(r"\s*([+-]?\d+)", s)
    return int(m.group(1)) if m else 0


def _stat(path: str, follow: bool = True):
    try:
        return os.stat(path) if follow else os.lstat(path)
    except (OSError, ValueError):
        return None


def apply_cond(c, ctx: Ctx) -> bool:
    r = ctx.r
    inp = do_expand(c.input, ctx)[0] if c.ptype != P_EXPR else None
    t = c.ptype
    rc = False
    if t == P_FILE_EXISTS:
        sb = _stat(inp)
        rc = sb is not None and st.S_ISREG(sb.st_mode)
    elif t == P_FILE_SIZE:
        sb = _stat(inp)
        rc = sb is not None and st.S_ISREG(sb.st_mode) and sb.st_size > 0
    elif t == P_FILE_LINK:
        sb = _stat(inp, False)
        rc = sb is not None and st.S_ISLNK(sb.st_mode)
    elif t == P_FILE_DIR:
        sb = _stat(inp)
        rc = sb is not None and st.S_ISDIR(sb.st_mode)
    elif t == P_FILE_XBIT:
        sb = _stat(inp)
        rc = sb is not None and bool(sb.st_mode & 0o111)
    elif t == P_LU_URL:
        if inp and _subreq_ok(r):
            from .request import sub_req_lookup_uri
            rsub = sub_req_lookup_uri(inp, r)
            rc = rsub.status < 400
            rlog(r, 5, None, 4163, f"RewriteCond URI (-U check: path={inp} -> status={rsub.status}")
    elif t == P_LU_FILE:
        if inp and _subreq_ok(r):
            rsub = _sub_req_lookup_file(inp, r)
            rc = rsub.status < 300 and _stat(rsub.filename) is not None
            rlog(r, 5, None, 4178, f"RewriteCond file (-F check: path={inp} -> file={rsub.filename} "
                 f"status={rsub.status}")
    elif t in (P_STR_GE, P_STR_GT):
        cmp = _strcasecmp(inp, c.arg) if c.flags & COND_NOCASE else _lexico(inp, c.arg)
        rc = cmp >= (0 if t == P_STR_GE else 1)
    elif t in (P_STR_LE, P_STR_LT):
        cmp = _strcasecmp(inp, c.arg) if c.flags & COND_NOCASE else _lexico(inp, c.arg)
        rc = cmp <= (0 if t == P_STR_LE else -1)
    elif t == P_STR_EQ:
        rc = inp.lower() == c.arg.lower() if c.flags & COND_NOCASE else inp == c.arg
    elif t in (P_INT_GE, P_INT_GT, P_INT_LE, P_INT_LT, P_INT_EQ):
        a, b = _atoi(inp), _atoi(c.arg)
        rc = {P_INT_GE: a >= b, P_INT_GT: a > b, P_INT_LE: a <= b, P_INT_LT: a < b, P_INT_EQ: a == b}[t]
    elif t == P_EXPR:
        from ..expr import Captures, ExprEvalError
        from .exprctx import RequestContext
        cap = Captures(MAX_REG_MATCH)
        try:
            rc = bool(c.expr.evaluate(RequestContext(r), cap))
        except ExprEvalError as e:
            r.log_error("rewrite", "error", f"Evaluation of expression from {c.where[0]}:{c.where[1]} failed: {e}")
            rlog(r, 1, ctx.perdir, 4238, f"RewriteCond: expr='{c.pattern}' evaluation failed: {e}")
            rc = False
        else:
            trace(r, 4, "util_expr_eval.c(869)",
                  f"Evaluation of expression from {c.where[0]}:{c.where[1]} gave: {int(rc)}")
        if rc and not c.flags & COND_NOTMATCH:
            ctx.rc.source = cap.source
            ctx.rc.spans = list(cap.spans)
        inp = None
    else:
        m = c.regex.search(inp)
        rc = m is not None
        if rc and not c.flags & COND_NOTMATCH:
            ctx.rc.set_match(inp, m)
    if c.flags & COND_NOTMATCH:
        rc = not rc
    rlog(r, 4, ctx.perdir, 4265, f"RewriteCond: input='{inp if inp is not None else '(null)'}' pattern='{c.pattern}'"
         f"{' [NC]' if c.flags & COND_NOCASE else ''} => {'matched' if rc else 'not-matched'}")
    return rc


def _force_type_handler(rule, ctx: Ctx) -> None:
    r = ctx.r
    if rule.mimetype:
        v = do_expand(rule.mimetype, ctx, rule)[0]
        if v:
            v = v.lower()
            rlog(r, 2, ctx.perdir, 4285, f"remember {r.filename} to have MIME-type '{v}'")
            r.notes.set(FORCED_MIMETYPE, v)
    if rule.handler:
        v = do_expand(rule.handler, ctx, rule)[0]
        if v:
            v = v.lower()
            rlog(r, 2, ctx.perdir, 4299, f"remember {r.filename} to have Content-handler '{v}'")
            r.notes.set(FORCED_HANDLER, v)


def splitout_queryargs(r, flags: int) -> None:
    if flags & R_QSNONE:
        rlog(r, 2, None, 840, "discarding query string, no parse from substitution")
        r.args = None
        return
    skip, qs = is_absolute_uri(r.filename)
    if skip and not qs:
        r.args = None
        return
    if flags & R_QSDISCARD:
        r.args = None
        rlog(r, 2, None, 856, "discarding query string")
    fn = r.filename
    q = fn.rfind("?", skip) if flags & R_QSLAST else fn.find("?", skip)
    if q >= 0:
        olduri = fn
        r.filename = fn[:q]
        rest = fn[q + 1:]
        if flags & R_QSAPPEND:
            if rest:
                r.args = rest + "&" + (r.args or "")
        else:
            r.args = rest
        if r.args is not None:
            if not r.args:
                r.args = None
            elif r.args.endswith("&"):
                r.args = r.args[:-1]
        rlog(r, 3, None, 887, f"split uri={olduri} -> uri={r.filename}, args={r.args if r.args is not None else '<none>'}")


def matches_request_vhost(r, host: str, port: int) -> bool:
    """ap_matches_request_vhost."""
    s = r.server
    addrs = s.model.addrs if s.is_virtual else []
    for a in addrs:
        if (not a.port or port == a.port) and host.lower() == (a.host or "").lower():
            return True
    if not s.is_virtual and host == "" and True:
        return True
    if port != s.port:
        return False
    return s.matches_name(host)


def reduce_uri(r) -> None:
    scheme = http_scheme(r)
    fn = r.filename
    l = len(scheme)
    if not (len(fn) > l + 3 and fn[:l].lower() == scheme and fn[l:l + 3] == "://"):
        return
    rest = fn[l + 3:]
    i = 0
    while i < len(rest) and rest[i] not in "/:":
        i += 1
    host = rest[:i]
    if i < len(rest) and rest[i] == ":":
        j = i + 1
        while j < len(rest) and rest[j] != "/":
            j += 1
        port = _atoi(rest[i + 1:j]) & 0xffff
        url = rest[j:] or "/"
    elif i < len(rest):
        port = default_port(r)
        url = rest[i:]
    else:
        port = default_port(r)
        url = "/"
    if matches_request_vhost(r, host, port):
        rlog(r, 3, None, 948, f"reduce {fn} -> {url}")
        r.filename = url
        if not r.server.mod["rewrite"].options & O["legacyprefixdocroot"]:
            r.notes.set("mod_rewrite_uri_reduced", "true")


def fully_qualify_uri(r) -> None:
    from .request import M_CONNECT
    if r.method_number == M_CONNECT or is_absolute_uri(r.filename)[0]:
        return
    name = get_server_name(r)
    if ":" in name:
        name = f"[{name}]"
    port = get_server_port(r)
    p = "" if port == default_port(r) else f":{port}"
    r.filename = f"{http_scheme(r)}://{name}{p}{'' if r.filename.startswith('/') else '/'}{r.filename}"


def apply_rule(p, ctx: Ctx) -> int:
    r = ctx.r
    ctx.uri = r.filename
    prefix_added = False
    if ctx.perdir:
        if r.path_info:
            rlog(r, 3, ctx.perdir, 4338, f"add path info postfix: {ctx.uri} -> {ctx.uri}{r.path_info}")
            ctx.uri = ctx.uri + r.path_info
        if ctx.uri.startswith(ctx.perdir):
            rlog(r, 3, ctx.perdir, 4349, f"strip per-dir prefix: {ctx.uri} -> {ctx.uri[len(ctx.perdir):]}")
            ctx.uri = ctx.uri[len(ctx.perdir):]
    rlog(r, 3, ctx.perdir, 4358, f"applying pattern '{p.pattern}' to uri '{ctx.uri}'")
    m = p.regex.search(ctx.uri)
    if (m is not None) == bool(p.flags & R_NOTMATCH):
        return RC_NOMATCH
    ctx.vary_this = None
    ctx.rc.source = None
    if p.flags & R_NOTMATCH:
        ctx.rr.source = None
    else:
        ctx.rr.set_match(ctx.uri, m)
    conds = p.conds
    i = 0
    while i < len(conds):
        c = conds[i]
        rc = apply_cond(c, ctx)
        if c.flags & COND_NOVARY:
            ctx.vary_this = None
        if c.flags & COND_ORNEXT:
            if not rc:
                ctx.vary_this = None
                i += 1
                continue
            while i < len(conds) and conds[i].flags & COND_ORNEXT:
                i += 1
        elif not rc:
            return RC_NOMATCH
        if ctx.vary_this:
            ctx.vary = f"{ctx.vary}, {ctx.vary_this}" if ctx.vary else ctx.vary_this
            ctx.vary_this = None
        i += 1
    newuri = None
    if not p.flags & R_NOSUB:
        newuri, unsafe = do_expand(p.output, ctx, p, not p.flags & R_UNSAFE_ALLOW3F)
        rlog(r, 2, ctx.perdir, 4440, f"rewrite '{ctx.uri}' -> '{newuri}'")
        if unsafe > 0:
            r.log_error("rewrite", "error", "AH10508: Unsafe URL with %3f URL rewritten without UnsafeAllow3F")
            r.status = 403
            return RC_STATUS_SET
    _expand_env(p, ctx)
    for item in p.cookies:
        _add_cookie(r, do_expand(item, ctx)[0])
    if p.flags & R_NOSUB:
        _force_type_handler(p, ctx)
        if p.flags & R_STATUS:
            rlog(r, 2, ctx.perdir, 4461, f"forcing responsecode {p.status} for {r.filename}")
            r.status = p.status
        return RC_NOSUB
    if not newuri.startswith("/") and not is_absolute_uri(newuri)[0]:
        if ctx.perdir:
            rlog(r, 3, ctx.perdir, 4479, f"add per-dir prefix: {newuri} -> {ctx.perdir}{newuri}")
            newuri = ctx.perdir + newuri
            prefix_added = True
        elif not p.flags & (R_PROXY | R_FORCEREDIRECT):
            rlog(r, 3, ctx.perdir, 4493, f"add root prefix: {newuri} -> /{newuri}")
            newuri = "/" + newuri
            prefix_added = True
    r.filename = newuri
    if ctx.perdir and p.flags & R_DISCARDPATHINFO:
        r.path_info = None
    splitout_queryargs(r, p.flags)
    if p.flags & R_PROXY:
        fully_qualify_uri(r)
        rlog(r, 2, ctx.perdir, 4520, f"forcing proxy-throughput with {r.filename}")
        r.filename = "proxy:" + r.filename
        return RC_MATCH
    if p.flags & R_FORCEREDIRECT:
        fully_qualify_uri(r)
        rlog(r, 2, ctx.perdir, 4535, f"explicitly forcing redirect with {r.filename}")
        r.status = p.status
        return RC_MATCH
    reduce_uri(r)
    if is_absolute_uri(r.filename)[0]:
        rlog(r, 2, ctx.perdir, 4557, f"implicitly forcing redirect (rc={p.status} with {r.filename}")
        r.status = p.status
        return RC_MATCH
    if not (p.flags & R_UNC or prefix_added):
        if not (p.output[:2] == "//"):
            while r.filename[:2] == "//":
                r.filename = r.filename[1:]
    _force_type_handler(p, ctx)
    return RC_MATCH


def apply_list(r, rules: list, perdir: str | None) -> tuple[int, object]:
    ctx = Ctx(r, perdir)
    lastsub = None
    changed = 0
    rounds = 1
    n = len(rules)
    i = 0
    while i < n:
        p = rules[i]
        if r.main is not None and p.flags & (R_IGNOREONSUBREQ | R_FORCEREDIRECT):
            i += 1
            continue
        ctx.vary = None
        rc = apply_rule(p, ctx)
        if rc == RC_NOMATCH:
            while i < n and rules[i].flags & R_CHAIN:
                i += 1
            i += 1
            continue
        if not p.flags & R_NOSUB:
            rlog(r, 2, perdir, 4633, f"setting lastsub to rule with output {p.output}")
            lastsub = p
        limit = 2 * r.server.limits.line
        if len(r.filename) > limit:
            r.log_error("rewrite", "error", f"RewriteRule '{p.pattern}' and URI '{r.uri}' exceeded maximum length "
                        f"({limit})")
            r.status = 500
            return ACTION_STATUS, lastsub
        if ctx.vary:
            r.headers_out.merge("Vary", ctx.vary)
        if rc == RC_STATUS_SET:
            return ACTION_STATUS_SET, lastsub
        if p.flags & R_STATUS:
            return ACTION_STATUS, lastsub
        if rc != RC_NOSUB:
            changed = ACTION_NOESCAPE if p.flags & R_NOESCAPE else ACTION_NORMAL
        if p.flags & R_PASSTHROUGH:
            rlog(r, 2, perdir, 4683, f"forcing '{r.filename}' to get passed through to next API URI-to-filename "
                 "handler")
            r.filename = "passthrough:" + r.filename
            changed = ACTION_NORMAL
            break
        if p.flags & R_END:
            rlog(r, 8, perdir, 4692, "Rule has END flag, no further rewriting for this request")
            r.initial().notes.set(END_NOTE, "1")
            break
        if p.flags & (R_PROXY | R_LASTRULE):
            break
        if p.flags & R_NEWROUND:
            rounds += 1
            if rounds >= p.maxrounds:
                r.log_error("rewrite", "error", f"AH02596: RewriteRule '{p.pattern}' and URI '{r.uri}' exceeded "
                            f"maximum number of rounds ({p.maxrounds}) via the [N] flag")
                r.status = 500
                return ACTION_STATUS, lastsub
            i = 0
            continue
        if p.skip > 0:
            i = min(i + p.skip, n)
        i += 1
    return changed, lastsub


# -- hooks ----------------------------------------------------------------------------------------------------

def _bad_args(args: str | None) -> bool:
    return args is not None and any(not _vchar_obstext(c) for c in args)


def _status_result(r, rulestatus: int):
    if rulestatus == ACTION_STATUS:
        n = r.status
        r.status = 200
        return n
    if rulestatus == ACTION_STATUS_SET:
        return r.status
    return None


def _proxy(r, rulestatus: int, perdir: str | None, aplogno: str, server_ctx: bool) -> int:
    # mod_proxy is not served by apachepy: a configuration loading it with [P] rules is refused at
    # startup (modules/rewrite.py), so this is the path without mod_proxy
    r.log_error("rewrite", "error", f"{aplogno}: attempt to make remote request from mod_rewrite without proxy "
                f"enabled: {r.filename}")
    return 403


def _redirect(r, rulestatus: int, oargs, skip: int, perdir: str | None) -> int:
    if rulestatus != ACTION_NOESCAPE:
        rlog(r, 1, perdir, 5062 if perdir is None else 5419, f"escaping {r.filename} for redirect")
        r.filename = escape_absolute_uri(r.filename, skip)
    if r.args is not None:
        noescape = rulestatus == ACTION_NOESCAPE or (oargs is not None and r.args == oargs)
        esc = r.args if noescape else escape_uri(r.args)
        r.filename = f"{r.filename}?{esc}"
        rlog(r, 1, perdir, 5080 if perdir is None else 5436,
             f"{'copying' if noescape else 'escaping'} {r.args} to query string for redirect "
             f"{'' if noescape else esc}")
    if 300 <= r.status <= 399:
        n = r.status
        r.status = 200
    else:
        n = 302
    r.headers_out.set("Location", r.filename)
    rlog(r, 1, perdir, 5097 if perdir is None else 5453, f"redirect to {r.filename} [REDIRECT/{n}]")
    return n


def hook_uri2file(r):
    dconf = _dconf(r)
    if dconf is None or not dconf.state:
        return DECLINED
    conf = r.server.mod.get("rewrite")
    if conf is None:
        return DECLINED
    if r.initial().notes.get(END_NOTE) is not None:
        rlog(r, 8, None, 4893, "Declining, no further rewriting due to END flag")
        return DECLINED
    if not dconf.options & O["allowanyuri"] and (r.unparsed_uri == "*" or not r.uri or r.uri[0] != "/"):
        rlog(r, 8, None, 4903, f"Declining, request-URI '{r.uri}' is not a URL-path. Consult the manual entry for "
             "the RewriteOptions directive for options and caveats about matching other strings.")
        return DECLINED
    oargs = r.args
    if r.main is None:
        var = r.subprocess_env.get("REDIRECT_SCRIPT_URL")
        r.subprocess_env.set("SCRIPT_URL", r.uri if var is None else var)
    else:
        var = r.main.subprocess_env.get("SCRIPT_URL")
        if var is not None:
            r.subprocess_env.set("SCRIPT_URL", var)
    name = get_server_name(r)
    if ":" in name:
        name = f"[{name}]"
    port = get_server_port(r)
    thisport = "" if port == default_port(r) else f":{port}"
    r.subprocess_env.set("SCRIPT_URI", f"{http_scheme(r)}://{name}{thisport}{r.subprocess_env.get('SCRIPT_URL') or ''}")
    lastsub = None
    saved = r.notes.get("mod_rewrite_rewritten")
    if saved is None:
        if r.filename is None:
            r.filename = r.uri
            rlog(r, 2, None, 4961, f"init rewrite engine with requested uri {r.filename}")
        else:
            rlog(r, 2, None, 4965, f"init rewrite engine with passed filename {r.filename}. Original uri = {r.uri}")
        rulestatus, lastsub = apply_list(r, conf.rules, None)
        r.notes.set("mod_rewrite_rewritten", str(rulestatus))
    else:
        rlog(r, 2, None, 4977, f"uri already rewritten. Status {saved}, Uri {r.uri}, r->filename {r.filename}")
        rulestatus = _atoi(saved)
    if not rulestatus:
        rlog(r, 1, None, 5189, f"pass through {r.filename}")
        return DECLINED
    fn = r.filename or ""
    skip = is_absolute_uri(fn)[0] if fn else 0
    to_proxy = len(fn) > 6 and fn.startswith("proxy:")
    will_escape = skip and rulestatus != ACTION_NOESCAPE
    if not will_escape and _bad_args(r.args):
        r.log_error("rewrite", "error", "AH10410: Rewritten query string contains control characters or spaces")
        return 403
    st_res = _status_result(r, rulestatus)
    if st_res is not None:
        return st_res
    if to_proxy:
        return _proxy(r, rulestatus, None, "AH00669", True)
    if skip > 0:
        return _redirect(r, rulestatus, oargs, skip, None)
    if len(fn) > 12 and fn.startswith("passthrough:"):
        r.uri = fn[12:]
        return DECLINED
    r.filename = _expand_tilde(r.filename)
    rlog(r, 2, None, 5122, f"local path result: {r.filename}")
    if not r.filename.startswith("/"):
        return 400
    reduced = None
    if not conf.options & O["legacyprefixdocroot"]:
        reduced = r.notes.get("mod_rewrite_uri_reduced")
    if not _prefix_stat(r, r.filename, None if conf.options & O["unsafeprefixstat"] else lastsub) \
            or reduced is not None:
        from ..modules.http_serving import core_translate
        tmp = r.uri
        r.uri = r.filename
        res = core_translate(r)
        r.uri = tmp
        if res != OK:
            rlog(r, 1, None, 5174, f"prefixing with document_root of {r.filename} FAILED")
            return res
        rlog(r, 2, None, 5180, f"prefixed with document_root to {r.filename}")
    rlog(r, 1, None, 5184, f"go-ahead with {r.filename} [OK]")
    return OK


def _expand_tilde(uri: str) -> str:
    if uri.startswith("/~"):
        end = uri.find("/", 2)
        user = uri[2:end] if end >= 0 else uri[2:]
        if user:
            try:
                home = pwd.getpwnam(user).pw_dir
            except KeyError:
                return uri
            if end >= 0:
                return (home[:-1] if home.endswith("/") else home) + uri[end:]
            return home
    return uri


def _starts(r, hay: str, needle: str) -> bool:
    rc = hay.startswith(needle)
    rlog(r, 5, None, 992, f"prefix_stat startsWith({hay}, {needle}) {int(rc)}")
    return rc


def _prefix_stat(r, path: str, lastsub) -> bool:
    if not path.startswith("/"):
        return False
    cur = path.lstrip("/")         # apr_filepath_root takes every leading slash
    first = cur.split("/", 1)[0]
    if first == "..":
        return False
    statpath = "/" + first
    if _stat(statpath) is None:
        return False
    if lastsub is None:
        rlog(r, 3, None, 1033, f"prefix_stat no lastsub subst prefix {statpath}")
        return True
    rlog(r, 3, None, 1037, f"prefix_stat compare statpath {statpath} and lastsub output {lastsub.output} STATOK "
         f"{lastsub.flags & R_UNSAFE_PREFIX_STAT} ")
    if lastsub.flags & R_UNSAFE_PREFIX_STAT:
        return True
    docroot = r.server.document_root
    return (_starts(r, lastsub.output, statpath) or _starts(r, path, docroot)
            or (r.context_document_root is not None and _starts(r, path, context_document_root(r))))


def subst_prefix_path(r, inp: str, match: str, subst: str) -> str:
    ln = len(match)
    if ln and match[-1] == "/":
        ln -= 1
    if inp[:ln] == match[:ln] and len(inp) > ln and inp[ln] == "/":
        ln += 1
        rlog(r, 5, None, 1081, f"strip matching prefix: {inp} -> {inp[ln:]}")
        s = subst if (not subst or subst.endswith("/")) else subst + "/"
        out = s + inp[ln:]
        rlog(r, 4, None, 1099, f"add subst prefix: {inp[ln:]} -> {out}")
        return out
    return inp


def hook_fixup(r):
    dconf = _dconf(r)
    if dconf is None or not dconf.state or dconf.directory is None:
        return DECLINED
    d = dconf.directory
    if not dconf.options & O["allownoslash"]:
        if r.filename is not None and r.filename == d[:-1]:
            return DECLINED
    if r.initial().notes.get(END_NOTE) is not None:
        rlog(r, 8, d, 5258, "Declining, no further rewriting due to END flag")
        return DECLINED
    from .conf import OPT_SYM_LINKS, OPT_SYM_OWNER
    if not r.per_dir_config.options[0] & (OPT_SYM_LINKS | OPT_SYM_OWNER):
        r.log_error("rewrite", "error", "AH00670: Options FollowSymLinks and SymLinksIfOwnerMatch are both off, so "
                    "the RewriteRule directive is also forbidden due to its similar ability to circumvent "
                    f"directory restrictions : {r.filename}")
        return 403
    ofilename, oargs = r.filename, r.args
    if r.filename is None:
        r.filename = r.uri
        rlog(r, 2, d, 5288, f"init rewrite engine with requested uri {r.filename}")
    rulestatus, lastsub = apply_list(r, dconf.rules, d)
    if not rulestatus:
        rlog(r, 1, d, 5561, f"pass through {r.filename}")
        r.filename = ofilename
        return DECLINED
    fn = r.filename
    skip = is_absolute_uri(fn)[0]
    to_proxy = len(fn) > 6 and fn.startswith("proxy:")
    will_escape = skip and rulestatus != ACTION_NOESCAPE
    if not will_escape and _bad_args(r.args):
        r.log_error("rewrite", "error", "AH10411: Rewritten query string contains control characters or spaces")
        return 403
    st_res = _status_result(r, rulestatus)
    if st_res is not None:
        return st_res
    if to_proxy:
        return _proxy(r, rulestatus, d, "AH10160", False)
    if skip > 0:
        if dconf.baseurl is not None:
            cp = fn.find("/", skip)
            if cp >= 0 and cp + 1 < len(fn):
                cp += 1
                rlog(r, 2, d, 5380, f"trying to replace prefix {d} with {dconf.baseurl}")
                tail = fn[cp:]
                cp2 = subst_prefix_path(r, tail, d[1:] if d.startswith("/") else d, dconf.baseurl[1:])
                if cp2 != tail:
                    r.filename = fn[:cp] + cp2
        return _redirect(r, rulestatus, oargs, skip, d)
    if len(fn) > 12 and fn.startswith("passthrough:"):
        r.filename = fn = fn[12:]
    if not fn.startswith("/"):
        return 400
    if ofilename is not None and fn == ofilename:
        rlog(r, 1, d, 5485, f"initial URL equal rewritten URL: {fn} [IGNORING REWRITE]")
        return OK
    replaced = False        # (httpd compares the pointers: any substitution counts)
    if dconf.baseurl is not None:
        rlog(r, 2, d, 5499, f"trying to replace prefix {d} with {dconf.baseurl}")
        r.filename = subst_prefix_path(r, fn, d, dconf.baseurl)
        replaced = r.filename is not fn
    else:
        root = r.server.document_root
        l = len(root) - 1 if root.endswith("/") else len(root)
        if r.filename[:l] == root[:l] and r.filename[l:l + 1] == "/":
            rlog(r, 2, d, 5520, f"strip document_root prefix: {r.filename} -> {r.filename[l:]}")
            r.filename = r.filename[l:]
            replaced = True
    if not replaced and not dconf.options & O["ignorecontextinfo"]:
        ccp = context_document_root(r)
        prefix = context_prefix(r)
        rlog(r, 2, d, 5541, f"trying to replace context docroot {ccp} with context prefix {prefix}")
        r.filename = subst_prefix_path(r, r.filename, ccp, prefix)
    r.notes.set("redirect-keeps-vary", "")
    rlog(r, 1, d, 5553, f"internal redirect with {r.filename} [INTERNAL REDIRECT]")
    r.filename = "redirect:" + r.filename
    r.handler = REDIRECT_HANDLER
    return OK


def hook_mimetype(r):
    t = r.notes.get(FORCED_MIMETYPE)
    if t:
        rlog(r, 1, None, 5578, f"force filename {r.filename} to have MIME-type '{t}'")
        r.content_type = t
    t = r.notes.get(FORCED_HANDLER)
    if t:
        rlog(r, 1, None, 5587, f"force filename {r.filename} to have the Content-handler '{t}'")
        r.handler = t
    return OK


def handler_redirect(r):
    if r.handler != REDIRECT_HANDLER or not (r.filename or "").startswith("redirect:"):
        return DECLINED
    internal_redirect(r.filename[9:] + (f"?{r.args}" if r.args is not None else ""), r)
    return OK
