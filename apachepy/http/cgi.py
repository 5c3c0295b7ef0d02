"""CGI/1.1 scripts as mod_cgi and mod_cgid run them (modules/generators/mod_cgi.c, mod_cgid.c,
cgi_common.h, server/util_script.c's ap_scan_script_header_err_*).

    cgi_handler(r, mod)   the `cgi-script` handler (mod "cgi" or "cgid": the log tags and
                          AH numbers differ, and mod_cgid as Debian builds it has no stderr
                          pipe: the script's stderr is the error log itself)
    handle_exec           mod_include's <!--#exec cmd="..." --> / <!--#exec cgi="..." -->

A script gets the environment of ap_add_common_vars + ap_add_cgi_vars, the request body on its
stdin, and its output is read as httpd's CGI bucket does: headers first (Status, Location,
Content-Type...), then the body passed down the output chain as it arrives: whatever is there
when reading would block goes out with a FLUSH, so a slow script is streamed (chunked) and a
quick one is sent whole (Content-Length).
"""
from __future__ import annotations

import errno
import os
import select
import subprocess
import time

from ..filters import EOS, FLUSH, InputError, is_metadata, pass_brigade, read_bucket
from .body import map_request_error
from .conditions import meets_conditions
from .dates import parse_http_date, rfc1123
from .hooks import DECLINED, OK
from .request import (AP_REQ_REJECT_PATH_INFO, CONN_CLOSE, M_GET, M_POST, M_PUT, BodyError, internal_redirect,
                      run_sub_req, sub_req_lookup_uri)
from .status import escape_html

CGI_MAGIC_TYPE = "application/x-httpd-cgi"
MAX_STRING_LEN = 8192
HUGE_STRING_LEN = 8192
READ_SIZE = 8000                 # APR_BUCKET_BUFF_SIZE: one read of the script's stdout
APR_TIMEUP = 70007
AP_FILTER_ERROR = -102
DEFAULT_LOGBYTES = 10385760
DEFAULT_BUFBYTES = 1024
TRUST_CL_ENV = "ap_trust_cgilike_cl"

# the log numbers each module uses for the same checks
CODES = {
    "cgi": {"execcgi": "AH02809", "nph": "AH02810", "nofile": "AH02811", "dir": "AH02812", "pathinfo": "AH02813",
            "body": "AH01225"},
    "cgid": {"execcgi": "AH01262", "nph": "AH01263", "nofile": "AH01264", "dir": "AH01265", "pathinfo": "AH01266",
             "body": "AH01270"},
}


# -- the environment ----------------------------------------------------------------------------

def create_environment(table) -> dict:
    """ap_create_environment: TZ from our environment unless set, then every entry with the
    name's non-alphanumerics (and a leading digit) turned into '_'."""
    env: dict[bytes, bytes] = {}
    if table.get("TZ") is None and os.environ.get("TZ") is not None:
        env[b"TZ"] = os.environ["TZ"].encode("latin-1", "replace")
    for key, val in table:
        name = "".join(c if c.isascii() and c.isalnum() else "_" for c in key)
        if name[:1].isdigit():
            name = "_" + name[1:]
        env.setdefault(name.encode("latin-1", "replace"), str(val).encode("latin-1", "replace"))
    return env


def build_argv(r) -> list[str]:
    """default_build_command: the script, plus the query's '+'-separated words (unescaped and
    shell-escaped) when it has no '='."""
    from ..filters.include import escape_shell_cmd, unescape_url
    argv = [r.filename]
    args = r.args
    if args and "=" not in args:
        words = args.split("+")[:255]       # APACHE_ARG_MAX - 1 words at most
        argv += [escape_shell_cmd(unescape_url(w)) for w in words]
    return argv


def _error_log_fd(r) -> int | None:
    """The main server's error log: httpd's stderr, which scripts without a stderr pipe inherit."""
    main = getattr(r.site, "main", None) or r.server
    target = getattr(main.log, "target", None) if main.log is not None else None
    fd = getattr(target, "fd", None)
    return fd if isinstance(fd, int) else None


