"""The request record and httpd's request cycle (protocol.c ap_read_request after parsing,
request.c ap_process_request_internal, http_request.c ap_die / internal redirects /
sub-requests, http_protocol.c ap_send_error_response).

Handlers produce a response by setting `r.status`, `r.headers_out`, `r.content_type` and
`r.body` (bytes, a `FileBody`, or a list of both) and returning OK; `response.send_response`
then plays httpd's output filters (byteranges, content length, mod_headers, the header
filter with keep-alive) and writes the bytes.
"""
from __future__ import annotations

import os
import time

from ..filters import EOS, from_body
from ..filters.chain import RequestFilters, update_r_in_filters
from . import hooks
from .hooks import DECLINED, DONE, OK
from .parser import RequestHead
from .status import DROPS_CONNECTION, canned_text, error_page, escape_html, response_index_status
from .table import Table
from .uri import escape_uri, is_url, normalize_path, unescape_url, uri_parse
from .vhost import VhostTable

# method numbers (httpd.h M_*); HEAD is M_GET with header_only
METHODS = ["GET", "PUT", "POST", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PROPFIND", "PROPPATCH",
           "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "VERSION-CONTROL", "CHECKOUT", "UNCHECKOUT", "CHECKIN",
           "UPDATE", "LABEL", "REPORT", "MKWORKSPACE", "MKACTIVITY", "BASELINE-CONTROL", "MERGE"]
M_GET, M_PUT, M_POST, M_DELETE, M_CONNECT, M_OPTIONS, M_TRACE, M_PATCH = range(8)
M_INVALID = 26
METHOD_NUMBER = {m: i for i, m in enumerate(METHODS)}
METHOD_NUMBER["HEAD"] = M_GET
# the order Allow lists methods in (httpd uses its method hash's order, which varies per process)
ALLOW_ORDER = ["GET", "POST", "OPTIONS", "HEAD"] + [m for m in METHODS if m not in ("GET", "POST", "OPTIONS")]

AP_REQ_ACCEPT_PATH_INFO, AP_REQ_REJECT_PATH_INFO, AP_REQ_DEFAULT_PATH_INFO = 0, 1, 2
MAX_RECURSION = 10           # LimitInternalRecursion default

CONN_UNKNOWN, CONN_CLOSE, CONN_KEEPALIVE = 0, 1, 2


class FileBody:
    """A file range to send (the default handler's file bucket)."""
    __slots__ = ("path", "fd", "offset", "length")

    def __init__(self, path: str, fd: int | None, offset: int, length: int):
        self.path = path
        self.fd = fd
        self.offset = offset
        self.length = length


class BodyError(Exception):
    """Reading the request body failed: httpd answers from its input filter (no C-L), or, for
    `from_filter=False` (a bad trailer: read_chunked_trailers fails the read, and the handler's
    ap_die answers), with the ordinary error response."""

    def __init__(self, status: int, from_filter: bool = True):
        super().__init__(status)
        self.status = status
        self.from_filter = from_filter


