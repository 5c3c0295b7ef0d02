"""core and http_core when serving: per-dir directives (Options, AllowOverride, ErrorDocument,
FileETag, AcceptPathInfo, ...), URL-to-file translation, the storage walk, TRACE and
OPTIONS, the type/handler overrides and the default (static file) handler."""
from __future__ import annotations

import os
import time

from ..config.args import words
from ..config.registry import OR_ALL, OR_AUTHCFG, OR_FILEINFO, OR_INDEXES, OR_LIMIT, OR_OPTIONS
from ..http import hooks
from ..http.conf import (ETAG_ALL, ETAG_DIGEST, ETAG_INODE, ETAG_MTIME, ETAG_NONE, ETAG_SIZE, ETAG_UNSET,
                         OPT_ALL, OPT_EXECCGI, OPT_INC_WITH_EXEC, OPT_INCLUDES, OPT_INDEXES, OPT_MULTI,
                         OPT_NONE, OPT_SYM_LINKS, OPT_SYM_OWNER, OPT_UNSET, compiles)
from ..http.hooks import DECLINED, DONE, OK, hook
from ..http.status import response_index_status
from ..http.conditions import meets_conditions
from ..http.dates import rfc1123
from ..http.response import discard_request_body
from ..http.request import (M_GET, M_INVALID, M_OPTIONS, M_POST, M_TRACE, FileBody, allow_standard,
                            make_allow)
from ..http.trace import send_trace
from ..http.walk import directory_walk, file_walk
from .base import handles

NONFATAL_OVERRIDE = 512
NONFATAL_UNKNOWN = 1024

_OPTION_BITS = {"indexes": OPT_INDEXES, "includes": OPT_INCLUDES | OPT_INC_WITH_EXEC, "includesnoexec": OPT_INCLUDES,
                "followsymlinks": OPT_SYM_LINKS, "symlinksifownermatch": OPT_SYM_OWNER, "execcgi": OPT_EXECCGI,
                "multiviews": OPT_MULTI, "runscripts": OPT_MULTI | OPT_EXECCGI}


def apply_options(state: tuple, line: str, allowed: int = OPT_ALL | OPT_SYM_OWNER | OPT_MULTI) -> tuple | str:
    """set_options on (opts, add, remove): the new state, or httpd's error text."""
    opts, add, rem = state
    first = True
    merge = False
    all_none = False
    for w in words(line):
        action = ""
        if w[:1] in ("+", "-"):
            action = w[0]
            w = w[1:]
            if not merge and not first and not all_none:
                return "Either all Options must start with + or -, or no Option may."
            merge = True
        elif first:
            opts = OPT_NONE
        elif merge:
            return "Either all Options must start with + or -, or no Option may."
        lw = w.lower()
        if lw in _OPTION_BITS:
            opt = _OPTION_BITS[lw]
        elif lw == "none":
            if not first:
                return "'Options None' must be the first Option given."
            if merge:
                return "You may not use 'Options +None' or 'Options -None'."
            opt = OPT_NONE
            all_none = True
        elif lw == "all":
            if not first:
                return "'Options All' must be the first option given."
            if merge:
                return "You may not use 'Options +All' or 'Options -All'."
            opt = OPT_ALL
            all_none = True
        else:
            return f"Illegal option {w}"
        if (allowed & opt) != opt:
            return f"Option {w} not allowed here"
        if action == "-":
            rem |= opt
            add &= ~opt
            opts &= ~opt
        elif action == "+":
            add |= opt
            rem &= ~opt
            opts |= opt
        else:
            opts |= opt
        first = False
    return opts, add, rem


@handles("Options")
def options(cmd, arg: str):
    allowed = getattr(cmd, "override_opts", OPT_ALL | OPT_SYM_OWNER | OPT_MULTI)
    res = apply_options((OPT_UNSET, 0, 0), arg, allowed)
    if isinstance(res, str):
        return res
    cmd.store(arg)
    return None


@compiles("Options")
def _c_options(conf, vals, ctx):
    state = (OPT_UNSET, 0, 0)
    for line in vals:
        res = apply_options(state, line)
        if not isinstance(res, str):
            state = res
    conf.options = state


_OVERRIDE_BITS = {"limit": OR_LIMIT, "options": OR_OPTIONS, "fileinfo": OR_FILEINFO, "authconfig": OR_AUTHCFG,
                  "indexes": OR_INDEXES}


def _override_opts(names) -> int:
    o = OPT_NONE
    for part in names:
        p = part.strip().lower()
        if p in _OPTION_BITS:
            o |= _OPTION_BITS[p]
        elif p == "all":
            o |= OPT_ALL
    return o