def spawn(r, argv: list[str], env: dict, stdin, stderr, shell: bool = False):
    """The child (apr_proc_create), in the script's directory; the OSError of a failed exec."""
    cwd = os.path.dirname(r.filename) or "/"
    try:
        return subprocess.Popen(argv, env=env, cwd=cwd, stdin=stdin, stdout=subprocess.PIPE, stderr=stderr,
                                close_fds=True, shell=shell, bufsize=0)
    except OSError as e:
        return e


def reap(proc) -> None:
    """The request pool's cleanup (APR_KILL_AFTER_TIMEOUT): a script still running gets
    SIGTERM, then SIGKILL after 3 seconds."""
    if proc is None:
        return
    for f in (proc.stdin, proc.stdout, proc.stderr):
        if f is not None:
            try:
                f.close()
            except OSError:
                pass
    if proc.poll() is None:
        try:
            proc.terminate()
            proc.wait(3)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        except OSError:
            pass


# -- ScriptLog ------------------------------------------------------------------------------------

def _script_log_conf(r) -> tuple[str | None, int, int]:
    """(ScriptLog, ScriptLogLength, ScriptLogBuffer): a server without ScriptLog uses the main
    server's three settings (merge_cgi_config)."""
    values = getattr(getattr(r.server, "model", None), "values", None) or {}
    if not values.get("ScriptLog"):
        main = getattr(r.site, "main", None)
        values = getattr(getattr(main, "model", None), "values", None) or {}
    return (values.get("ScriptLog"), values.get("ScriptLogLength", DEFAULT_LOGBYTES),
            values.get("ScriptLogBuffer", DEFAULT_BUFBYTES))


def _open_script_log(r):
    """The ScriptLog opened for appending, or None (unset, too big or not writable)."""
    name, maxlen, _ = _script_log_conf(r)
    if not name:
        return None
    try:
        if os.stat(name).st_size > maxlen:
            return None
    except OSError:
        pass
    try:
        f = open(name, "ab")
    except OSError:
        return None
    stamp = time.strftime("%a %b %d %H:%M:%S %Y", time.localtime())
    q = f"?{r.args}" if r.args is not None else ""
    f.write(f"%% [{stamp}] {r.method} {r.uri}{q} {r.protocol}\n".encode("latin-1", "replace"))
    return f


def log_scripterror(r, mod: str, ret: int, err: int, logno: str, error: str) -> int:
    """cgi_common.h log_scripterror: the error log line, and an %error entry in ScriptLog."""
    r.log_error(mod, "error", f"{logno}stderr from {r.filename}: {error}", err=err or None)
    f = _open_script_log(r)
    if f is not None:
        with f:
            f.write(f"%% {ret} {r.filename}\n%error\n{error}\n".encode("latin-1", "replace"))
    return ret


# -- the script's output ------------------------------------------------------------------------------