class Request:
    __slots__ = (
        "conn", "server", "site", "the_request", "method", "method_number", "protocol", "proto_num",
        "assbackwards", "header_only", "unparsed_uri", "uri", "args", "parsed_uri", "hostname", "port_str",
        "headers_in", "headers_out", "err_headers_out", "subprocess_env", "notes", "content_type",
        "content_encoding", "content_languages", "handler", "filename", "canonical_filename", "path_info",
        "finfo", "per_dir_config", "status", "status_line", "request_time", "mtime", "no_local_copy",
        "no_cache", "prev", "next", "main", "chunked", "clength", "used_path_info", "user", "ap_auth_type",
        "bytes_sent", "expecting_100", "read_length", "allowed", "body", "sent_bodyct", "eos_sent",
        "suppress_charset", "htaccess", "start", "body_reader", "error_from_filter", "headers_sent",
        "aborted", "head_size", "trace_body", "redirect_count",
        "error_path", "filters_inserted", "abandoned", "filters", "context_prefix", "context_document_root",
        "vlist_validator",
    )

    def __init__(self, conn, server):
        self.conn = conn
        self.server = server
        self.site = conn.site if conn is not None else None
        self.the_request = ""
        self.method = "GET"
        self.method_number = M_GET
        self.protocol = "HTTP/1.0"
        self.proto_num = 1000
        self.assbackwards = False
        self.header_only = False
        self.unparsed_uri = ""
        self.uri = ""
        self.args = None
        self.parsed_uri = None
        self.hostname = None
        self.port_str = None
        self.headers_in = Table()
        self.headers_out = Table()
        self.err_headers_out = Table()
        self.subprocess_env = Table()
        self.notes = Table()
        self.content_type = None
        self.content_encoding = None
        self.content_languages = None
        self.handler = None
        self.filename = None
        self.canonical_filename = None
        self.path_info = None
        self.finfo = None            # os.stat_result, or None for "no file"
        self.per_dir_config = server.lookup_defaults if server is not None else None
        self.status = 200
        self.status_line = None
        self.request_time = self.start = time.time()
        self.mtime = 0.0
        self.no_local_copy = False
        self.no_cache = False
        self.prev = None
        self.next = None
        self.main = None
        self.chunked = False
        self.clength = 0
        self.used_path_info = AP_REQ_DEFAULT_PATH_INFO
        self.user = None
        self.ap_auth_type = None
        self.bytes_sent = 0
        self.expecting_100 = False
        self.read_length = 0
        self.allowed = 0
        self.body = None
        self.sent_bodyct = False
        self.eos_sent = False
        self.suppress_charset = False
        self.htaccess = None
        self.body_reader = None
        self.error_from_filter = False
        self.headers_sent = False
        self.aborted = False
        self.head_size = 0
        self.trace_body = None
        self.redirect_count = 0
        self.error_path = False
        self.filters_inserted = False    # insert_filter ran (the handler was invoked)
        self.filters = None              # apachepy.filters.RequestFilters: this request's chains
        self.abandoned = 0               # bytes of a response replaced before it was sent (%b)
        self.context_prefix = None       # ap_set_context_info (mod_alias, mod_userdir...)
        self.context_document_root = None
        self.vlist_validator = None      # mod_negotiation's variant list ETag (ap_make_etag adds it)

    # -- helpers -------------------------------------------------------------------------
    @property
    def is_dir(self) -> bool:
        f = self.finfo
        return f is not None and (f.st_mode & 0o170000) == 0o040000

    @property
    def is_reg(self) -> bool:
        f = self.finfo
        return f is not None and (f.st_mode & 0o170000) == 0o100000

    def initial(self) -> "Request":
        r = self
        while r.prev is not None:
            r = r.prev
        return r

    def final(self) -> "Request":
        r = self
        while r.next is not None:
            r = r.next
        return r

    def client(self) -> str:
        c = self.conn
        return f"{c.remote_ip}:{c.remote_port}"

    def log_error(self, module: str, level: str, msg: str, err: int | None = None) -> None:
        """ap_log_rerror: to this request's server log, with the client and referer; `err`
        is the errno httpd would print before the client."""
        log = self.server.log if self.server is not None else None
        if log is None:
            return
        dir_level = self.per_dir_config.log_level if self.per_dir_config is not None else None
        if dir_level is not None:           # LogLevel in a section (httpd's r->log)
            log = log.for_dir(dir_level)
        if not log.enabled(module, level):
            return
        log.log(module, level, msg, self.client(), self.headers_in.get("Referer"), err)


# -- server name / port / urls (core.c) ---------------------------------------------------

def server_banner(site) -> str:
    return site.banner


def get_server_name(r: Request) -> str:
    ucn = r.per_dir_config.use_canonical_name
    if ucn == "on":
        return r.server.server_hostname
    if ucn == "dns":
        return r.conn.local_host()
    return r.hostname if r.hostname else r.server.server_hostname


def context_prefix(r: Request) -> str:
    """ap_context_prefix: the URL prefix the request's resource was mapped from ("" by default)."""
    return r.context_prefix or ""


def context_document_root(r: Request) -> str:
    """ap_context_document_root: the directory that prefix maps to (DocumentRoot by default)."""
    return r.context_document_root or r.server.document_root


def http_scheme(r: Request) -> str:
    """ap_http_scheme: "https" on a TLS connection (mod_ssl's hook), else "http"."""
    return "https" if getattr(r.conn, "is_tls", False) else "http"


def default_port(r: Request) -> int:
    """ap_default_port: 443 for https, 80 for http."""
    return 443 if getattr(r.conn, "is_tls", False) else 80


def get_server_port(r: Request) -> int:
    d = r.per_dir_config
    if d.use_canonical_name == "on":
        if d.use_canonical_phys_port:
            return r.server.port or r.conn.local_port or default_port(r)
        return r.server.port or default_port(r)
    if r.port_str:
        return int(r.port_str)
    if d.use_canonical_phys_port:
        return r.conn.local_port or r.server.port or default_port(r)
    return r.server.port or default_port(r)


