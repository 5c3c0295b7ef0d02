"""mod_log_config (+ mod_logio's %I/%O/%S): LogFormat, CustomLog, TransferLog, GlobalLog.

Formats are parsed once per Site into item lists; each request is logged with one write per
log line (O_APPEND), or with BufferedLogs On into a per-process buffer written in whole blocks
and flushed when the process ends, so nothing is lost on stop.  `|program` logs are piped logs
(apachepy/http/pipedlog.py).
"""
from __future__ import annotations

import functools
import os
import subprocess
import threading
import time

from ..http.hooks import hook
from ..http.exprctx import RequestContext
from ..http.request import get_server_name
from ..http.server import server_compiler
from ..http.uri import escape_logitem
from .base import handles, post_config

DEFAULT_LOG_FORMAT = '%h %l %u %t "%r" %>s %b'
LOG_KEY = "log_config:logs"           # CustomLog/TransferLog/GlobalLog in config order

# letter -> want_orig default (the handlers registered by mod_log_config and mod_logio)
ITEMS = {"h": 0, "a": 0, "A": 0, "l": 0, "u": 0, "t": 0, "f": 0, "b": 0, "B": 0, "i": 0, "o": 0, "n": 0,
         "L": 1, "e": 0, "V": 0, "v": 0, "p": 0, "P": 0, "H": 0, "m": 0, "q": 0, "X": 0, "C": 0, "k": 0,
         "r": 1, "D": 1, "T": 1, "U": 1, "s": 1, "R": 1, "I": 0, "O": 0, "S": 0, "^ti": 0, "^to": 0,
         "^FB": 0}


# letters other modules register with mod_log_config when they are loaded
MODULE_ITEMS = {"ssl_module": {"c": 0, "x": 0}}


class LogFormatError(Exception):
    pass


def parse_format(s: str, extra: dict | None = None) -> list[tuple]:
    """parse_log_string: [(func letter or None for a constant, arg, want_orig, conds, negate)];
    `extra` adds the letters of other loaded modules."""
    known = ITEMS if not extra else {**ITEMS, **extra}
    items: list[tuple] = []
    i = 0
    n = len(s)
    while i < n:
        if s[i] != "%":
            out = []
            while i < n and s[i] != "%":
                c = s[i]
                if c != "\\":
                    out.append(c)
                    i += 1
                    continue
                i += 1
                d = s[i] if i < n else ""
                if d == "\\":
                    out.append("\\")
                    i += 1
                elif d == "r":
                    out.append("\r")
                    i += 1
                elif d == "n":
                    out.append("\n")
                    i += 1
                elif d == "t":
                    out.append("\t")
                    i += 1
                else:
                    out.append("\\")
            items.append((None, "".join(out), 0, None, False))
            continue
        i += 1
        if i < n and s[i] == "%":
            items.append((None, "%", 0, None, False))
            i += 1
            continue
        sense = False
        want = -1
        arg = ""
        conds: list[int] | None = None
        while True:
            if i >= n:
                raise LogFormatError("Ran off end of LogFormat parsing args to some directive")
            c = s[i]
            if c == "!":
                sense = not sense
                i += 1
            elif c == "<":
                want = 1
                i += 1
            elif c == ">":
                want = 0
                i += 1
            elif c == ",":
                i += 1
            elif c == "{":
                j = s.find("}", i + 1)
                if j < 0:
                    arg = s[i + 1:]
                    i = n
                else:
                    arg = s[i + 1:j]
                    i = j + 1
            elif c.isdigit():
                j = i
                while j < n and s[j].isdigit():
                    j += 1
                conds = (conds or []) + [int(s[i:j])]
                i = j
            else:
                key = None
                if c == "^" and i + 2 < n and s[i:i + 3] in known:
                    key = s[i:i + 3]
                    i += 3
                elif c in known:
                    key = c
                    i += 1
                else:
                    raise LogFormatError(f"Unrecognized LogFormat directive %{c}")
                if want == -1:
                    want = known[key]
                items.append((key, arg, want, conds, sense))
                break
    items.append((None, "\n", 0, None, False))
    return items


def _extra_items(cmd) -> dict:
    out: dict = {}
    for mod, letters in MODULE_ITEMS.items():
        if cmd.reader.find_module(mod) is not None:
            out.update(letters)
    return out


@handles("LogFormat")
def log_format(cmd, fmt: str, name: str | None = None):
    try:
        parse_format(fmt, _extra_items(cmd))
    except LogFormatError as e:
        return str(e)
    cmd.store([fmt, name])
    return None