class ScriptOutput:
    """The script's stdout (and mod_cgi's stderr pipe) as cgi_bucket_read sees them: every
    wait polls both; stderr lines go to the error log as they come (AH01215)."""

    def __init__(self, r, mod: str, out_fd: int, err_fd: int | None, timeout: float, cgi_bucket: bool):
        self.r = r
        self.mod = mod
        self.out = out_fd
        self.err = err_fd
        self.timeout = timeout
        self.cgi_bucket = cgi_bucket       # mod_cgi's CGI bucket (AH01220 on a timeout)
        self.pending = b""                 # read but not yet consumed (after the headers: body)
        self.err_buf = b""
        self.eof = False
        os.set_blocking(out_fd, False)
        if err_fd is not None:
            os.set_blocking(err_fd, False)

    def read(self, block: bool) -> bytes | None:
        """Up to 8000 bytes of stdout; b"" at its end; None when nothing is there and `block`
        is false.  Blocking waits up to the timeout, then raise TimeoutError."""
        if self.eof:
            return b""
        deadline = time.monotonic() + self.timeout
        while True:
            fds = [self.out] + ([self.err] if self.err is not None else [])
            wait = max(0.0, deadline - time.monotonic()) if block else 0.0
            try:
                ready = select.select(fds, [], [], wait)[0]
            except InterruptedError:
                continue
            if not ready:
                if not block:
                    return None
                if self.cgi_bucket:
                    self.r.log_error(self.mod, "warn", "AH01220: Timeout waiting for output from CGI script "
                                     f"{self.r.filename}")
                raise TimeoutError
            if self.err is not None and self.err in ready:
                self.drain_stderr()
            if self.out in ready:
                try:
                    data = os.read(self.out, READ_SIZE)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    self.eof = True
                return data

    def drain_stderr(self, block: bool = False) -> None:
        """log_script_err: each line the script wrote to stderr, as AH01215 (blocking: to its
        end, under the timeout)."""
        if self.err is None:
            return
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                data = os.read(self.err, 65536)
            except BlockingIOError:
                if not block:
                    break
                if not select.select([self.err], [], [], max(0.0, deadline - time.monotonic()))[0]:
                    break
                continue
            except OSError:
                data = b""
            if not data:
                self.err = None
                break
            self.err_buf += data
            self._log_lines(final=False)
        if self.err is None:
            self._log_lines(final=True)

    def _log_lines(self, final: bool) -> None:
        buf = self.err_buf
        while buf:
            i = buf.find(b"\n")
            if i < 0 and len(buf) < HUGE_STRING_LEN - 1 and not final:
                break
            if i < 0 or i >= HUGE_STRING_LEN - 1:
                line, buf = buf[:HUGE_STRING_LEN - 1], buf[HUGE_STRING_LEN - 1:]
            else:
                line, buf = buf[:i], buf[i + 1:]
                if line.endswith(b"\r"):
                    line = line[:-1]
            log_scripterror(self.r, self.mod, self.r.status, 0, "AH01215: ", line.decode("latin-1"))
        self.err_buf = buf

    def getline(self, maxlen: int = MAX_STRING_LEN - 2) -> str | int:
        """getsfunc_BRIGADE: a header line without CRs; 0 at the end of the output (or for a
        line too long), -1 on a timeout."""
        buf = bytearray()
        while len(buf) < maxlen:
            if not self.pending:
                try:
                    data = self.read(True)
                except TimeoutError:
                    return -1
                if not data:
                    return 0
                self.pending = data
            p = self.pending
            i = 0
            done = False
            while i < len(p) and len(buf) < maxlen:
                c = p[i]
                i += 1
                if c == 10:
                    done = True
                    break
                if c != 13:
                    buf.append(c)
            self.pending = p[i:]
            if done:
                return buf.decode("latin-1")
        return 0

    def discard(self) -> list[bytes]:
        """discard_script_output: read stdout to its end (or an error/timeout)."""
        out = [self.pending] if self.pending else []
        self.pending = b""
        while True:
            try:
                data = self.read(True)
            except TimeoutError:
                break
            if not data:
                break
            out.append(data)
        return out


def pump(src: ScriptOutput, send) -> tuple[list, bool]:
    """Read the body as ap_content_length_filter reads a bucket of unknown length: what is
    there when the next read would block is sent with a FLUSH.  Returns what is left to send
    at the end, and whether the script timed out."""
    pending = [src.pending] if src.pending else []
    src.pending = b""
    while True:
        data = src.read(False)
        if data is None:
            if pending:
                send(pending + [FLUSH])
                pending = []
            try:
                data = src.read(True)
            except TimeoutError:
                return pending, True
        if not data:
            return pending, False
        pending.append(data)


# -- ap_scan_script_header_err ----------------------------------------------------------------------