def construct_url(uri: str, r: Request) -> str:
    port = get_server_port(r)
    host = get_server_name(r)
    if ":" in host:
        host = f"[{host}]"
    scheme = http_scheme(r)
    if port == default_port(r):
        return f"{scheme}://{host}{uri}"
    return f"{scheme}://{host}:{port}{uri}"


def psignature(prefix: str, r: Request) -> str:
    sig = r.per_dir_config.server_signature
    if sig == "off":
        return ""
    port = get_server_port(r)
    name = escape_html(get_server_name(r))
    if sig == "email":
        admin = r.server.server_admin
        mailto = "" if is_url(admin) else "mailto:"
        return (f'{prefix}<address>{r.site.banner} Server at <a href="{mailto}{escape_html(admin)}">{name}</a> '
                f"Port {port}</address>\n")
    return f"{prefix}<address>{r.site.banner} Server at {name} Port {port}</address>\n"


def make_allow(r: Request) -> str:
    mask = r.allowed
    out = []
    for m in ALLOW_ORDER:
        if mask & (1 << METHOD_NUMBER[m]):
            out.append(m)
    if r.server.trace_enable != "off":
        out.append("TRACE")
    return ",".join(out)


def allow_standard(r: Request, *methods: int) -> None:
    for m in methods:
        r.allowed |= 1 << m


# -- reading the request (ap_read_request after the head is parsed) ----------------------

def new_request(conn, head: RequestHead) -> Request:
    r = Request(conn, conn.base_server)
    create_request(r)
    r.the_request = head.the_request
    r.method = head.method
    r.protocol = head.protocol
    r.proto_num = head.proto_num
    r.assbackwards = head.assbackwards
    r.headers_in = head.headers
    r.head_size = head.size
    r.method_number = METHOD_NUMBER.get(head.method, M_INVALID)
    if r.method_number == M_GET and head.method[:1] == "H":
        r.header_only = True
    if head.notes:
        r.notes.set("error-notes", head.notes)
    if head.method or head.uri:
        parse_uri(r, head.uri)
    return r


def parse_uri(r: Request, uri: str) -> None:
    """ap_parse_uri: uri/args/hostname from the request-target."""
    r.unparsed_uri = uri
    u = uri
    while u.startswith("//"):
        u = u[1:]
    if r.method_number == M_CONNECT:
        p = uri_parse("//" + u)
    else:
        p = uri_parse(u)
    r.parsed_uri = p
    if p.ok:
        if p.scheme and p.scheme.lower() == "http":
            r.hostname = p.hostname
        elif r.method_number == M_CONNECT:
            r.hostname = p.hostname
        r.args = p.query
        if p.path:
            r.uri = p.path
        elif r.method_number == M_OPTIONS:
            r.uri = "*"
        else:
            r.uri = "/"
        if p.port_str and r.hostname is not None:
            r.port_str = p.port_str
    else:
        r.args = None
        r.hostname = None
        r.status = 400
        r.uri = u


def check_uri_after_parse(r: Request) -> None:
    """The request-target checks ap_parse_request_line makes after ap_parse_uri."""
    p = r.parsed_uri
    if p is None:
        return
    if r.status == 200 and p.path is not None and not p.path.startswith("/") and not (
            r.method_number == M_OPTIONS and p.path == "*"):
        r.status = 400
    if r.status != 200:
        r.log_error("core", "debug", f"AH03450: HTTP Request Line; Unable to parse URI: '{r.uri[:80]}'")
        return
    if r.server.limits.strict:
        if p.fragment is not None:
            r.log_error("core", "debug", "AH02421: HTTP Request Line; URI must not contain a fragment")
            r.status = 400
        elif p.user is not None or p.password is not None:
            r.log_error("core", "debug", "AH02422: HTTP Request Line; URI must not contain a username/password")
            r.status = 400


_HOST_CACHE: dict = {}


def fix_hostname(r: Request, host_header: str | None, strict: bool) -> bool:
    """vhost.c fix_hostname: lowercase, drop a trailing dot, take the port; False on a bad host.
    Results for Host header values are cached (the same few names arrive again and again)."""
    if host_header is not None:
        hit = _HOST_CACHE.get((host_header, strict))
        if hit is not None:
            if hit[0]:
                r.hostname, port = hit[1], hit[2]
                if port:
                    r.port_str = port
                return True
        ok = _fix_hostname(r, host_header, strict)
        if ok and len(host_header) < 256:
            if len(_HOST_CACHE) > 1024:
                _HOST_CACHE.clear()
            _HOST_CACHE[(host_header, strict)] = (True, r.hostname, r.port_str)
        return ok
    return _fix_hostname(r, host_header, strict)


