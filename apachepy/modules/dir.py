"""mod_dir: DirectorySlash redirects, DirectoryIndex sub-requests, FallbackResource."""
from __future__ import annotations

from ..config.args import words
from ..http.conf import compiles, field
from ..http.hooks import DECLINED, LAST, OK, hook
from ..http.request import M_GET, construct_url, internal_fast_redirect, sub_req_lookup_uri
from ..http.uri import escape_uri

DIR_MAGIC_TYPE = "httpd/unix-directory"

field("index_names", None)         # None: "index.html"; [] after "DirectoryIndex disabled"
field("do_slash", True)
field("dir_checkhandler", False)
field("redirect_index", 0)
field("fallback", None)


@compiles("DirectoryIndex")
def _c_index(conf, vals, ctx):
    names: list[str] = []
    for line in vals:
        ws = words(line) if isinstance(line, str) else list(line)
        if len(ws) == 1 and ws[0].lower() == "disabled":
            names = []
            continue
        names.extend(ws)
    conf.index_names = names


@compiles("DirectorySlash")
def _c_slash(conf, vals, ctx):
    v = vals[-1][0] if isinstance(vals[-1], list) else vals[-1]
    conf.do_slash = v is True or str(v).lower() == "on"


@compiles("DirectoryCheckHandler")
def _c_check(conf, vals, ctx):
    v = vals[-1][0] if isinstance(vals[-1], list) else vals[-1]
    conf.dir_checkhandler = v is True or str(v).lower() == "on"


@compiles("DirectoryIndexRedirect")
def _c_redirect(conf, vals, ctx):
    a = str(vals[-1][0]).lower()
    conf.redirect_index = {"on": 302, "off": 0, "permanent": 301, "temp": 302, "seeother": 303}.get(
        a, int(a) if a.isdigit() else 0)


@compiles("FallbackResource")
def _c_fallback(conf, vals, ctx):
    conf.fallback = vals[-1][0]


def _is_redirect(status: int) -> bool:
    return 300 <= status < 400


def fixup_dir(r):
    if not r.handler:
        r.handler = DIR_MAGIC_TYPE
    if r.path_info:
        return DECLINED
    d = r.per_dir_config
    if not r.uri or not r.uri.endswith("/"):
        if not d.do_slash:
            return DECLINED
        if r.method_number != M_GET and r.subprocess_env.get("redirect-carefully") is not None:
            return DECLINED
        ifile = escape_uri(r.uri) + "/" + (f"?{r.args}" if r.args is not None else "")
        r.headers_out.set("Location", construct_url(ifile, r))
        return 301
    if r.handler == "redirect-handler":
        # between mod_rewrite's fixup and its internal redirect handler: step aside
        if r.content_type == DIR_MAGIC_TYPE:
            r.content_type = None
        return DECLINED
    if d.dir_checkhandler and r.handler != DIR_MAGIC_TYPE:
        if r.content_type == DIR_MAGIC_TYPE:
            r.content_type = None
        return DECLINED
    names = d.index_names if d.index_names is not None else ["index.html"]
    error_notfound = 0
    for i, name in enumerate(names):
        if r.args is not None:
            name = f"{name}?{r.args}"
        rr = sub_req_lookup_uri(name, r)
        if rr.status == 200 and (rr.handler == "proxy-server" or rr.is_reg):
            if _is_redirect(d.redirect_index):
                r.headers_out.set("Location", construct_url(rr.uri, r))
                return d.redirect_index
            internal_fast_redirect(rr, r)
            return OK
        last = i == len(names) - 1 and len(names) == 1
        if _is_redirect(rr.status) or (rr.status in (406, 401) and len(names) == 1):
            r.notes = rr.notes.overlay(r.notes)
            r.headers_out = r.headers_out.overlay(rr.headers_out)
            r.err_headers_out = r.err_headers_out.overlay(rr.err_headers_out)
            return rr.status
        if rr.status and rr.status not in (404, 200):
            error_notfound = rr.status
    if error_notfound:
        return error_notfound
    r.notes.set("dir-index-names", ",".join(d.index_names) if d.index_names is not None else "index.html")
    return DECLINED


def fixup_dflt(r):
    name = r.per_dir_config.fallback
    if name is None or name.lower() == "disabled":
        return DECLINED
    if r.args is not None:
        name = f"{name}?{r.args}"
    rr = sub_req_lookup_uri(name, r)
    if rr.status == 200 and (rr.handler == "proxy-server" or rr.is_reg):
        internal_fast_redirect(rr, r)
        return OK
    if _is_redirect(rr.status):
        r.notes = r.notes.overlay(rr.notes)
        r.headers_out = r.headers_out.overlay(rr.headers_out)
        r.err_headers_out = r.err_headers_out.overlay(rr.err_headers_out)
        return rr.status
    if rr.status and rr.status not in (404, 200):
        return rr.status
    return DECLINED


@hook("fixups", "dir_module", LAST)
def dir_fixups(r):
    if r.is_dir:
        return fixup_dir(r)
    if r.finfo is None and r.handler is None:
        return fixup_dflt(r)
    return DECLINED


from .base import serves  # noqa: E402

serves("FallbackResource", "DirectoryIndex", "DirectorySlash", "DirectoryCheckHandler", "DirectoryIndexRedirect")