@compiles("AllowOverride")
def _c_allow_override(conf, vals, ctx):
    if isinstance(vals, tuple):
        # core.py's typed value: (override bits, the Options= list or None)
        bits, opts = vals
        conf.override = bits
        if opts is not None:            # only an Options word sets them (not "All")
            conf.override_opts = _override_opts(opts)
        return
    ov = 0
    ovo = None
    for ws in vals:
        ov = 0
        for w in ws:
            k, _, v = w.partition("=")
            lk = k.lower()
            if lk == "options":
                ov |= OR_OPTIONS
                ovo = _override_opts(v.split(",")) if v else OPT_ALL
            elif lk in _OVERRIDE_BITS:
                ov |= _OVERRIDE_BITS[lk]
            elif lk == "nonfatal":
                vl = v.lower()
                ov |= {"override": NONFATAL_OVERRIDE, "unknown": NONFATAL_UNKNOWN}.get(vl, 0)
                if vl == "all":
                    ov |= NONFATAL_OVERRIDE | NONFATAL_UNKNOWN
            elif lk == "none":
                ov = 0
            elif lk == "all":
                ov = OR_ALL
    conf.override = ov
    if ovo is not None:
        conf.override_opts = ovo


@compiles("AllowOverrideList")
def _c_override_list(conf, vals, ctx):
    names = set()
    for ws in vals:
        for w in (ws if isinstance(ws, list) else [ws]):
            if w.lower() == "none":
                names = set()
            else:
                names.add(w)
    conf.override_list = names or None


@handles("ErrorDocument")
def error_document(cmd, code: str, msg: str):
    import re
    m = re.match(r"\s*([+-]?\d+)", code)
    num = int(m.group(1)) if m else 0
    idx = response_index_status(num)
    if num != 500 and idx == 500:
        return f"Unsupported HTTP response code {code}"
    if " " in msg:
        what = "msg"
    elif msg.startswith("/"):
        what = "local"
    else:
        from ..http.uri import is_url
        what = "remote" if is_url(msg) else "msg"
    if num == 401 and what == "remote":
        node = cmd.directive
        cmd.reader.log.log("core", "notice", f"AH00113: {node.file}:{node.line} cannot use a full URL in a 401 "
                           "ErrorDocument directive --- ignoring!")
        return None
    if msg.lower() == "default":
        cmd.store((idx, "default"))
        return None
    response = '"' + msg if what == "msg" else msg
    from ..expr import ExprError, parse
    try:
        expr = parse(response, string_mode=True)
    except ExprError as e:
        return f"Cannot parse expression in ErrorDocument: {e}"
    cmd.store((idx, expr))
    return None


@compiles("ErrorDocument")
def _c_error_document(conf, vals, ctx):
    docs = {}
    for v in vals:
        if isinstance(v, tuple):
            docs[v[0]] = v[1]
    conf.error_docs = docs


@compiles("AcceptPathInfo")
def _c_accept_path_info(conf, vals, ctx):
    v = str(vals[-1][0]).lower()
    conf.accept_path_info = {"on": 0, "off": 1, "default": 2}.get(v, 2)


@compiles("UseCanonicalName")
def _c_ucn(conf, vals, ctx):
    conf.use_canonical_name = str(vals[-1][0]).lower()


@compiles("UseCanonicalPhysicalPort")
def _c_ucpp(conf, vals, ctx):
    conf.use_canonical_phys_port = _flag(vals[-1])


@compiles("LimitRequestBody")
def _c_limit_body(conf, vals, ctx):
    try:
        conf.limit_req_body = int(vals[-1][0])
    except ValueError:
        pass


@compiles("ServerSignature")
def _c_signature(conf, vals, ctx):
    v = str(vals[-1][0]).lower()
    if v in ("on", "off", "email"):
        conf.server_signature = v


@compiles("AddDefaultCharset")
def _c_default_charset(conf, vals, ctx):
    v = vals[-1][0]
    if v.lower() == "off":
        conf.add_default_charset = None
    elif v.lower() == "on":
        conf.add_default_charset = "iso-8859-1"
    else:
        conf.add_default_charset = v


@compiles("ForceType")
def _c_force_type(conf, vals, ctx):
    conf.mime_type = vals[-1][0].lower()


@compiles("SetHandler")
def _c_set_handler(conf, vals, ctx):
    conf.handler = vals[-1][0].lower()