def _fix_hostname(r: Request, host_header: str | None, strict: bool) -> bool:
    src = host_header if host_header is not None else r.hostname
    if not src:
        return True
    if src.isdigit():
        if strict:
            r.log_error("core", "debug", f"AH02416: [strict] purely numeric host names not allowed: {src}")
            return False
        r.hostname = src
        return True
    v6 = False
    if host_header is not None:
        from ..modules.core import parse_addr_port
        if src.startswith("["):
            host, port, ok = parse_addr_port(src)
            if ok and host is not None and "%" in src:
                ok = False
            v6 = True
        else:
            host, port, ok = parse_addr_port(src)
            if ok and host is None:
                ok = False
        if not ok:
            r.log_error("core", "debug", f"AH00550: Client sent malformed Host header: {src}")
            return False
        if port:
            r.port_str = str(port)
    else:
        host = r.hostname
        v6 = ":" in host
    if v6:
        ok = _fix_v6(host)
        host = host.lower()
    else:
        ok, host = _fix_non_v6(host)
        if ok and strict:
            ok = _strict_hostname(r, host)
    if not ok:
        r.log_error("core", "debug", f"AH00550: Client sent malformed Host header: {src}")
        return False
    r.hostname = host
    return True


def _fix_v6(host: str) -> bool:
    dc = False
    for i, c in enumerate(host):
        nxt = host[i + 1] if i + 1 < len(host) else ""
        if c in "0123456789abcdefABCDEF":
            continue
        if c == ":":
            if nxt == ":":
                if dc:
                    return False
                dc = True
            elif nxt == ".":
                return False
        elif c == ".":
            if nxt in (":", "."):
                return False
        else:
            return False
    return True


def _fix_non_v6(host: str) -> tuple[bool, str]:
    if "/" in host or "\\" in host or ".." in host:
        return False, host
    h = "".join(c.lower() if "A" <= c <= "Z" else c for c in host)
    if h.endswith("."):
        h = h[:-1]
    return True, h


def _strict_hostname(r: Request, host: str) -> bool:
    dotted = True
    leading_zeroes = False
    dots = 0
    n = len(host)
    for i, c in enumerate(host):
        if c.isascii() and (c.isalpha() or c in "-_"):
            dotted = False
        elif c == ".":
            dots += 1
            if i + 2 < n and host[i + 1] == "0" and host[i + 2].isdigit():
                leading_zeroes = True
        elif not (c.isascii() and c.isdigit()):
            r.log_error("core", "debug", f"AH02415: [strict] Invalid host name '{host}', problem near: {host[i:i + 6]}")
            return False
    if dotted:
        if host.startswith(".") or (host[:1] == "0" and host[1:2].isdigit()):
            leading_zeroes = True
        if leading_zeroes or dots != 3:
            r.log_error("core", "debug", f"AH02415: [strict] Invalid host name '{host}'")
            return False
    else:
        i = host.rfind(".")
        if i >= 0 and i + 1 < n and not host[i + 1].isalpha():
            r.log_error("core", "debug", f"AH02415: [strict] Invalid host name '{host}'")
            return False
    return True


def check_request_header(r: Request) -> bool:
    """ap_check_request_header: vhost from Host, the Host rules, Expect."""
    conn = r.conn
    host_header = r.headers_in.get("Host")
    strict = r.server.limits.strict
    ok = True
    from_url = False
    if r.hostname:
        from_url = True
        ok = fix_hostname(r, None, strict)
    elif host_header is not None:
        ok = fix_hostname(r, host_header, strict)
    if not ok:
        r.status = 400
    if r.status == 200 and strict and from_url and host_header is not None:
        v6 = ":" in (r.hostname or "")
        repl = (f"[{r.hostname}]" if v6 else r.hostname) + (f":{r.port_str}" if r.port_str else "")
        r.headers_in.set("Host", repl)
    if r.status == 200 and r.hostname:
        names = conn.vhost_names
        if names is not None:
            s = VhostTable.for_request(names, r.server, r.hostname, conn.local_port)
            if s is not None:
                set_server(r, s)
            elif r.server.strict_host_check:
                r.status = 400
        elif r.server.strict_host_check and not r.server.matches_name(r.hostname):
            r.status = 400
    if r.status != 200:
        return False
    if (not r.hostname and r.proto_num >= 1001) or (r.proto_num == 1001 and host_header is None):
        r.log_error("core", "debug", "AH00569: client sent HTTP/1.1 request without hostname "
                    f"(see RFC2616 section 14.23): {r.uri}")
        r.status = 400
        return False
    expect = r.headers_in.get("Expect")
    if expect:
        if expect.lower() == "100-continue":
            r.expecting_100 = True
        else:
            r.log_error("core", "info", f"AH00570: client sent an unrecognized expectation value of Expect: {expect}")
            r.status = 417
            return False
    return True