def scan_script_header(r, mod: str, getline) -> tuple[int, str]:
    """ap_scan_script_header_err_core: the script's header lines into r; (status, the last
    line read) where status is OK, 500, 504, or 304/412 from the request's conditions."""
    name = os.path.basename(r.filename)
    cgi_status = None
    merge: list[tuple[str, str]] = []
    cookies = [("Set-Cookie", v) for v in r.err_headers_out.get_all("Set-Cookie")]
    first = True
    while True:
        w = getline()
        if w == 0:
            msg = "End of script output before headers" if first else "Premature end of script headers"
            r.log_error(mod, "error", f"{msg}: {name}")
            return 500, ""
        if w == -1:
            r.log_error(mod, "error", f"Script timed out before returning headers: {name}")
            return 504, ""
        if w == "":
            cond = 0
            if cgi_status is None and r.method_number == M_GET:
                cond = meets_conditions(r)
            for k, v in merge:
                r.err_headers_out.add(k, v)
            r.err_headers_out.compress_merge()
            if cookies:
                r.err_headers_out.unset("Set-Cookie")
                for k, v in cookies:
                    r.err_headers_out.add(k, v)
            return cond or OK, w
        i = w.find(":")
        if i < 0:
            r.log_error(mod, "error", f"malformed header from script '{name}': Bad header: {w[:30]}")
            return 500, w
        key, val = w[:i], w[i + 1:].lstrip(" \t\n\r\x0b\x0c")
        low = key.lower()
        if low == "content-type":
            r.content_type = _content_type_tolower(val.rstrip(" \t\n\r\x0b\x0c") if len(val) > 1 else val)
        elif low == "status":
            cgi_status = _atoi(val)
            r.status = cgi_status
            if not (100 <= cgi_status <= 599):
                r.log_error(mod, "error", f"Invalid status line from script '{name}': {val[:30]}")
            r.status_line = val
        elif low in ("location", "content-length", "content-range", "transfer-encoding", "etag"):
            r.headers_out.set(key, val)
        elif low == "last-modified":
            t = parse_http_date(val)
            if t is not None:
                if t > r.mtime:
                    r.mtime = t
                r.headers_out.set("Last-Modified", rfc1123(min(r.mtime, r.request_time)))
            else:
                r.log_error(mod, "info", f"AH10247: Ignored invalid header value: Last-Modified: '{val}'")
        elif low == "set-cookie":
            cookies.append((key, val))
        else:
            merge.append((key, val))
        first = False


def _atoi(s: str) -> int:
    s = s.lstrip(" \t\n\r\x0b\x0c")
    sign = 1
    if s[:1] in "+-" and s:
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    n = 0
    for c in s:
        if not ("0" <= c <= "9"):
            break
        n = n * 10 + ord(c) - 48
    return sign * n


def _content_type_tolower(t: str) -> str:
    """ap_content_type_tolower: the media type lowercased, the parameters kept as they are."""
    i = t.find(";")
    return t.lower() if i < 0 else t[:i].lower() + t[i:]


# -- the handler ---------------------------------------------------------------------------------

def is_scriptaliased(r) -> bool:
    t = r.notes.get("alias-forced-type")
    return t is not None and t.lower() == "cgi-script"


def cgi_handler(r, mod: str) -> int:
    from .conf import OPT_EXECCGI
    if r.handler not in (CGI_MAGIC_TYPE, "cgi-script"):
        return DECLINED
    codes = CODES[mod]
    is_included = r.protocol == "INCLUDED"
    nph = os.path.basename(r.filename or "").startswith("nph-")
    opts = r.per_dir_config.options
    opts = opts[0] if isinstance(opts, tuple) else 0
    if not opts & OPT_EXECCGI and not is_scriptaliased(r):
        return log_scripterror(r, mod, 403, 0, codes["execcgi"] + ": ", "Options ExecCGI is off in this directory")
    if nph and is_included:
        return log_scripterror(r, mod, 403, 0, codes["nph"] + ": ", "attempt to include NPH CGI script")
    if r.finfo is None:
        return log_scripterror(r, mod, 404, 0, codes["nofile"] + ": ", "script not found or unable to stat")
    if r.is_dir:
        return log_scripterror(r, mod, 403, 0, codes["dir"] + ": ", "attempt to invoke directory as script")
    if r.used_path_info == AP_REQ_REJECT_PATH_INFO and r.path_info:
        return log_scripterror(r, mod, 404, 0, codes["pathinfo"] + ": ", "AcceptPathInfo off disallows user's path")
    from ..filters.scriptenv import add_cgi_vars, add_common_vars
    add_common_vars(r)
    add_cgi_vars(r)
    env = create_environment(r.subprocess_env)
    timeout = getattr(r.per_dir_config, f"{mod}_timeout", None)
    timeout = timeout / 1e6 if timeout else r.server.timeout
    # mod_cgi reads the script's stderr; mod_cgid (without fd passing) gives it the error log
    stderr = subprocess.PIPE if mod == "cgi" else _error_log_fd(r)
    proc = spawn(r, build_argv(r), env, subprocess.PIPE, stderr)
    try:
        return _run(r, mod, proc, nph, timeout)
    finally:
        reap(proc if not isinstance(proc, OSError) else None)