@compiles("FileETag")
def _c_file_etag(conf, vals, ctx):
    bits, add, rem = ETAG_UNSET, 0, 0
    table = {"size": ETAG_SIZE, "lmtime": ETAG_MTIME, "mtime": ETAG_MTIME, "lastmodified": ETAG_MTIME,
             "inode": ETAG_INODE, "digest": ETAG_DIGEST}
    for line in vals:
        first = True
        for tok in words(line):
            action = "*"
            if tok[:1] in "+-":
                action, tok = tok[0], tok[1:]
            elif first:
                bits, add, rem = ETAG_UNSET, 0, 0
                first = False
            lt = tok.lower()
            if lt == "none":
                bits = bit = ETAG_NONE
                continue
            if lt == "all":
                bits = bit = ETAG_ALL
                continue
            bit = table.get(lt, 0)
            if action == "+":
                add |= bit
                rem &= ~bit
            elif action == "-":
                rem |= bit
                add &= ~bit
            else:
                bits |= bit
                add = rem = 0
    conf.etag = (bits, add, rem)


@handles("FileETag")
def file_etag(cmd, arg: str):
    for tok in words(arg):
        action = tok[:1] if tok[:1] in "+-" else ""
        t = tok[1:] if action else tok
        lt = t.lower()
        if lt in ("none", "all"):
            if action:
                return f"FileETag keyword '{t}' cannot be used with '+' or '-'"
        elif lt not in ("size", "lmtime", "mtime", "lastmodified", "inode", "digest"):
            return f"Unknown keyword '{t}' for FileETag directive"
    cmd.store(arg)
    return None


@compiles("EnableSendfile")
def _c_sendfile(conf, vals, ctx):
    conf.enable_sendfile = _flag(vals[-1])


@compiles("EnableMMAP")
def _c_mmap(conf, vals, ctx):
    conf.enable_mmap = _flag(vals[-1])


@compiles("MaxRanges")
def _c_max_ranges(conf, vals, ctx):
    v = str(vals[-1][0]).lower()
    if v == "none":
        conf.max_ranges = 0
    elif v == "default":
        conf.max_ranges = 200
    elif v == "unlimited":
        conf.max_ranges = -1
    else:
        try:
            conf.max_ranges = int(v)
        except ValueError:
            pass


@compiles("AllowEncodedSlashes")
def _c_encoded_slashes(conf, vals, ctx):
    v = str(vals[-1][0]).lower()
    conf.allow_encoded_slashes = (v in ("on", "nodecode"), v == "on")


@compiles("ContentDigest")
def _c_content_digest(conf, vals, ctx):
    conf.content_md5 = _flag(vals[-1])


@compiles("HostnameLookups")
def _c_hostname_lookups(conf, vals, ctx):
    conf.hostname_lookups = str(vals[-1][0]).lower() in ("on", "double")


def _flag(v) -> bool:
    x = v[0] if isinstance(v, list) else v
    return x is True or str(x).lower() == "on"


# -- request hooks ---------------------------------------------------------------------------

@hook("translate_name", "core_module", hooks.REALLY_LAST)
def core_translate(r):
    """ap_core_translate: DocumentRoot + URI."""
    uri = r.uri
    if not uri or (uri[0] != "/" and uri != "*"):
        r.log_error("core", "error", f"AH00126: Invalid URI in request '{uri}' '{r.the_request}'")
        return 400
    path = uri.lstrip("/")
    root = r.server.document_root
    if not path:
        r.filename = root if root.endswith("/") else root + "/"     # apr_filepath_merge ends the root with '/'
    else:
        r.filename = (root if root.endswith("/") else root + "/") + path
    if len(r.filename) >= 4096:
        # apr_filepath_merge refuses results longer than PATH_MAX
        r.log_error("core", "error", f"AH00127: Cannot map {r.the_request} to file", err=36)
        return 403
    r.canonical_filename = r.filename
    return OK


@hook("map_to_storage", "http_module", hooks.MIDDLE)
def send_http_trace(r):
    if r.method_number != M_TRACE:
        return DECLINED
    return send_trace(r)


@hook("map_to_storage", "http_module", hooks.MIDDLE)
def http_send_options(r):
    if r.method_number == M_OPTIONS and r.uri == "*":
        return DONE
    return DECLINED


@hook("map_to_storage", "core_module", hooks.REALLY_LAST)
def core_map_to_storage(r):
    rc = directory_walk(r)
    if rc:
        return rc
    return file_walk(r)


@hook("fixups", "core_module", hooks.REALLY_FIRST)
def core_override_type(r):
    conf = r.per_dir_config
    if conf.mime_type and conf.mime_type != "none":
        r.content_type = conf.mime_type
    if conf.handler and conf.handler != "none":
        r.handler = conf.handler
    if r.used_path_info == 2 and conf.accept_path_info is not None:
        r.used_path_info = conf.accept_path_info
    return OK