def set_server(r: Request, s) -> None:
    r.server = s
    r.per_dir_config = s.lookup_defaults


def post_read_request(r: Request) -> int:
    for fn in r.site.hooks["post_read_request"]:
        rc = fn(r)
        if rc is not None and rc != DECLINED and rc != OK:
            return rc
    p = r.parsed_uri
    if p is not None and p.scheme and p.scheme.lower() not in ("http", "https"):
        return 400
    return OK


def create_request(r: Request) -> None:
    """ap_run_create_request: the request's filter chains start at the connection's filters;
    http_core's hook adds the protocol filters (apachepy/http/response.py)."""
    cf = getattr(r.conn, "filters", None)
    if cf is None:
        return
    r.filters = RequestFilters(r, cf)
    for fn in r.site.hooks["create_request"]:
        fn(r)


# -- ap_process_request_internal ----------------------------------------------------------

def process_request_internal(r: Request) -> int:
    file_req = r.main is not None and r.filename is not None and r.uri == ""
    if r.parsed_uri is not None and r.parsed_uri.path is not None and not file_req:
        path, ok = normalize_path(r.uri, merge_slashes=r.server.merge_slashes, decode_unreserved=True)
        if not ok:
            r.log_error("core", "error", f"AH10244: invalid URI path ({r.unparsed_uri})")
            return 400
        r.uri = path
    if not file_req:
        saved = r.per_dir_config
        rc = location_walk(r)
        if rc:
            return rc
        rc = if_walk(r)
        if rc:
            return rc
        r.per_dir_config = saved
    if r.parsed_uri is not None and r.parsed_uri.path is not None and not file_req:
        allow, decode = r.per_dir_config.allow_encoded_slashes
        uri, st = unescape_url(r.uri, forbid_slashes=not allow, keep_slashes=allow and not decode,
                               keep_unreserved=True)
        if st:
            if st == 404 and not allow:
                r.log_error("core", "info", f"AH00026: found %2f (encoded '/') in URI path ({r.unparsed_uri}), "
                            "returning 404")
            r.uri = uri
            return st
        r.uri = uri
        if allow and decode:
            r.uri, _ = normalize_path(r.uri, merge_slashes=r.server.merge_slashes, decode_unreserved=False)
    if not file_req:
        rc = location_walk(r) or if_walk(r)
        if rc:
            return rc
        rc = run_first(r, "translate_name")
        if rc != OK:
            return _decl_die(rc, "translate", r)
    r.per_dir_config = r.server.lookup_defaults
    rc = run_first(r, "map_to_storage")
    if rc != OK:
        return rc
    rc = location_walk(r) or if_walk(r)
    if rc:
        return rc
    if r.main is None:
        rc = run_all(r, "header_parser")
        if rc != OK:
            return rc
    if r.prev is not None and r.prev.per_dir_config is r.per_dir_config:
        r.user = r.prev.user
        r.ap_auth_type = r.prev.ap_auth_type
    elif r.main is not None and r.main.per_dir_config is r.per_dir_config:
        r.user = r.main.user
        r.ap_auth_type = r.main.ap_auth_type
    else:
        rc = check_access(r)
        if rc != OK:
            return rc
    rc = run_first(r, "type_checker")
    if rc != OK:
        return _decl_die(rc, "find types", r)
    rc = run_all(r, "fixups")
    if rc != OK:
        return rc
    return OK


def check_access(r: Request) -> int:
    """The access/authn/authz part of ap_process_request_internal (Satisfy All/Any)."""
    satisfy = satisfies(r)
    if satisfy != "any":
        rc = run_all(r, "access_checker")
        if rc != OK:
            return _decl_die(rc, "check access (with Satisfy All)", r)
        rc = run_first(r, "access_checker_ex")
        if rc == DECLINED:
            return _authn_authz(r)
        if rc != OK:
            return _decl_die(rc, "check access", r)
        return OK
    rc = run_all(r, "access_checker")
    if rc == OK:
        return OK
    rc = run_first(r, "access_checker_ex")
    if rc == DECLINED:
        return _authn_authz(r)
    if rc != OK:
        return _decl_die(rc, "check access", r)
    return OK