def _exec_failed(r, mod: str, e: OSError) -> None:
    """What the forked child reports when exec fails: mod_cgi's child errfn writes it to the
    stderr pipe (logged as AH01215); mod_cgid's daemon logs AH01241 itself."""
    code = e.errno or errno.EACCES
    what = f"exec of '{r.filename}' failed"
    if mod == "cgi":
        log_scripterror(r, mod, r.status, 0, "AH01215: ", f"({code}){os.strerror(code)}: {what}")
    else:
        main = getattr(r.site, "main", None) or r.server
        main.log.log(mod, "error", f"AH01241: {what}", err=code)


def _run(r, mod: str, proc, nph: bool, timeout: float) -> int:
    failed = isinstance(proc, OSError)
    try:
        logbuf = _feed_body(r, mod, None if failed else proc.stdin, timeout)
    except InputError as e:         # an input filter failed (logged): ap_map_http_request_error
        return map_request_error(e.rv, 400)
    if failed:
        _exec_failed(r, mod, proc)
        rfd, wfd = os.pipe()               # an output that ends at once, as the dead child's
        os.close(wfd)
        src = ScriptOutput(r, mod, rfd, None, timeout, mod == "cgi")
    else:
        src = ScriptOutput(r, mod, proc.stdout.fileno(), proc.stderr.fileno() if proc.stderr else None,
                           timeout, mod == "cgi")
    try:
        return _respond(r, mod, src, nph, logbuf)
    finally:
        if failed:
            os.close(rfd)


def _feed_body(r, mod: str, stdin, timeout: float) -> bytes:
    """cgi_handle_request: the request body (as the input filters give it) into the script's
    stdin, which is closed after; the first ScriptLogBuffer bytes are kept for ScriptLog.
    A failed read is logged (AH01225 / AH01270, with the filter's status) and re-raised."""
    from ..filters import BLOCK, READBYTES
    logname, _, bufbytes = _script_log_conf(r)
    keep = bufbytes if logname else 0
    logbuf = bytearray()
    fd = stdin.fileno() if stdin is not None else None
    stopped = False
    if r.filters is not None and r.main is None:
        while True:
            try:
                bb = r.filters.get_brigade(READBYTES, BLOCK, HUGE_STRING_LEN)
            except (BodyError, InputError) as e:
                r.log_error(mod, "error", f"{CODES[mod]['body']}: Error reading request entity data",
                            err=e.rv if isinstance(e, InputError) else AP_FILTER_ERROR)
                if stdin is not None:
                    stdin.close()
                raise
            if any(b is EOS for b in bb):
                bb = bb[:[i for i, b in enumerate(bb) if b is EOS][0]]
                eos = True
            else:
                eos = False
            for b in bb:
                if is_metadata(b) or stopped:
                    continue
                data = read_bucket(b)
                if keep and len(logbuf) < keep:
                    logbuf += data[:keep - len(logbuf)]
                err = _write_full(fd, data, timeout) if fd is not None else errno.EPIPE
                if err:
                    stopped = True
                    r.log_error(mod, "error", f"AH02651: Error writing request body to script {r.filename}", err=err)
            if eos:
                break
    if stdin is not None:
        try:
            stdin.close()
        except OSError:
            pass
    return bytes(logbuf)


def _write_full(fd: int, data: bytes, timeout: float) -> int:
    """apr_file_write_full under the pipe timeout: 0, or the errno of the failure."""
    os.set_blocking(fd, False)
    view = memoryview(data)
    while view:
        try:
            n = os.write(fd, view)
            view = view[n:]
        except BlockingIOError:
            if not select.select([], [fd], [], timeout)[1]:
                return APR_TIMEUP
        except OSError as e:
            return e.errno or errno.EPIPE
    return 0


