"""mod_autoindex: the plain directory listing (<ul>), IndexIgnore, sorting by name, and the
403 when Options lacks Indexes.  FancyIndexing/HTMLTable output is not implemented: such
requests get the plain list (listed in the module's report)."""
from __future__ import annotations

import fnmatch
import os

from ..http.conf import OPT_INDEXES, compiles, field
from ..http.hooks import DECLINED, MIDDLE, OK, hook
from ..http.status import DOCTYPE, escape_html
from ..http.request import M_GET, psignature, sub_req_lookup_file
from ..http.uri import escape_uri, normalize_path

DIR_MAGIC_TYPE = "httpd/unix-directory"

field("index_ignore", [], lambda b, a: b + a)
field("index_options", None)
field("index_charset", None)


@compiles("IndexIgnore")
def _c_ignore(conf, vals, ctx):
    pats = []
    for args in vals:
        pats.extend(args if isinstance(args, list) else [args])
    conf.index_ignore = pats


@compiles("IndexOptions")
def _c_options(conf, vals, ctx):
    opts = []
    for args in vals:
        opts.extend(args if isinstance(args, list) else [args])
    conf.index_options = opts
    for o in opts:
        if o.lower().startswith("charset="):
            conf.index_charset = o[8:]


def _ignored(patterns, path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    for p in patterns:
        if "/" in p:
            if fnmatch.fnmatchcase(path, p if p.startswith("*") or p.startswith("/") else "*" + p):
                return True
        elif fnmatch.fnmatchcase(name, p):
            return True
    return False


@hook("handler", "autoindex_module", MIDDLE)
def handle_autoindex(r):
    if r.handler not in (DIR_MAGIC_TYPE, "", None) or not r.is_dir:
        return DECLINED
    r.allowed |= 1 << M_GET
    if r.method_number != M_GET:
        return DECLINED
    if r.per_dir_config.options[0] & OPT_INDEXES:
        br = r.body_reader
        if br is not None:
            br.discard()
        if not r.filename.endswith("/"):
            r.filename += "/"
        return index_directory(r)
    names = r.notes.get("dir-index-names")
    r.log_error("autoindex", "error", f"AH01276: Cannot serve directory {r.filename}: No matching DirectoryIndex "
                f"({names if names is not None else 'none'}) found, and server-generated directory index "
                "forbidden by Options directive")
    return 403


def index_directory(r) -> int:
    conf = r.per_dir_config
    try:
        entries = os.listdir(r.filename)
    except OSError as e:
        r.log_error("autoindex", "error", f"AH01275: Can't open directory for "
                    f"index: {r.filename}", err=e.errno)
        return 403
    charset = conf.index_charset or "ISO-8859-1"
    r.content_type = f"text/html;charset={charset}" if charset else "text/html"
    if r.header_only:
        return OK
    title = escape_html(r.uri)
    while len(title) > 1 and title.endswith("/"):
        title = title[:-1]
    out = [f"{DOCTYPE}<html>\n <head>\n  <title>Index of {title}</title>\n </head>\n <body>\n"
           f"<h1>Index of {title}</h1>\n<ul>"]
    items = []
    parent, ok = normalize_path(r.uri.rstrip("/") + "/../" if r.uri.endswith("/") else r.uri + "/../",
                                merge_slashes=False, decode_unreserved=False, allow_relative=True)
    ignore = conf.index_ignore
    if ok and parent and not _ignored(ignore, r.filename.rstrip("/") + "/.."):
        items.append(parent)
    names = []
    for name in entries:
        if name in (".", ".."):
            continue
        full = r.filename + name
        if ignore and _ignored(ignore, full):
            continue
        try:
            st = os.stat(full)
        except OSError:
            continue
        rr = sub_req_lookup_file(name, r)
        mode = st.st_mode & 0o170000
        if mode not in (0o040000, 0o100000):
            continue
        if not (rr.status == 0 or 200 <= rr.status < 400):
            continue
        names.append(name + "/" if mode == 0o040000 else name)
    names.sort(key=lambda n: n.encode("latin-1", "replace"))
    items.extend(names)
    for i, t in enumerate(items):
        anchor = escape_html(_os_escape_path(t))
        label = "Parent Directory" if i == 0 and t.startswith("/") else t
        out.append(f'<li><a href="{anchor}"> {escape_html(label)}</a></li>\n')
    out.append("</ul>\n")
    out.append(psignature("", r))
    out.append("</body></html>\n")
    r.body = "".join(out).encode("latin-1", "replace")
    return OK


def _os_escape_path(path: str) -> str:
    """ap_os_escape_path(partial=0): a leading './' when a ':' comes before any '/'."""
    colon = path.find(":")
    slash = path.find("/")
    prefix = "./" if colon >= 0 and (slash < 0 or colon < slash) else ""
    return prefix + escape_uri(path)


from .base import handles, serves  # noqa: E402

serves("IndexOptions", "IndexIgnore")


@handles("FancyIndexing")
def fancy_indexing(cmd, arg):
    """httpd 2.4 keeps the name only to reject it with this message."""
    return "The FancyIndexing directive is no longer supported. Use IndexOptions FancyIndexing."