def _authn_authz(r: Request) -> int:
    rc = run_first(r, "check_user_id")
    if rc != OK:
        return _decl_die(rc, "check user", r)
    if r.user is None:
        r.log_error("core", "error", "AH00027: No authentication done but request not allowed without "
                    f"authentication for {r.uri}. Authentication not configured?")
        return _decl_die(500, "check user", r)
    rc = run_first(r, "auth_checker")
    if rc != OK:
        return _decl_die(rc, "check authorization", r)
    return OK


def satisfies(r: Request) -> str:
    """ap_satisfies: access_compat's Satisfy for this method ("all" when unset)."""
    sat = r.per_dir_config.satisfy
    if not sat:
        return "all"
    return sat.get(r.method_number, sat.get(-1, "all"))


def _decl_die(status: int, phase: str, r: Request) -> int:
    if status == DECLINED:
        r.log_error("core", "crit", f"AH00025: configuration error:  couldn't {phase}: {r.uri}")
        return 500
    return status


def run_first(r: Request, phase: str) -> int:
    """RUN_FIRST hooks: the first that doesn't decline decides; all declining is DECLINED."""
    for fn in r.site.hooks[phase]:
        rc = fn(r)
        if rc is None or rc == DECLINED:
            continue
        return rc
    return DECLINED if phase not in ("type_checker", "map_to_storage") else OK


def run_all(r: Request, phase: str) -> int:
    """RUN_ALL hooks: every hook runs until one returns something other than OK/DECLINED."""
    for fn in r.site.hooks[phase]:
        rc = fn(r)
        if rc is None or rc == OK or rc == DECLINED:
            continue
        return rc
    return OK


# -- handlers --------------------------------------------------------------------------------

def invoke_handler(r: Request) -> int:
    """ap_invoke_handler: insert_filter hooks, then the handler hooks (RUN_FIRST); without a
    handler the content type (without parameters) names one; r.handler is restored after."""
    r.filters_inserted = True
    for fn in r.site.hooks["insert_filter"]:
        fn(r)
    if r.filters is not None:
        rc = r.filters.run_init()      # the filters' init functions (invoke_filter_init)
        if rc:
            return rc
    old = r.handler
    if r.handler is None:
        ct = r.content_type
        r.handler = ct.split(";", 1)[0].strip().lower() if ct else ""
    try:
        for fn in r.site.hooks["handler"]:
            rc = fn(r)
            if rc is None or rc == DECLINED:
                continue
            return rc
        r.log_error("core", "error", f"AH00524: Handler for {r.handler} returned invalid result code {DECLINED}")
        return 500
    finally:
        r.handler = old


# -- sub-requests and redirects ------------------------------------------------------------

def make_sub_request(r: Request, next_filter=None) -> Request:
    """A sub-request of r; its output goes into r's chain at `next_filter` (the filter after
    the one that makes it, e.g. INCLUDES), or at r's protocol filters."""
    rn = Request(r.conn, r.server)
    rn.site = r.site
    rn.hostname = r.hostname
    rn.port_str = r.port_str
    rn.request_time = r.request_time
    rn.per_dir_config = r.server.lookup_defaults
    rn.htaccess = r.htaccess
    rn.allowed = r.allowed
    rn.the_request = r.the_request
    rn.assbackwards = True
    rn.no_local_copy = True
    rn.method = "GET"
    rn.method_number = M_GET
    rn.protocol = "INCLUDED"
    rn.proto_num = r.proto_num
    rn.status = 200
    rn.headers_in = r.headers_in.copy()
    if r.headers_in.get("Content-Length") is not None or r.headers_in.get("Transfer-Encoding") is not None:
        for h in ("Content-Encoding", "Content-Language", "Content-Length", "Content-Location", "Content-MD5",
                  "Content-Range", "Content-Type", "Transfer-Encoding"):
            rn.headers_in.unset(h)
    rn.subprocess_env = r.subprocess_env.copy()
    rn.expecting_100 = r.expecting_100
    rn.main = r
    rn.redirect_count = r.redirect_count + 1
    if r.filters is not None:
        rn.filters = r.filters.for_subrequest(rn, next_filter)
    return rn


def sub_req_lookup_uri(new_uri: str, r: Request, next_filter=None) -> Request:
    rn = make_sub_request(r, next_filter)
    if new_uri.startswith("/"):
        parse_uri(rn, new_uri)
    else:
        udir = r.uri[:r.uri.rfind("/") + 1] if "/" in r.uri else ""
        parse_uri(rn, escape_uri(udir) + new_uri)
    if rn.redirect_count > MAX_RECURSION:
        rn.status = 500
        return rn
    rc = process_request_internal(rn)
    if rc:
        rn.status = rc
    return rn