def _respond(r, mod: str, src: ScriptOutput, nph: bool, logbuf: bytes) -> int:
    """cgi_handle_response."""
    if nph:
        return _send_nph(r, src)
    ret, sbuf = scan_script_header(r, mod, src.getline)
    if r.subprocess_env.get(TRUST_CL_ENV) is None:
        r.headers_out.unset("Content-Length")
    r.headers_out.unset("Transfer-Encoding")
    if ret != OK:
        # after a timeout the output is not read again
        _log_script(r, mod, ret, logbuf, sbuf, src, with_stdout=ret != 504)
        if ret == 304:
            r.status = 304
            return OK
        return ret
    location = r.headers_out.get("Location")
    if location and r.status == 200:
        src.discard()
        src.drain_stderr(block=True)
        if location.startswith("/"):
            r.method = "GET"
            r.method_number = M_GET
            r.headers_in.unset("Content-Length")
            internal_redirect(location, r)
            return OK
        return 302
    _send_body(r, src)
    src.drain_stderr(block=True)
    return OK


def _log_script(r, mod: str, ret: int, logbuf: bytes, sbuf: str, src: ScriptOutput, with_stdout: bool) -> None:
    """log_script: without a usable ScriptLog, soak up the output and log what stderr has; with
    one, record the request, the response headers, the rest of stdout and stderr there."""
    f = _open_script_log(r)
    if f is None:
        if with_stdout:
            src.discard()
        src.drain_stderr()
        return
    with f:
        lines = [f"%% {ret} {r.filename}\n", "%request\n"]
        lines += [f"{k}: {v}\n" for k, v in r.headers_in]
        if r.method_number in (M_POST, M_PUT) and logbuf:
            lines.append(f"\n{logbuf.decode('latin-1')}\n")
        lines.append("%response\n")
        lines += [f"{k}: {v}\n" for k, v in r.err_headers_out]
        if sbuf:
            lines.append(f"{sbuf}\n")
        f.write("".join(lines).encode("latin-1", "replace"))
        first = True
        for data in (src.discard() if with_stdout else []):
            if first:
                f.write(b"%stdout\n")
                first = False
            f.write(data + b"\n")
        # what stderr has now goes to the ScriptLog, not to the error log
        rest = src.err_buf + (_read_available(src.err) if src.err is not None else b"")
        src.err, src.err_buf = None, b""
        if rest:
            f.write(b"%stderr\n" + rest + b"\n")


def _read_available(fd: int) -> bytes:
    out = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out.append(data)
    return b"".join(out)


def _send_body(r, src: ScriptOutput) -> None:
    """The body down r's output chain as it comes.  A main request's response starts at the
    first FLUSH (the head goes out then); one read whole is left to the caller, with r.body,
    as any handler's.  A timeout cuts the response (AH00574) and closes the connection."""
    from .response import end_response, start_response
    state = {"rf": None}

    def send(bb: list) -> None:
        if r.main is not None:
            r.filters.pass_brigade(bb)
            return
        if state["rf"] is None:
            state["rf"] = start_response(r)
        state["rf"].pass_brigade(bb)

    rest, timed_out = pump(src, send)
    if timed_out:
        r.log_error("core", "error", "AH00574: ap_content_length_filter: apr_bucket_read() failed", err=APR_TIMEUP)
        if rest:
            send(rest + [FLUSH])
        r.conn.keepalive = CONN_CLOSE
        r.conn.response_started = True
        return
    if state["rf"] is None:
        r.body = rest
        return
    state["rf"].pass_brigade(rest + [EOS])
    end_response(state["rf"])


def _send_nph(r, src: ScriptOutput) -> int:
    """An nph- script's output goes to the connection's filters as it is, status line and
    all; the connection is not kept alive (no header filter decided it)."""
    c = r.conn
    c.response_started = True
    c.keepalive = CONN_CLOSE
    out = r.filters.conn.output if r.filters is not None else None

    def send(bb: list) -> None:
        pass_brigade(out, bb)

    rest, timed_out = pump(src, send)
    send(rest + ([FLUSH] if timed_out else [EOS]))
    src.drain_stderr(block=True)
    return OK


# -- mod_include's exec -----------------------------------------------------------------------------

def add_ssi_vars(r) -> None:
    """mod_cgi's add_ssi_vars: PATH_INFO/PATH_TRANSLATED and the query for `exec cmd`."""
    from ..filters.include import escape_shell_cmd, unescape_url
    from .uri import escape_uri
    e = r.subprocess_env
    if r.path_info:
        e.set("PATH_INFO", escape_shell_cmd(r.path_info))
        pa = sub_req_lookup_uri(escape_uri(r.path_info), r)
        if pa.filename:
            e.set("PATH_TRANSLATED", pa.filename + (pa.path_info or ""))
    if r.args is not None:
        e.set("QUERY_STRING", r.args)
        e.set("QUERY_STRING_UNESCAPED", escape_shell_cmd(unescape_url(r.args)))