def _add_log(cmd, fn, fmt, envclause, inherit=False):
    cond = None
    if envclause is not None:
        if envclause[:4].lower() == "env=":
            if envclause[4:] in ("", "!"):
                return "missing environment variable name"
            cond = ("env", envclause[4:])
        elif envclause[:5].lower() == "expr=":
            if not envclause[5:]:
                return "missing condition"
            from ..expr import ExprError, parse
            try:
                cond = ("expr", parse(envclause[5:]))
            except ExprError as e:
                return str(e)
        else:
            return "error in condition clause"
    if fmt is not None:
        try:
            parse_format(fmt, _extra_items(cmd))
        except LogFormatError as e:
            return str(e)
    cmd.context.values.setdefault(LOG_KEY, []).append((fn, fmt, cond, inherit))
    cmd.config.values.setdefault("_log_files", []).append((cmd.server, fn, cmd.directive))
    return None


@post_config
def check_log_dirs(config, log, reader) -> None:
    """log_check_config: the directory of every access log file must exist (AH02297)."""
    from ..errors import FatalStartup
    entries = config.values.get("_log_files", [])
    by_server: dict[int, list] = {}
    for s, fn, node in entries:
        if not fn.startswith("|"):
            by_server.setdefault(id(s), []).append((fn, node))
    failed = False
    isdir = functools.lru_cache(maxsize=None)(os.path.isdir)
    # httpd walks the main server, then the virtual hosts last-defined first
    for server in [config.main] + list(reversed(config.vhosts)):
        for fn, node in by_server.get(id(server), ()):
            path = reader.server_root_relative(fn)
            d = path[:path.rfind("/") + 1] or "/"
            if not isdir(d):
                err = "(20)Not a directory" if os.path.exists(d.rstrip("/")) else "(2)No such file or directory"
                log.plain(f"{err}: AH02297: Cannot access directory '{d}' for log file '{fn}' defined at "
                          f"{node.file}:{node.line}")
                failed = True
    if failed:
        raise FatalStartup("AH00014: Configuration check failed")


@handles("CustomLog")
def custom_log(cmd, fn, fmt=None, envclause=None):
    return _add_log(cmd, fn, fmt, envclause)


@handles("GlobalLog")
def global_log(cmd, fn, fmt=None, envclause=None):
    err = cmd.check_context(0x01 | 0x02 | 0x04 | 0x08 | 0x10 | 0x40)
    if err:
        return err
    return _add_log(cmd, fn, fmt, envclause, inherit=True)


@handles("BufferedLogs")
def buffered_logs(cmd, flag):
    """A process-wide switch in httpd (a static set by each occurrence): the last one wins."""
    cmd.config.values["BufferedLogs"] = bool(flag)
    return None


@handles("TransferLog")
def transfer_log(cmd, fn):
    return _add_log(cmd, fn, None, None)


# httpd's LOG_BUFSIZE: PIPE_BUF, the largest write a pipe takes whole
LOG_BUFSIZE = 4096


class LogWriter:
    """One open access log (file or piped program), shared by the servers that log to it.

    With BufferedLogs On, entries collect in a LOG_BUFSIZE buffer of this process and are
    written whole-block when the next entry would not fit (an entry of LOG_BUFSIZE or more is
    written alone) and when the process ends (`close`, also with `flush_only`), as httpd's
    ap_buffered_log_writer and flush_all_logs do; entries are never split between writes."""

    def __init__(self, target: str, server_root: str = "/", buffered: bool = False):
        self.target = target
        self.server_root = server_root
        self.lock = threading.Lock()
        self.piped = None
        self.fd = None
        self.buf = bytearray() if buffered else None
        self.open()

    def open(self):
        t = self.target
        if t.startswith("|"):
            from ..http.pipedlog import PipedLog
            self.piped = PipedLog(t[1:], self.server_root)
            self.fd = self.piped.write_fd
        else:
            # 0666 less the umask, as httpd's apr_file_open(APR_OS_DEFAULT)
            self.fd = os.open(t, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o666)

    def write(self, data: bytes) -> int | None:
        """Write (or buffer) one entry; a failure (full disk, dead pipe) is returned as its
        errno so the caller can report it, and never stops the request or the server."""
        if self.fd is None:
            return None
        if self.buf is None:
            return self._write(data)
        with self.lock:
            err = None
            if len(data) + len(self.buf) > LOG_BUFSIZE:
                err = self._flush()
            if len(data) >= LOG_BUFSIZE:
                return self._write(data) or err
            self.buf += data
            return err

    def _write(self, data: bytes) -> int | None:
        fd = self.fd
        try:
            while data:                      # apr_file_write_full
                n = os.write(fd, data)
                data = data[n:]
        except OSError as e:
            return e.errno or 0
        return None

    def _flush(self) -> int | None:
        if not self.buf or self.fd is None:
            return None
        data = bytes(self.buf)
        self.buf.clear()
        return self._write(data)

    def reopen(self):
        if self.piped is None:
            with self.lock:
                self._flush()
                old = self.fd
                self.open()
            if old is not None:
                os.close(old)

    def close(self, flush_only: bool = False):
        if self.buf is not None:
            with self.lock:
                self._flush()
        if flush_only:
            return
        if self.piped is not None:
            self.piped.close()
            self.piped = None
        elif self.fd is not None:
            os.close(self.fd)
        self.fd = None


