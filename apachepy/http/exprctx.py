"""The ap_expr evaluation context of a request (the variables util_expr_eval.c looks up)."""
from __future__ import annotations

import os

from .dates import rfc1123


class RequestContext:
    def __init__(self, r):
        self.r = r

    def var(self, name: str):
        r = self.r
        if name == "REQUEST_METHOD":
            return r.method
        if name == "REQUEST_SCHEME":
            return "https" if getattr(r.conn, "is_tls", False) else "http"
        if name == "REQUEST_URI":
            return r.uri
        if name in ("REQUEST_FILENAME", "SCRIPT_FILENAME"):
            return r.filename if r.filename is not None else r.uri
        if name == "REMOTE_ADDR":
            return r.conn.remote_ip
        if name == "REMOTE_PORT":
            return str(r.conn.remote_port)
        if name == "REMOTE_HOST":
            return r.conn.remote_ip
        if name == "REMOTE_USER":
            return r.user
        if name == "SERVER_ADMIN":
            return r.server.server_admin
        if name == "SERVER_NAME":
            from .request import get_server_name
            return get_server_name(r)
        if name == "SERVER_PORT":
            from .request import get_server_port
            return str(get_server_port(r))
        if name == "SERVER_PROTOCOL":
            return r.protocol
        if name == "PATH_INFO":
            return r.path_info or ""
        if name == "QUERY_STRING":
            return r.args
        if name == "IS_SUBREQ":
            return "true" if r.main is not None else "false"
        if name == "DOCUMENT_ROOT":
            return r.server.document_root
        if name == "CONTEXT_DOCUMENT_ROOT":
            from .request import context_document_root
            return context_document_root(r)
        if name == "CONTEXT_PREFIX":
            from .request import context_prefix
            return context_prefix(r)
        if name == "AUTH_TYPE":
            return r.ap_auth_type
        if name == "THE_REQUEST":
            return r.the_request
        if name == "CONTENT_TYPE":
            return r.content_type
        if name == "HANDLER":
            return r.handler
        if name == "DOCUMENT_URI":
            return r.uri
        if name == "LAST_MODIFIED":
            return rfc1123(r.finfo.st_mtime) if r.finfo is not None else None
        if name == "REQUEST_STATUS":
            return str(r.status)
        if name == "HTTPS":
            return "on" if getattr(r.conn, "is_tls", False) else "off"
        if name == "IPV6":
            return "on" if ":" in r.conn.remote_ip else "off"
        if name == "CONN_REMOTE_ADDR":
            return r.conn.remote_ip
        if name == "SERVER_SOFTWARE":
            return r.site.banner
        if name.startswith("SSL_"):         # mod_ssl's variables (only parsed when it is loaded)
            from ..filters.tls import request_lookup
            return request_lookup(r, name)
        return None

    def header(self, name: str):
        return self.r.headers_in.get(name)

    def resp_header(self, name: str):
        v = self.r.headers_out.get(name)
        return v if v is not None else self.r.err_headers_out.get(name)

    def reqenv(self, name: str):
        return self.r.subprocess_env.get(name)

    def note(self, name: str):
        return self.r.notes.get(name)

    def osenv(self, name: str):
        return os.environ.get(name)

    @property
    def remote_ip(self):
        return self.r.conn.remote_ip

    def add_vary(self, name: str):
        # ap_expr adds each request header it reads to the response's Vary
        self.r.headers_out.merge("Vary", name)

    def subreq_uri(self, uri: str):
        from .request import sub_req_lookup_uri
        rr = sub_req_lookup_uri(uri, self.r)
        return rr.status

    def subreq_file(self, path: str):
        return 404, path

    def now(self):
        return self.r.request_time


def eval_condition(expr, r) -> int:
    """1 true, 0 false, -1 evaluation error (logged as httpd does for <If>)."""
    from ..expr import ExprEvalError
    try:
        return 1 if expr.evaluate(RequestContext(r)) else 0
    except ExprEvalError as e:
        r.log_error("core", "error", f"AH00039: Failed to evaluate <If > condition: {e}")
        return -1


def eval_string(expr, r) -> str | None:
    """A string-mode expression's value (ErrorDocument, Header values...)."""
    if isinstance(expr, str):
        return expr
    from ..expr import ExprEvalError
    try:
        return expr.evaluate(RequestContext(r))
    except ExprEvalError as e:
        r.log_error("core", "error", f"AH02500: Evaluation of expression failed: {e}")
        return None
