"""The CGI/SSI environment of a request (server/util_script.c: ap_add_common_vars and
ap_add_cgi_vars), written into r.subprocess_env in httpd's order."""
from __future__ import annotations

import os

DEFAULT_PATH = "/bin:/usr/bin:/usr/ucb:/usr/bsd:/usr/local/bin"


def http2env(name: str) -> str | None:
    """HTTP_ + the header name upper-cased, '-' as '_'; other characters: not exported."""
    out = ["HTTP_"]
    for c in name:
        if c.isascii() and c.isalnum():
            out.append(c.upper())
        elif c == "-":
            out.append("_")
        else:
            return None
    return "".join(out)


def _server_name_for_url(r) -> str:
    from ..http.request import get_server_name
    name = get_server_name(r)
    return f"[{name}]" if ":" in name else name


def add_common_vars(r) -> None:
    from ..http.request import context_document_root, context_prefix, get_server_port, psignature
    from ..http.status import escape_html
    from ..http.table import Table
    env = r.subprocess_env
    e = env if not env.items else Table()
    for key, val in r.headers_in.items:
        low = key.lower()
        if low == "content-type":
            e.add("CONTENT_TYPE", val)
        elif low == "content-length":
            e.add("CONTENT_LENGTH", val)
        elif low in ("proxy", "authorization", "proxy-authorization"):
            continue
        else:
            name = http2env(key)
            if name is not None:
                e.add(name, val)
    for name, default in (("PATH", DEFAULT_PATH), ("LD_LIBRARY_PATH", None)):
        # env2env: the request's environment (SetEnv/PassEnv), then ours, then the default
        v = env.get(name)
        if v is None:
            v = os.environ.get(name, default)
        if v is not None:
            e.add(name, v)
    c = r.conn
    e.add("SERVER_SIGNATURE", psignature("", r))
    e.add("SERVER_SOFTWARE", r.site.banner)
    e.add("SERVER_NAME", escape_html(_server_name_for_url(r)))
    e.add("SERVER_ADDR", c.local_ip)
    e.add("SERVER_PORT", str(get_server_port(r)))
    e.add("REMOTE_ADDR", c.remote_ip)
    e.add("DOCUMENT_ROOT", r.server.document_root)
    e.set("REQUEST_SCHEME", "https" if getattr(c, "is_tls", False) else "http")
    e.add("CONTEXT_PREFIX", context_prefix(r))
    e.add("CONTEXT_DOCUMENT_ROOT", context_document_root(r))
    e.add("SERVER_ADMIN", r.server.server_admin)
    e.add("SCRIPT_FILENAME", r.filename or "")
    e.add("REMOTE_PORT", str(c.remote_port))
    if r.user:
        e.add("REMOTE_USER", r.user)
    else:
        back = r.prev
        while back is not None:
            if back.user:
                e.add("REDIRECT_REMOTE_USER", back.user)
                break
            back = back.prev
    if r.ap_auth_type:
        e.add("AUTH_TYPE", r.ap_auth_type)
    if r.prev is not None:
        if r.prev.uri:
            e.add("REDIRECT_URL", r.prev.uri)
        if r.prev.args is not None:
            e.add("REDIRECT_QUERY_STRING", r.prev.args)
    if e is not env:
        for key, val in e.items:
            env.set(key, val)


def _original_uri(r) -> str:
    line = r.the_request or ""
    parts = line.split(None, 2)
    return parts[1] if len(parts) > 1 else ""


def add_cgi_vars(r) -> None:
    env = r.subprocess_env
    env.set("GATEWAY_INTERFACE", "CGI/1.1")
    env.set("SERVER_PROTOCOL", r.protocol)
    env.set("REQUEST_METHOD", r.method)
    env.set("QUERY_STRING", r.args if r.args is not None else "")
    env.set("REQUEST_URI", _original_uri(r))
    if r.protocol == "INCLUDED":
        env.set("SCRIPT_NAME", r.uri)
        if r.path_info:
            env.set("PATH_INFO", r.path_info)
    elif not r.path_info:
        env.set("SCRIPT_NAME", r.uri)
    else:
        env.set("SCRIPT_NAME", r.uri[:find_path_info(r.uri, r.path_info)])
        env.set("PATH_INFO", r.path_info)
    if r.path_info:
        from ..http.request import sub_req_lookup_uri
        from ..http.uri import escape_uri
        pa = sub_req_lookup_uri(escape_uri(r.path_info), r)
        if pa.filename:
            env.set("PATH_TRANSLATED", pa.filename + (pa.path_info or ""))


def find_path_info(uri: str, path_info: str) -> int:
    """ap_find_path_info: where PATH_INFO starts in the URI (C's post-decrement loop)."""
    lu, lp = len(uri), len(path_info)
    while True:
        if lu == 0:
            lu = -1
            break
        lu -= 1
        if lp == 0:
            break
        lp -= 1
        if uri[lu] != path_info[lp]:
            break
        if path_info[lp] == "/":
            while lu and uri[lu - 1] == "/":
                lu -= 1
    if lu == -1:
        lu = 0
    while lu < len(uri) and uri[lu] != "/":
        lu += 1
    return lu