@server_compiler
def _logs(s, main, site):
    """Each server's logs (a vhost without CustomLog uses the main server's, GlobalLog always),
    its nickname table (the main server's names first) and default format."""
    writers = site.mod.setdefault("log_writers", {})
    if not site.mod.get("log_hooks_set"):
        site.mod["log_hooks_set"] = True
        site.closers.append(lambda flush_only=False: [w.close(flush_only) for w in writers.values()])
        site.reopeners.append(lambda: [w.reopen() for w in writers.values()])

    def formats_of(srv):
        names = {"CLF": DEFAULT_LOG_FORMAT}
        default = None
        for fmt, name in srv.model.conf.values.get("LogFormat", []):
            if name is None:
                default = fmt
            else:
                names[name] = fmt
        return names, default

    extra = {}
    for mod, letters in MODULE_ITEMS.items():
        if mod in site.loaded_modules:
            extra.update(letters)
    own_names, own_default = formats_of(s)
    if main is not None:
        mnames, mdefault = formats_of(main)
        names = dict(own_names)
        names.update(mnames)          # apr_table_overlay(base, add): the main server's entries win
        default = own_default if own_default is not None else mdefault
    else:
        names, default = own_names, own_default
    if default is not None and default in names:
        default = names[default]
    default_line = compile_format(parse_format(default if default is not None else DEFAULT_LOG_FORMAT, extra))

    buffered = bool(site.config.values.get("BufferedLogs"))

    def build(entries, srv_names):
        out = []
        for entry in entries:
            fn, fmt, cond, inherit = entry
            if fmt is None:
                line = default_line
            else:
                line = compile_format(parse_format(srv_names.get(fmt, fmt), extra))
            path = fn if fn.startswith("|") or fn.startswith("/") else os.path.join(site.server_root, fn)
            # files are opened once per path; every CustomLog "|program" starts its own program
            key = ("pipe", id(entry)) if fn.startswith("|") else path
            w = writers.get(key)
            if w is None:
                try:
                    w = LogWriter(path, site.server_root, buffered)
                except OSError as e:
                    if fn.startswith("|"):          # httpd cannot open its logs and exits
                        from ..http.pipedlog import parse_spec
                        raise RuntimeError(f"({e.errno}){os.strerror(e.errno or 0)}: AH00104: unable to start "
                                           f"piped log program '{parse_spec(fn[1:])[0]}'") from None
                    continue
                writers[key] = w
            out.append((w, line, cond, inherit))
        return out

    own = s.model.conf.values.get(LOG_KEY, [])
    if main is None:
        s.mod["logs"] = build(own, names)
        s.mod["server_logs"] = []
    else:
        s.mod["logs"] = build(own, names) if own else []
        main_logs = main.mod.get("logs", [])
        s.mod["server_logs"] = main_logs


def _bytes(n: int) -> str:
    return str(n)


def _status(r) -> str:
    return str(r.status)


def _time(r, arg: str, end_time: float) -> str:
    t = r.request_time
    fmt = arg
    kind = "custom"
    if fmt:
        if fmt.startswith("begin"):
            fmt = fmt[5:]
            if not fmt:
                kind = "clf"
            elif fmt.startswith(":"):
                fmt = fmt[1:]
        elif fmt.startswith("end"):
            fmt = fmt[3:]
            t = end_time
            if not fmt:
                kind = "clf"
            elif fmt.startswith(":"):
                fmt = fmt[1:]
        if fmt.startswith("msec"):
            rest = fmt[4:]
            if not rest:
                return str(int(t * 1000))
            if rest == "_frac":
                return "%03d" % (int(t * 1000) % 1000)
        elif fmt.startswith("usec"):
            rest = fmt[4:]
            if not rest:
                return str(int(t * 1_000_000))
            if rest == "_frac":
                return "%06d" % (int(t * 1_000_000) % 1_000_000)
        elif fmt == "sec":
            return str(int(t))
        elif not fmt:
            kind = "clf"
    else:
        kind = "clf"
    lt = time.localtime(t)
    if kind == "clf":
        off = lt.tm_gmtoff
        sign = "-" if off < 0 else "+"
        off = abs(off)
        return time.strftime("[%d/%b/%Y:%H:%M:%S ", lt) + f"{sign}{off // 3600:02d}{(off % 3600) // 60:02d}]"
    return time.strftime(fmt, lt)