@hook("handler", "core_module", hooks.REALLY_LAST)
def default_handler(r):
    allow_standard(r, M_GET, M_OPTIONS, M_POST)
    errstatus = discard_request_body(r)
    if errstatus:
        return errstatus
    if r.method_number in (M_GET, M_POST):
        if r.finfo is None:
            r.log_error("core", "info", f"AH00128: File does not exist: {r.filename}{r.path_info or ''}")
            return 404
        if r.is_dir:
            r.log_error("core", "info", f"AH00129: Attempt to serve directory: {r.filename}")
            return 404
        if r.used_path_info != 0 and r.path_info:
            r.log_error("core", "info", f"AH00130: File does not exist: {r.filename}{r.path_info}")
            return 404
        return serve_file(r)
    if r.method_number == M_INVALID:
        tr = r.the_request
        if tr and tr[0] == "\x16" and tr[1:2] in ("\x02", "\x03"):
            r.log_error("core", "error", f"AH00134: Invalid method in request {tr} - possible attempt to "
                        "establish SSL connection on non-SSL port")
        else:
            r.log_error("core", "error", f"AH00135: Invalid method in request {tr}")
        return 501
    if r.method_number == M_OPTIONS:
        if r.assbackwards:
            return DECLINED
        r.headers_out.set("Allow", make_allow(r))
        return OK
    return 405


def make_etag(r, st, is_file: bool = True) -> str:
    """ap_make_etag: [W/]"inode-size-mtime" by FileETag ([W/]"mtime" when not a file: `st` is
    then what the walk last stat'ed, or None); "" for FileETag None."""
    conf = r.per_dir_config
    # httpd: etag_bits = (bits & ~remove) | add
    b, add, rem = conf.etag
    bits = ((b & ~rem) | add) if b != ETAG_UNSET or add or rem else ETAG_UNSET
    if bits & ETAG_NONE:
        return ""
    if bits == ETAG_UNSET:
        bits = ETAG_MTIME | ETAG_SIZE
    mtime_us = st.st_mtime_ns // 1000 if st is not None else 0
    weak = "W/" if int(r.request_time * 1_000_000) - mtime_us < 1_000_000 else ""
    # a negotiated response: "etag;variant-list-etag", whose closing quote httpd's copy drops
    vlv = r.vlist_validator
    if vlv:
        weak, vlv = ("W/", vlv[3:]) if vlv[0] == "W" else (weak, vlv[1:])
    end = f";{vlv[:-1]}" if vlv else '"'
    if not is_file:
        return f'{weak}"{mtime_us:x}{end}'
    parts = []
    if bits & ETAG_INODE:
        parts.append("%x" % st.st_ino)
    if bits & ETAG_SIZE:
        parts.append("%x" % st.st_size)
    if bits & ETAG_MTIME:
        parts.append("%x" % mtime_us)
    return f'{weak}"{"-".join(parts)}{end}'


def serve_file(r):
    """The file part of default_handler: headers, conditions, the file as the body."""
    try:
        fd = os.open(r.filename, os.O_RDONLY)
    except OSError as e:
        r.log_error("core", "error", f"AH00132: file permissions deny server "
                    f"access: {r.filename}", err=e.errno)
        return 403
    st = r.finfo
    r.mtime = st.st_mtime
    mt = st.st_mtime
    lm = mt if mt < r.request_time else min(mt, time.time())
    r.headers_out.set("Last-Modified", rfc1123(lm))
    etag = make_etag(r, st)
    if etag:
        r.headers_out.set("ETag", etag)
    r.headers_out.set("Accept-Ranges", "none" if r.per_dir_config.max_ranges == 0 else "bytes")
    r.headers_out.set("Content-Length", str(st.st_size))
    cond = meets_conditions(r)
    if cond:
        os.close(fd)
        r.status = cond
        r.body = None
        return OK
    r.body = FileBody(r.filename, fd, 0, st.st_size)
    r.conn.open_fds.append(fd)
    return OK


from .base import serves  # noqa: E402

serves("AddDefaultCharset", "AcceptPathInfo", "AccessFileName", "AllowOverride", "AllowOverrideList", "Options",
       "ErrorDocument", "FileETag", "EnableMMAP", "EnableSendfile", "ReadBufferSize", "FlushMaxThreshold",
       "FlushMaxPipelined", "HostnameLookups", "ServerAdmin", "ServerSignature", "ErrorLog", "Timeout",
       "UseCanonicalName", "UseCanonicalPhysicalPort", "ServerTokens", "LimitRequestLine", "LimitRequestFieldsize",
       "LimitRequestFields", "LimitRequestBody", "LimitXMLRequestBody", "MaxRanges", "MaxRangeOverlaps",
       "MaxRangeReversals", "RegexDefaultOptions", "LimitInternalRecursion", "StrictHostCheck", "ForceType",
       "SetHandler", "AllowEncodedSlashes", "TraceEnable", "HttpProtocolOptions", "MergeSlashes", "DefaultType",
       "KeepAlive", "KeepAliveTimeout", "MaxKeepAliveRequests")