def sub_req_lookup_file(new_file: str, r: Request, next_filter=None) -> Request:
    """ap_sub_req_lookup_file for a name relative to r's directory (autoindex, mod_dir)."""
    rn = make_sub_request(r, next_filter)
    rn.method = "GET"
    rn.method_number = M_GET
    udir = r.uri[:r.uri.rfind("/") + 1]
    rn.uri = udir + escape_uri(new_file)
    rn.parsed_uri = uri_parse(rn.uri)
    fdir = r.filename if r.filename.endswith("/") else r.filename[:r.filename.rfind("/") + 1]
    rn.filename = fdir + new_file
    rc = file_lookup(rn)
    if rc:
        rn.status = rc
    return rn


def run_sub_req(rr: Request) -> int:
    """ap_run_sub_req: the sub-request's handler, its body through its output chain (which
    ends in its parent's); the handler's status (0 when it served)."""
    rc = invoke_handler(rr)
    if rc == DONE:
        rc = OK
    if rc == OK and rr.filters is not None:
        rr.filters.pass_brigade(from_body(rr.body) + [EOS])
    return rc


def file_lookup(rn: Request) -> int:
    try:
        rn.finfo = os.stat(rn.filename)
    except OSError:
        rn.finfo = None
    rc = directory_walk(rn) or file_walk(rn) or location_walk(rn) or if_walk(rn)
    if rc:
        return rc
    rc = check_access(rn) if not (rn.main is not None and rn.main.per_dir_config is rn.per_dir_config) else OK
    if rc != OK:
        return rc
    rc = run_first(rn, "type_checker")
    if rc != OK:
        return rc
    return run_all(rn, "fixups")


def internal_fast_redirect(rr: Request, r: Request) -> None:
    r.no_cache = r.no_cache and rr.no_cache
    r.no_local_copy = r.no_local_copy and rr.no_local_copy
    r.mtime = rr.mtime
    r.uri = rr.uri
    r.filename = rr.filename
    r.canonical_filename = rr.canonical_filename
    r.path_info = rr.path_info
    r.args = rr.args
    r.finfo = rr.finfo
    r.handler = rr.handler
    r.content_type = rr.content_type
    r.content_encoding = rr.content_encoding
    r.content_languages = rr.content_languages
    r.per_dir_config = rr.per_dir_config
    r.notes = rr.notes.overlay(r.notes)
    r.headers_out = rr.headers_out.overlay(r.headers_out)
    r.err_headers_out = rr.err_headers_out.overlay(r.err_headers_out)
    r.subprocess_env = rr.subprocess_env.overlay(r.subprocess_env)
    if rr.filters is not None:
        r.filters = rr.filters.for_fast_redirect(r)


def internal_redirect(new_uri: str, r: Request) -> None:
    """ap_internal_redirect: run the request again for new_uri and die with its status."""
    if r.redirect_count >= MAX_RECURSION:
        r.log_error("core", "error", "AH00124: Request exceeded the limit of 10 internal redirects due to "
                    "probable configuration error. Use 'LimitInternalRecursion' to increase the limit if "
                    "necessary. Use 'LogLevel debug' to get a backtrace.")
        die(500, r)
        return
    new = Request(r.conn, r.server)
    new.site = r.site
    new.method = r.method
    new.method_number = r.method_number
    parse_uri(new, new_uri)
    new.port_str = r.port_str
    new.per_dir_config = r.server.lookup_defaults
    new.prev = r
    r.next = new
    new.the_request = r.the_request
    new.allowed = r.allowed
    new.status = r.status
    new.assbackwards = r.assbackwards
    new.header_only = r.header_only
    new.protocol = r.protocol
    new.proto_num = r.proto_num
    new.hostname = r.hostname
    new.request_time = r.request_time
    new.start = r.start
    new.main = r.main
    new.headers_in = r.headers_in
    if 300 <= new.status < 400:
        loc = r.headers_out.get("Location")
        if loc:
            new.headers_out.set("Location", loc)
    if r.notes.get("redirect-keeps-vary") is not None:     # mod_rewrite's redirects keep Vary
        vary = r.headers_out.get("Vary")
        if vary is not None:
            new.headers_out.set("Vary", vary)
    new.err_headers_out = r.err_headers_out
    env = Table()
    for k, v in r.subprocess_env:
        env.set("REDIRECT_" + k, v)
    new.subprocess_env = env
    new.htaccess = r.htaccess
    new.no_cache = r.no_cache
    new.expecting_100 = r.expecting_100
    new.no_local_copy = r.no_local_copy
    new.vlist_validator = r.vlist_validator
    new.read_length = r.read_length
    new.body_reader = r.body_reader
    new.redirect_count = r.redirect_count + 1
    if r.filters is not None:
        new.filters = r.filters.for_redirect(new)
    new.subprocess_env.set("REDIRECT_STATUS", str(r.status))
    rc = post_read_request(new)
    if rc:
        die(rc, new)
        return
    rc = process_request_internal(new)
    if rc == OK:
        rc = invoke_handler(new)
    die(rc, new)