def _header_out(r, a: str):
    if a.lower() == "content-type" and r.content_type:
        return r.content_type.split(";", 1)[0].strip()
    if a.lower() == "set-cookie":
        vals = r.headers_out.get_all(a)
        return ", ".join(vals) if vals else None
    v = r.headers_out.get(a)
    if v is None:
        v = r.err_headers_out.get(a)
    return v


def _cookie(r, a: str):
    c = r.headers_in.get("Cookie")
    if not c:
        return None
    for part in c.split(";"):
        name, sep, value = part.partition("=")
        if not sep:
            continue
        name = name.strip(" \t")
        value = value.strip(" \t")
        if name and value and name.lower() == a.lower():
            return escape_logitem(value)
    return None


def item_value(key: str, arg: str, r, orig, end_time: float):
    c = r.conn
    if key == "h":
        return escape_logitem(c.remote_ip)
    if key == "a":
        return c.remote_ip
    if key == "A":
        return c.local_ip
    if key == "l":
        return "-"
    if key == "u":
        u = r.user
        if u is None:
            return "-"
        return '""' if u == "" else escape_logitem(u)
    if key == "t":
        return _time(r, arg, end_time)
    if key == "f":
        return escape_logitem(r.filename) if r.filename is not None else None
    if key == "b":
        return "-" if not r.sent_bodyct or not r.bytes_sent else str(r.bytes_sent)
    if key == "B":
        return "0" if not r.sent_bodyct or not r.bytes_sent else str(r.bytes_sent)
    if key == "i":
        v = r.headers_in.get(arg)
        return escape_logitem(v) if v is not None else None
    if key == "o":
        v = _header_out(r, arg)
        return escape_logitem(v) if v is not None else None
    if key == "n":
        v = r.notes.get(arg)
        return escape_logitem(v) if v is not None else None
    if key == "e":
        v = r.subprocess_env.get(arg)
        return escape_logitem(v) if v is not None else None
    if key == "L":
        return "-"
    if key == "V":
        return escape_logitem(get_server_name(r))
    if key == "v":
        return escape_logitem(r.server.server_hostname)
    if key == "p":
        a = arg.lower()
        if a in ("", "canonical"):
            return str(r.server.port or 80)
        if a == "remote":
            return str(c.remote_port)
        if a == "local":
            return str(c.local_port)
        return arg
    if key == "P":
        a = arg.lower()
        if a in ("", "pid"):
            return str(os.getpid())
        if a == "tid":
            return str(threading.get_ident())
        if a == "hextid":
            return "%x" % threading.get_ident()
        return arg
    if key == "H":
        return escape_logitem(r.protocol)
    if key == "m":
        return escape_logitem(r.method)
    if key == "q":
        return "?" + escape_logitem(r.args) if r.args is not None else ""
    if key == "X":
        if c.aborted:
            return "X"
        s = r.server
        if c.keepalive == 2 and (not s.keep_alive_max or s.keep_alive_max - c.keepalives > 0):
            return "+"
        return "-"
    if key == "C":
        return _cookie(r, arg)
    if key == "k":
        return str(c.keepalives - 1 if c.keepalives else 0)
    if key == "r":
        return escape_logitem(r.the_request) if r.the_request is not None else None
    if key == "D":
        return str(int((end_time - r.request_time) * 1_000_000))
    if key == "T":
        d = end_time - r.request_time
        a = arg.lower()
        if a in ("", "s"):
            return str(int(d))
        if a == "ms":
            return str(int(d * 1000))
        if a == "us":
            return str(int(d * 1_000_000))
        return arg
    if key == "U":
        return escape_logitem(r.uri)
    if key == "s":
        return str(r.status)
    if key == "R":
        return escape_logitem(r.handler) if r.handler is not None else None
    if key == "I":
        return str(c.bytes_in_req)
    if key == "O":
        return str(c.bytes_out)
    if key == "S":
        return str(c.bytes_in_req + c.bytes_out)
    if key == "^ti":
        br = r.body_reader
        v = br.trailers.get(arg) if br is not None and br.trailers is not None else None
        return escape_logitem(v) if v is not None else None
    if key == "^FB":
        return "-"
    if key == "x":          # mod_ssl's %{VAR}x: the TLS variables of the connection
        from ..filters.tls import request_lookup
        v = request_lookup(r, arg)
        return escape_logitem(v) if v else None
    return None