def include_cmd(ctx, f, out: list, mod: str, command: str) -> bool:
    """`exec cmd`: the command run by /bin/sh in the document's directory, its output streamed
    into the document (stderr: the error log, stdin: none)."""
    r = f.r
    add_ssi_vars(r)
    env = create_environment(r.subprocess_env)
    proc = spawn(r, ["/bin/sh", "-c", command], env, subprocess.DEVNULL, _error_log_fd(r))
    if isinstance(proc, OSError):
        r.log_error(mod, "error", f"AH01227: couldn't spawn child process: {r.filename}", err=proc.errno)
        return False
    try:
        src = ScriptOutput(r, mod, proc.stdout.fileno(), None, r.server.timeout, False)

        def send(bb: list) -> None:
            f.pass_brigade(out + bb)
            out.clear()

        rest, timed_out = pump(src, send)
        if timed_out:
            r.log_error("core", "error", "AH00574: ap_content_length_filter: apr_bucket_read() failed",
                        err=APR_TIMEUP)
        if rest or out:
            send(rest)
        ctx.flush_now = True
    finally:
        reap(proc)
    return True


def include_cgi(ctx, f, out: list, uri: str) -> bool:
    """`exec cgi`: a sub-request for the script, run as CGI with the document's path info and
    query; a redirect becomes a link."""
    r = f.r
    rr = sub_req_lookup_uri(uri, r, f.next)
    if rr.status != 200:
        return False
    if rr.path_info or rr.args is not None:
        return False
    if not rr.is_reg:
        return False
    rr.path_info = r.path_info
    rr.args = r.args
    rr.content_type = CGI_MAGIC_TYPE
    if out:
        f.pass_brigade(list(out))
        out.clear()
    status = run_sub_req(rr)
    if 300 <= status < 400:
        loc = rr.headers_out.get("Location")
        if loc:
            loc = escape_html(loc)
            out.append(f'<a href="{loc}">{loc}</a>'.encode("latin-1", "replace"))
    return True


def handle_exec(ctx, f, out: list, mod: str) -> None:
    """cgi_handle_exec."""
    from ..filters.include import FLAG_NO_EXEC, FLAG_PRINTING
    r = f.r
    if not ctx.argc:
        ctx.r.log_error(mod, "error" if ctx.flags & FLAG_PRINTING else "warn",
                        f"AH03195: missing argument for exec element in {r.filename}")
    if not ctx.flags & FLAG_PRINTING:
        return
    if not ctx.argc:
        ctx.error_bucket(out)
        return
    if ctx.flags & FLAG_NO_EXEC:
        r.log_error(mod, "error", f"AH01228: exec used but not allowed in {r.filename}")
        ctx.error_bucket(out)
        return
    while True:
        tag, val = ctx.next_arg(True)
        if tag is None or val is None:
            break
        if tag == "cmd":
            if not include_cmd(ctx, f, out, mod, ctx.parse_string(val, leave_name=True)):
                r.log_error(mod, "error", f'AH01229: execution failure for parameter "{tag}" to tag exec in file '
                            f"{r.filename}")
                ctx.error_bucket(out)
                break
        elif tag == "cgi":
            if not include_cgi(ctx, f, out, ctx.parse_string(val)):
                r.log_error(mod, "error", f'AH01230: invalid CGI ref "{val}" in {r.filename}')
                ctx.error_bucket(out)
                break
        else:
            r.log_error(mod, "error", f'AH01231: unknown parameter "{tag}" to tag exec in {r.filename}')
            ctx.error_bucket(out)
            break


def _exec(ctx, f, out: list) -> None:
    loaded = getattr(f.r.site, "loaded_modules", ()) or ()
    handle_exec(ctx, f, out, "cgid" if "cgid_module" in loaded and "cgi_module" not in loaded else "cgi")


def _register() -> None:
    from ..filters.include import register_include_handler
    register_include_handler("exec", _exec, modules=("cgi_module", "cgid_module"))


_register()