# -- errors ------------------------------------------------------------------------------------

def response_code_string(r: Request, status: int) -> str | None:
    """ap_response_code_string: the ErrorDocument for this status, evaluated (or None)."""
    docs = r.per_dir_config.error_docs
    if not docs:
        return None
    ent = docs.get(response_index_status(status))
    if ent is None or ent == "default":
        return None
    return eval_string(ent, r)


def die(status: int, r: Request, recursive_error: int | None = None) -> None:
    """ap_die: finish the request with `status` (OK/DONE: nothing to add)."""
    if recursive_error is None:
        recursive_error = r.status
    if status == OK or status == DONE:
        finalize_request_protocol(r)
        return
    if not (100 <= status < 600):
        if r.initial().headers_sent:
            return
        if status != -3:
            r.log_error("core", "error", f"AH01579: Invalid response status {status}")
        status = 500
    r_1st_err = r
    if recursive_error != 200:
        while r_1st_err.prev is not None and r_1st_err.prev.status != 200:
            r_1st_err = r_1st_err.prev
        if r_1st_err is not r and r_1st_err.filters is not None:
            # the failed ErrorDocument redirect had moved the chains to r: give them back
            update_r_in_filters(r_1st_err.filters, r, r_1st_err)
        custom = None
    else:
        custom = response_code_string(r, status)
        recursive_error = 0
    r.status = status
    if status in DROPS_CONNECTION:
        r.conn.keepalive = CONN_CLOSE
    if custom is not None and not custom.startswith('"'):
        if is_url(custom):
            r.status = 302
            r.headers_out.set("Location", custom)
        elif custom.startswith("/"):
            r.no_local_copy = True
            r.subprocess_env.set("REQUEST_METHOD", r.method)
            notes = r.notes.get("error-notes")
            if notes is not None:
                r.subprocess_env.set("ERROR_NOTES", notes)
            om, omn = r.method, r.method_number
            r.method, r.method_number = "GET", M_GET
            internal_redirect(custom, r)
            r.method, r.method_number = om, omn
            return
        else:
            recursive_error = 500
            r.log_error("core", "error", f"AH01580: Invalid error redirection directive: {custom}")
    send_error_response(r_1st_err, recursive_error)


def send_error_response(r: Request, recursive_error: int = 0) -> None:
    """ap_send_error_response: the canned page (or ErrorDocument text) for r.status."""
    status = r.status
    location = r.headers_out.get("Location")
    r.eos_sent = False
    r.body = None
    r.error_path = True
    if status in (204, 304):
        finalize_request_protocol(r)
        return
    if location is None:
        location = r.err_headers_out.get("Location")
    if not r.assbackwards:
        tmp = r.headers_out
        r.headers_out = r.err_headers_out
        r.err_headers_out = Table()
        del tmp
        if 300 <= status < 400 or status == 201:
            if location:
                r.headers_out.set("Location", location)
            else:
                location = ""
        r.content_languages = None
        r.content_encoding = None
        r.clength = 0
        if r.subprocess_env.get("suppress-error-charset") is not None:
            r.suppress_charset = True
            r.content_type = "text/html"
        else:
            r.content_type = "text/html; charset=iso-8859-1"
        if status in (405, 501):
            r.headers_out.set("Allow", make_allow(r))
        if r.header_only:
            finalize_request_protocol(r)
            return
    custom = None if recursive_error else response_code_string(r, status)
    if custom is not None and custom.startswith('"'):
        r.body = custom[1:].encode("latin-1", "replace")
        finalize_request_protocol(r)
        return
    notes = r.notes.get("variant-list" if status in (300, 406) else "error-notes")
    canned = canned_text(status, r.method, location, notes, r.headers_in.get("Expect"),
                         r.server.server_admin)
    page = error_page(status, canned, psignature("<hr>\n", r), recursive_error)
    r.body = page.encode("latin-1", "replace")
    finalize_request_protocol(r)


# bottom imports: these modules import this one
from .exprctx import eval_string  # noqa: E402
from .response import finalize_request_protocol  # noqa: E402
from .walk import directory_walk, file_walk, if_walk, location_walk  # noqa: E402