def format_line(items, r) -> str:
    """One log line for r from a parsed format (compile_format's function does the same)."""
    return compile_format(items)(r)


def _clf_time(t: float, _cache=[-1, ""]) -> str:
    """%t: `[day/mon/year:hh:mm:ss zone]`, formatted once per second (httpd's cached_explode)."""
    sec = int(t)
    c = _cache
    if c[0] == sec:
        return c[1]
    lt = time.localtime(sec)
    off = lt.tm_gmtoff
    sign = "-" if off < 0 else "+"
    off = abs(off)
    text = time.strftime("[%d/%b/%Y:%H:%M:%S ", lt) + f"{sign}{off // 3600:02d}{(off % 3600) // 60:02d}]"
    c[0], c[1] = sec, text          # a racing thread writes the same text for the same second
    return text


def _getter(key: str, arg: str):
    """A function (r, original request, end_time) -> value for one item: the common ones of
    the common/combined formats without item_value's dispatch, the rest through it."""
    if key == "h":
        return lambda r, o, e: escape_logitem(r.conn.remote_ip)
    if key == "l":
        return lambda r, o, e: "-"
    if key == "u":
        return lambda r, o, e: "-" if r.user is None else item_value("u", "", r, o, e)
    if key == "t" and not arg:
        return lambda r, o, e: _clf_time(r.request_time)
    if key == "r":
        return lambda r, o, e: escape_logitem(r.the_request) if r.the_request is not None else None
    if key == "s":
        return lambda r, o, e: str(r.status)
    if key == "O":
        return lambda r, o, e: str(r.conn.bytes_out)
    if key == "i":
        def header_in(r, o, e, _arg=arg):
            v = r.headers_in.get(_arg)
            return escape_logitem(v) if v is not None else None
        return header_in
    return lambda r, o, e: item_value(key, arg, r, o, e)


def compile_format(items):
    """A parsed format (parse_format's items) as a function r -> line: per item the getter is
    chosen once here instead of for every request."""
    parts = []
    for key, arg, want, conds, sense in items:
        if key is None:
            if parts and isinstance(parts[-1], str):
                parts[-1] += arg
            else:
                parts.append(arg)
            continue
        parts.append((_getter(key, arg), bool(want), frozenset(conds) if conds else None, sense))
    parts = tuple(parts)

    def line(r) -> str:
        orig = r
        while orig.prev is not None:
            orig = orig.prev
        fin = r
        while fin.next is not None:
            fin = fin.next
        end_time = time.time()
        out = []
        for p in parts:
            if p.__class__ is str:
                out.append(p)
                continue
            get, want, conds, sense = p
            if conds is not None:
                in_list = fin.status in conds
                if in_list is sense:
                    out.append("-")
                    continue
            v = get(orig if want else fin, orig, end_time)
            out.append("-" if v is None else v)
        return "".join(out)
    return line


def _should_log(r, cond) -> bool:
    if cond is None:
        return True
    kind, v = cond
    if kind == "env":
        if v.startswith("!"):
            return r.subprocess_env.get(v[1:]) is None
        return r.subprocess_env.get(v) is not None
    try:
        return bool(v.evaluate(RequestContext(r)))
    except Exception as e:
        r.log_error("log_config", "warn", f"AH00644: Error evaluating log condition: {e}")
        return False


def _writers(srv) -> list:
    """The logs a request of `srv` goes to: its own, plus the main server's GlobalLogs (or
    all of the main server's when it has none of its own); computed once per server."""
    lst = srv.mod.get("log_list")
    if lst is None:
        own = srv.mod.get("logs") or []
        lst = [(w, line, cond) for w, line, cond, inherit in own]
        lst += [(w, line, cond) for w, line, cond, inherit in srv.mod.get("server_logs") or []
                if inherit or not own]
        srv.mod["log_list"] = lst
    return lst


@hook("log_transaction", "log_config_module")
def log_transaction(r):
    for w, line, cond in _writers(r.server):
        if cond is None or _should_log(r, cond):
            err = w.write(line(r).encode("latin-1", "replace"))
            if err is not None:
                r.log_error("log_config", "warn", f"AH00646: Error writing to {w.target}", err)
    return 0


from .base import serves  # noqa: E402

serves("CustomLog", "GlobalLog", "TransferLog", "LogFormat", "BufferedLogs")
