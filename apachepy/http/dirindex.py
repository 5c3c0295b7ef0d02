"""mod_autoindex's directory listing (index_directory and the functions it uses), byte for
byte as httpd 2.4 writes it: the plain <ul> list, FancyIndexing's <pre> columns and the
HTMLTable layout, icons/alt texts/descriptions, sorting (C=, O=, V=, FoldersFirst,
IgnoreCase), the F= and P= query arguments, HeaderName/ReadmeName through sub-requests and
the preamble rules.  Output goes through the ap_r* buffering (oldwrite.py) with the same
write granularity as httpd, so Content-Length versus chunking and chunk breaks match.

File names are handled as bytes (latin-1 strings here): widths are strlen() counts and
comparisons are C's.  The config record and option bits are apachepy/modules/autoindex.py's.
"""
from __future__ import annotations

import functools
import os
import re
import time

from ..modules.autoindex import (ADDALTCLASS, BY_ENCODING, BY_PATH, BY_TYPE, EMIT_XHTML, FANCY_INDEXING,
                                 FOLDERS_FIRST, ICONS_ARE_LINKS, IGNORE_CASE, IGNORE_CLIENT, K_ADJUST, K_UNSET,
                                 SCAN_HTML_TITLES, SHOW_FORBIDDEN, SUPPRESS_COLSORT, SUPPRESS_DESC,
                                 SUPPRESS_ICON, SUPPRESS_LAST_MOD, SUPPRESS_PREAMBLE, SUPPRESS_RULES,
                                 SUPPRESS_SIZE, TABLE_INDEXING, TRACK_MODIFIED, VERSION_SORT, IndexConf)
from ..config.paths import fnmatch_regex, strcasecmp_match, strcmp_match
from .hooks import OK
from .oldwrite import RequestWriter
from .request import file_lookup, make_sub_request, psignature, run_sub_req, sub_req_lookup_uri
from .status import DOCTYPE, escape_html
from .uri import escape_uri, normalize_path, unescape_url, uri_parse

DOCTYPE_XHTML_1_0T = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n'
                      '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n')
INCLUDES_MAGIC_TYPE = "text/x-server-parsed-html"
K_NAME, K_LAST_MOD, K_SIZE, K_DESC = "N", "M", "S", "D"
D_ASCENDING, D_DESCENDING = "A", "D"
MAX_STRING_LEN = 8192           # HUGE_STRING_LEN: the bytes find_title reads
IOBUFSIZE = 8192                # AP_IOBUFSIZE: do_emit_plain's reads
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# -- APR/httpd string helpers ----------------------------------------------------------------

def strfsize(size: int) -> str:
    """apr_strfsize: four characters, binary magnitudes ('  - ' for no size)."""
    if size < 0:
        return "  - "
    if size < 973:
        return "%3d " % size
    units = "KMGTPE"
    o = 0
    while True:
        remain = size & 1023
        size >>= 10
        if size >= 973:
            o += 1
            continue
        if size < 9 or (size == 9 and remain < 973):
            remain = (remain * 5 + 256) // 512
            if remain >= 10:
                size, remain = size + 1, 0
            return ("%d.%d%s" % (size, remain, units[o]))[:4]
        if remain >= 512:
            size += 1
        return ("%3d%s" % (size, units[o]))[:4]


def fnmatch(pattern: str, s: str, escape: bool = True, period: bool = False) -> bool:
    if period and s.startswith(".") and not pattern.startswith("."):
        return False
    try:
        return fnmatch_regex(pattern, pathname=False, escape=escape).match(s) is not None
    except re.error:
        return False


def _schar(c: str) -> int:
    """A byte as x86's signed char."""
    o = ord(c)
    return o - 256 if o >= 128 else o


def _at(s: str, i: int) -> str:
    return s[i] if i < len(s) else "\0"


def _isdigit(c: str) -> bool:
    return "0" <= c <= "9"


def _compare_right(a: str, ai: int, b: str, bi: int) -> int:
    bias = 0
    while True:
        ca, cb = _at(a, ai), _at(b, bi)
        if not _isdigit(ca) and not _isdigit(cb):
            return bias
        if not _isdigit(ca):
            return -1
        if not _isdigit(cb):
            return 1
        if ca < cb:
            bias = bias or -1
        elif ca > cb:
            bias = bias or 1
        ai += 1
        bi += 1


def _compare_left(a: str, ai: int, b: str, bi: int) -> int:
    while True:
        ca, cb = _at(a, ai), _at(b, bi)
        if not _isdigit(ca) and not _isdigit(cb):
            return 0
        if not _isdigit(ca):
            return -1
        if not _isdigit(cb):
            return 1
        if ca != cb:
            return -1 if ca < cb else 1
        ai += 1
        bi += 1


def strnatcmp(a: str, b: str, fold_case: bool = False) -> int:
    """apr_strnatcmp / apr_strnatcasecmp (Martin Pool's natural order)."""
    ai = bi = 0
    while True:
        ca, cb = _at(a, ai), _at(b, bi)
        while ca in " \t\n\v\f\r":
            ai += 1
            ca = _at(a, ai)
        while cb in " \t\n\v\f\r":
            bi += 1
            cb = _at(b, bi)
        if _isdigit(ca) and _isdigit(cb):
            if ca == "0" or cb == "0":
                result = _compare_left(a, ai, b, bi)
            else:
                result = _compare_right(a, ai, b, bi)
            if result:
                return result
        if ca == "\0" and cb == "\0":
            return 0
        if fold_case:
            ca, cb = ca.upper() if ca.isascii() else ca, cb.upper() if cb.isascii() else cb
        va, vb = _schar(ca), _schar(cb)
        if va != vb:
            return -1 if va < vb else 1
        ai += 1
        bi += 1


def _strcmp(a: str, b: str) -> int:
    return (a > b) - (a < b)


def _strcasecmp(a: str, b: str) -> int:
    la = "".join(c.lower() if c.isascii() else c for c in a)
    lb = "".join(c.lower() if c.isascii() else c for c in b)
    return _strcmp(la, lb)


def full_path(a: str, b: str) -> str:
    """ap_make_full_path: one '/' between the parts unless a already ends with one."""
    if not a:
        return "/" + b
    return a + b if a.endswith("/") else a + "/" + b


def field_noparam(ctype: str | None) -> str | None:
    """ap_field_noparam: the value before any ';', without trailing blanks."""
    if ctype is None:
        return None
    return ctype.split(";", 1)[0].rstrip(" \t")


def response_is_html(r) -> bool:
    ct = (field_noparam(r.content_type) or "").lower()
    return ct in ("text/html", "application/xhtml+xml")


# -- looking things up in the configuration --------------------------------------------------

def find_item(ctype: str | None, cenc: str | None, path: str, items: list, path_only: bool) -> str | None:
    for p in items:
        # ^^DIRECTORY^^ and ^^BLANKICON^^ are looked up by name, whatever the section
        if path[:1] == "^" or strcmp_match(path, p.apply_path):
            if not p.apply_to:
                return p.data
            if p.type == BY_PATH or path[:1] == "^":
                if strcmp_match(path, p.apply_to):
                    return p.data
            elif not path_only:
                if not cenc:
                    if p.type == BY_TYPE and ctype and strcasecmp_match(ctype, p.apply_to):
                        return p.data
                elif p.type == BY_ENCODING and strcasecmp_match(cenc, p.apply_to):
                    return p.data
    return None


def find_by_request(rr, filename: str, items: list, path_only: bool) -> str | None:
    return find_item(field_noparam(rr.content_type), rr.content_encoding, filename, items, path_only)


def find_desc(d: IndexConf, filename_full: str):
    """The first AddDescription entry matching the name (its full path if the pattern has a '/')."""
    filename_only = filename_full[filename_full.rfind("/") + 1:]
    for t in d.desc_list:
        name = filename_full if t.full_path else filename_only
        if (fnmatch(t.pattern, name) if t.wildcards else t.pattern in name):
            return t
    return None


def ignore_entry(d: IndexConf, path: str) -> bool:
    tt = path[path.rfind("/") + 1:]
    for p in d.ign_list:
        ap = p.apply_to[p.apply_to.rfind("/") + 1:]
        if strcmp_match(path, p.apply_path) and strcmp_match(tt, ap):
            return True
    return False


def find_title(rr, filename: str) -> str | None:
    """The <title> of an HTML file (ScanHTMLTitles), line breaks made blanks."""
    if rr.status != 200 or rr.content_type is None:
        return None
    if not (response_is_html(rr) or rr.content_type == INCLUDES_MAGIC_TYPE) or rr.content_encoding:
        return None
    try:
        with open(filename, "rb") as f:
            buf = f.read(MAX_STRING_LEN - 1)
    except OSError:
        return None
    text = buf.decode("latin-1").split("\0", 1)[0]
    find = "<title>"
    p = 0
    for x, c in enumerate(text):
        if c.lower() == find[p]:
            p += 1
            if p == len(find):
                rest = text[x + 1:]
                lt = rest.find("<")
                if lt >= 0:
                    rest = rest[:lt]
                out = []
                for ch in rest:
                    if ch in "\r\n":
                        if out:
                            out.append(" ")
                        continue
                    out.append(ch)
                return "".join(out)
        else:
            p = 0
    return None


def terminate_description(d: IndexConf, desc: str, opts: int, desc_width: int) -> str:
    """Cut a description to its column (markup is free, an entity counts one) ending in '>'."""
    maxsize = desc_width
    if d.desc_adjust == K_UNSET:
        if opts & SUPPRESS_ICON:
            maxsize += 6
        if opts & SUPPRESS_LAST_MOD:
            maxsize += 19
        if opts & SUPPRESS_SIZE:
            maxsize += 7
    n = len(desc)
    x = 0
    while x < n and (maxsize > 0 or desc[x] == "<"):
        if desc[x] == "<":
            end = desc.find(">", x)
            if end < 0:
                return desc          # httpd reads on past the string here (undefined); kept as is
            x = end
        elif desc[x] == "&":
            maxsize -= 1
            end = desc.find(";", x)
            if end < 0:
                return desc
            x = end
        else:
            maxsize -= 1
        x += 1
    if not maxsize and x < n:
        return desc[:x - 1] + ">"
    return desc


# -- entries ---------------------------------------------------------------------------------

class Entry:
    __slots__ = ("name", "icon", "alt", "desc", "desc_src", "size", "lm", "ascending", "ignore_case",
                 "version_sort", "key", "isdir")

    def __init__(self, name: str, keyid: str, direction: str):
        self.name = name
        self.icon = self.alt = self.desc = self.desc_src = None
        self.size = -1
        self.lm = -1
        self.ascending = direction.upper() == D_ASCENDING
        self.ignore_case = self.version_sort = False
        self.key = keyid.upper()
        self.isdir = False

    def set_desc(self, src) -> None:
        self.desc_src = src
        self.desc = src.description if src is not None else None

    def cut_desc(self, d: IndexConf, opts: int, width: int) -> str:
        """terminate_description.  httpd cuts the configured AddDescription string itself, in
        place, so the cut stays for later listings of this process; so does this."""
        desc = terminate_description(d, self.desc, opts, width)
        if self.desc_src is not None:
            self.desc_src.description = desc
        return desc


def make_parent_entry(opts: int, d: IndexConf, r, keyid: str, direction: str) -> Entry | None:
    name, ok = normalize_path(full_path(r.uri, "../"), merge_slashes=False, decode_unreserved=False,
                              allow_relative=True)
    if not ok or not name:
        return None
    testpath = full_path(r.filename, "..")      # IndexIgnore and friends see "/this/dir/.."
    if ignore_entry(d, testpath):
        return None
    p = Entry(name, keyid, direction)
    p.version_sort = bool(opts & VERSION_SORT)
    if opts & FANCY_INDEXING:
        p.icon = find_item(None, None, testpath, d.icon_list, True) or \
            find_item(None, None, "^^DIRECTORY^^", d.icon_list, True)
        p.alt = find_item(None, None, testpath, d.alt_list, True) or \
            find_item(None, None, "^^DIRECTORY^^", d.alt_list, True) or "PARENTDIR"
        p.set_desc(find_desc(d, testpath))
    return p


def lookup_dirent(r, name: str, fsname: str, is_dir: bool):
    """ap_sub_req_lookup_dirent (AP_SUBREQ_NO_ARGS): a sub-request for an entry of r's
    directory; a directory gets its trailing slash on both the URI and the file name."""
    rn = make_sub_request(r)
    udir = r.uri[:r.uri.rfind("/") + 1]
    rn.uri = escape_uri(full_path(udir, name))
    rn.filename = full_path(r.filename[:r.filename.rfind("/") + 1], fsname)
    if is_dir:
        rn.filename += "/"
        rn.uri += "/"
    rn.parsed_uri = uri_parse(rn.uri)
    rc = file_lookup(rn)
    if rc:
        rn.status = rc
    return rn


def make_autoindex_entry(name: str, fsname: str, st, opts: int, d: IndexConf, r, keyid: str,
                         direction: str, pattern: str | None) -> Entry | None:
    if pattern is not None and not fnmatch(pattern, name, escape=False, period=True):
        return None
    if ignore_entry(d, full_path(r.filename, name)):
        return None
    is_dir = (st.st_mode & 0o170000) == 0o040000
    rr = lookup_dirent(r, name, fsname, is_dir)
    show_forbidden = bool(opts & SHOW_FORBIDDEN) and rr.status in (401, 403)
    if rr.finfo is None or not (rr.is_dir or rr.is_reg):
        return None
    if not (rr.status == 0 or 200 <= rr.status < 400 or show_forbidden):
        return None
    p = Entry(name + "/" if is_dir else name, keyid, direction)
    p.version_sort = bool(opts & VERSION_SORT)
    p.ignore_case = bool(opts & IGNORE_CASE)
    if opts & (FANCY_INDEXING | TABLE_INDEXING):
        p.lm = rr.finfo.st_mtime_ns // 1000
        rfile = _display(rr.filename)
        if is_dir:
            if opts & FOLDERS_FIRST:
                p.isdir = True
            rfile = rfile[:rfile.rfind("/")]     # the directory, without its slash (1.3 compat)
            p.icon = find_by_request(rr, rfile, d.icon_list, True) or \
                find_item(None, None, "^^DIRECTORY^^", d.icon_list, True)
            p.alt = find_by_request(rr, rfile, d.alt_list, True) or \
                find_item(None, None, "^^DIRECTORY^^", d.alt_list, True) or "DIR"
        else:
            p.icon = find_by_request(rr, rfile, d.icon_list, False)
            p.alt = find_by_request(rr, rfile, d.alt_list, False)
            p.size = rr.finfo.st_size
        p.set_desc(find_desc(d, rfile))
        if p.desc is None and opts & SCAN_HTML_TITLES:
            # a directory's "file" is the directory itself, which has no title to read
            p.desc = find_title(rr, rr.filename if not is_dir else os.fsdecode(rfile.encode("latin-1")))
    if keyid == K_LAST_MOD and p.lm < 0:
        p.lm = 0
    return p


def _display(path: str) -> str:
    """A file system path as the bytes httpd handles (latin-1 characters here)."""
    return os.fsencode(path).decode("latin-1")


def dsortf(e1: Entry, e2: Entry) -> int:
    if e1.name[0] == "/":
        return -1
    if e2.name[0] == "/":
        return 1
    if e1.isdir != e2.isdir:
        return -1 if e1.isdir else 1
    c1, c2 = (e1, e2) if e1.ascending else (e2, e1)
    if c1.key == K_LAST_MOD:
        if c1.lm != c2.lm:
            return 1 if c1.lm > c2.lm else -1
    elif c1.key == K_SIZE:
        if c1.size != c2.size:
            return 1 if c1.size > c2.size else -1
    elif c1.key == K_DESC:
        a, b = c1.desc or "", c2.desc or ""
        result = strnatcmp(a, b) if c1.version_sort else _strcmp(a, b)
        if result:
            return result
    result = 0
    if c1.version_sort:
        if c1.ignore_case:
            result = strnatcmp(c1.name, c2.name, True)
        if not result:
            result = strnatcmp(c1.name, c2.name)
    if not result and c1.ignore_case:
        result = _strcasecmp(c1.name, c2.name)
    if not result:
        result = _strcmp(c1.name, c2.name)
    return result


# -- output ----------------------------------------------------------------------------------

def os_escape_path(path: str) -> str:
    """ap_os_escape_path(partial=0): './' first when a ':' comes before any '/'."""
    colon = path.find(":")
    slash = path.find("/")
    prefix = "./" if colon >= 0 and (slash < 0 or colon < slash) else ""
    return prefix + escape_uri(path)


def emit_preamble(w: RequestWriter, d: IndexConf, xhtml: bool, title: str) -> None:
    if xhtml:
        w.vputs(DOCTYPE_XHTML_1_0T, '<html xmlns="http://www.w3.org/1999/xhtml">\n <head>\n  <title>Index of ',
                title, "</title>\n")
    else:
        w.vputs(DOCTYPE, "<html>\n <head>\n  <title>Index of ", title, "</title>\n")
    if d.style_sheet is not None:
        w.vputs('  <link rel="stylesheet" href="', d.style_sheet, '" type="text/css"', " />\n" if xhtml else ">\n")
    if d.head_insert is not None:
        w.puts(d.head_insert)
    w.puts(" </head>\n <body>\n")


def do_emit_plain(w: RequestWriter, f) -> None:
    """A text file in <pre>, with < > & escaped; written in the pieces httpd writes."""
    w.puts("<pre>\n")
    while True:
        buf = f.read(IOBUFSIZE)
        if not buf:
            break
        c = 0
        n = len(buf)
        while c < n:
            i = c
            while i < n and buf[i] not in b"<>&":
                i += 1
            w.puts(buf[c:i].split(b"\0", 1)[0])      # ap_rputs stops at a NUL
            ch = buf[i:i + 1]
            if ch == b"<":
                w.puts("&lt;")
            elif ch == b">":
                w.puts("&gt;")
            elif ch == b"&":
                w.puts("&amp;")
            c = i + 1
    w.puts("</pre>\n")


def _sub_uri_lookup(r, w: RequestWriter, uri: str):
    return sub_req_lookup_uri(uri, r, w.filter)


def _run_sub(w: RequestWriter, rr) -> int:
    w.start()
    return run_sub_req(rr)


def emit_head(r, w: RequestWriter, d: IndexConf, header_fname: str | None, suppress_amble: bool,
              xhtml: bool, title: str) -> None:
    hdrs = r.headers_in
    r_accept = hdrs.get("Accept")
    r_accept_enc = hdrs.get("Accept-Encoding")
    hdrs.set("Accept", "text/html, text/plain")
    hdrs.unset("Accept-Encoding")
    emit_amble = emit_h1 = True
    if header_fname is not None and r.args is not None:
        header_fname = f"{header_fname}?{r.args}"
    if header_fname is not None:
        rr = _sub_uri_lookup(r, w, header_fname)
        if rr.status == 200 and rr.filename is not None and rr.is_reg and rr.content_type is not None:
            if response_is_html(rr):
                emit_amble = emit_h1 = False
                if not suppress_amble:
                    emit_preamble(w, d, xhtml, title)
                if _run_sub(w, rr) != OK:
                    emit_amble = suppress_amble
                    emit_h1 = True
            elif rr.content_type[:5].lower() == "text/":
                try:
                    f = open(rr.filename, "rb")
                except OSError:
                    f = None
                if f is not None:
                    with f:
                        emit_preamble(w, d, xhtml, title)
                        emit_amble = False
                        do_emit_plain(w, f)
                    emit_h1 = False
    if r_accept is not None:
        hdrs.set("Accept", r_accept)
    else:
        hdrs.unset("Accept")
    if r_accept_enc is not None:
        hdrs.set("Accept-Encoding", r_accept_enc)
    if emit_amble:
        emit_preamble(w, d, xhtml, title)
    if emit_h1:
        if d.style_sheet is not None:
            w.vputs('  <h1 id="indextitle">Index of ', title, "</h1>\n")
        else:
            w.vputs("<h1>Index of ", title, "</h1>\n")


def emit_tail(r, w: RequestWriter, readme_fname: str | None, suppress_amble: bool) -> None:
    suppress_post = suppress_sig = False
    if readme_fname is not None:
        rr = _sub_uri_lookup(r, w, readme_fname)
        if rr.status == 200 and rr.filename is not None and rr.is_reg and rr.content_type is not None:
            if response_is_html(rr):
                if _run_sub(w, rr) == OK:
                    suppress_sig = True
                    suppress_post = suppress_amble
            elif rr.content_type[:5].lower() == "text/":
                try:
                    f = open(rr.filename, "rb")
                except OSError:
                    f = None
                if f is not None:
                    with f:
                        do_emit_plain(w, f)
                    suppress_sig = True
    if not suppress_sig:
        w.puts(psignature("", r))
    if not suppress_post:
        w.puts("</body></html>\n")


def emit_link(w: RequestWriter, anchor: str, column: str, curkey: str, curdirection: str, colargs: str,
              nosort: bool) -> None:
    """A column heading: sorting by it, or reversing when it is the current key."""
    if nosort:
        w.puts(anchor)
        return
    order = D_DESCENDING if curkey == column and curdirection == D_ASCENDING else D_ASCENDING
    w.vputs('<a href="', f"?C={column};O={order}", colargs, '">', anchor, "</a>")


def _lm_text(lm: int, fmt: str) -> str:
    tm = time.localtime(lm // 1_000_000)
    if "%b" in fmt:
        fmt = fmt.replace("%b", _MONTHS[tm.tm_mon - 1])
    return time.strftime(fmt, tm)


def _img(w: RequestWriter, d: IndexConf, src: str, alt_attr: str, xhtml: bool) -> None:
    w.vputs('<img src="', escape_html(src), alt_attr)
    _img_tail(w, d, xhtml)


def output_directories(w: RequestWriter, ar: list[Entry], d: IndexConf, opts: int, keyid: str,
                       direction: str, colargs: str) -> None:
    static_columns = bool(opts & SUPPRESS_COLSORT)
    xhtml = bool(opts & EMIT_XHTML)
    styled = d.style_sheet is not None
    name_width = d.name_width
    desc_width = d.desc_width
    datetime_format = d.datetime_format or "%Y-%m-%d %H:%M"
    breakrow = ""
    if opts & (FANCY_INDEXING | TABLE_INDEXING) == FANCY_INDEXING:
        if d.name_adjust == K_ADJUST:
            name_width = max([name_width] + [len(e.name) for e in ar])
        if d.desc_adjust == K_ADJUST:
            desc_width = max([desc_width] + [len(e.desc) for e in ar if e.desc is not None])
    pad_scratch = " " * name_width

    if opts & TABLE_INDEXING:
        cols = 1
        w.puts('  <table id="indexlist">\n   <tr class="indexhead">' if styled else "  <table>\n   <tr>")
        if not opts & SUPPRESS_ICON:
            w.vputs("<th", ' class="indexcolicon">' if styled else ' valign="top">')
            tp = find_item(None, None, "^^BLANKICON^^", d.icon_list, True)
            if tp:
                _img(w, d, tp, '" alt="[ICO]"', xhtml)
                w.puts("></th>")
            else:
                w.puts("&nbsp;</th>")
            cols += 1
        w.vputs("<th", ' class="indexcolname">' if styled else ">")
        emit_link(w, "Name", K_NAME, keyid, direction, colargs, static_columns)
        if not opts & SUPPRESS_LAST_MOD:
            w.vputs("</th><th", ' class="indexcollastmod">' if styled else ">")
            emit_link(w, "Last modified", K_LAST_MOD, keyid, direction, colargs, static_columns)
            cols += 1
        if not opts & SUPPRESS_SIZE:
            w.vputs("</th><th", ' class="indexcolsize">' if styled else ">")
            emit_link(w, "Size", K_SIZE, keyid, direction, colargs, static_columns)
            cols += 1
        if not opts & SUPPRESS_DESC:
            w.vputs("</th><th", ' class="indexcoldesc">' if styled else ">")
            emit_link(w, "Description", K_DESC, keyid, direction, colargs, static_columns)
            cols += 1
        if not opts & SUPPRESS_RULES:
            breakrow = '   <tr%s><th colspan="%d"><hr%s></th></tr>\n' % (
                ' class="indexbreakrow"' if styled else "", cols, " /" if xhtml else "")
        w.vputs("</th></tr>\n", breakrow)
    elif opts & FANCY_INDEXING:
        w.puts("<pre>")
        if not opts & SUPPRESS_ICON:
            tp = find_item(None, None, "^^BLANKICON^^", d.icon_list, True)
            if tp:
                _img(w, d, tp, '" alt="Icon "', xhtml)
                w.puts("> ")
            else:
                w.puts("      ")
        emit_link(w, "Name", K_NAME, keyid, direction, colargs, static_columns)
        w.puts(pad_scratch[4:])
        w.puts(" ")
        if not opts & SUPPRESS_LAST_MOD:
            emit_link(w, "Last modified", K_LAST_MOD, keyid, direction, colargs, static_columns)
            w.puts("      ")
        if not opts & SUPPRESS_SIZE:
            emit_link(w, "Size", K_SIZE, keyid, direction, colargs, static_columns)
            w.puts("  ")
        if not opts & SUPPRESS_DESC:
            emit_link(w, "Description", K_DESC, keyid, direction, colargs, static_columns)
        if not opts & SUPPRESS_RULES:
            w.puts("<hr")
            if xhtml:
                w.puts(" /")
            w.puts(">")
        else:
            w.puts("\n")
    else:
        w.puts("<ul>")

    for x, e in enumerate(ar):
        t = e.name
        anchor = escape_html(os_escape_path(t))
        t2 = "Parent Directory" if x == 0 and t[0] == "/" else t
        if opts & TABLE_INDEXING:
            if styled:
                if e.alt and opts & ADDALTCLASS:
                    w.vputs('   <tr class="', "odd-" if x & 1 else "even-", e.alt.lower(), '">')
                else:
                    w.vputs('   <tr class="', "odd" if x & 1 else "even", '">')
            else:
                w.puts("<tr>")
            if not opts & SUPPRESS_ICON:
                w.vputs("<td", ' class="indexcolicon">' if styled else ' valign="top">')
                if opts & ICONS_ARE_LINKS:
                    w.vputs('<a href="', anchor, '">')
                if e.icon or d.default_icon:
                    w.vputs('<img src="', escape_html(e.icon or d.default_icon), '" alt="[', e.alt or "   ", ']"')
                    _img_tail(w, d, xhtml)
                    w.puts(">")
                else:
                    w.puts("&nbsp;")
                w.puts("</a></td>" if opts & ICONS_ARE_LINKS else "</td>")
            if d.name_adjust == K_ADJUST:
                w.vputs("<td", ' class="indexcolname">' if styled else ">", '<a href="', anchor, '">',
                        escape_html(t2), "</a>")
            else:
                nwidth = len(t2)
                if nwidth > name_width:
                    t2 = t2[:name_width - 3] + "..>"
                    nwidth = name_width
                w.vputs("<td", ' class="indexcolname">' if styled else ">", '<a href="', anchor, '">',
                        escape_html(t2), "</a>", pad_scratch[nwidth:])
            if not opts & SUPPRESS_LAST_MOD:
                if e.lm != -1:
                    w.vputs("</td><td", ' class="indexcollastmod">' if styled else ' align="right">',
                            _lm_text(e.lm, datetime_format), "  ")
                else:
                    w.vputs("</td><td", ' class="indexcollastmod">&nbsp;' if styled else ">&nbsp;")
            if not opts & SUPPRESS_SIZE:
                w.vputs("</td><td", ' class="indexcolsize">' if styled else ' align="right">', strfsize(e.size))
            if not opts & SUPPRESS_DESC:
                if e.desc:
                    desc = e.desc if d.desc_adjust == K_ADJUST else e.cut_desc(d, opts, desc_width)
                    w.vputs("</td><td", ' class="indexcoldesc">' if styled else ">", desc)
                else:
                    w.vputs("</td><td", ' class="indexcoldesc">' if styled else ">", "&nbsp;")
            w.puts("</td></tr>\n")
        elif opts & FANCY_INDEXING:
            if not opts & SUPPRESS_ICON:
                if opts & ICONS_ARE_LINKS:
                    w.vputs('<a href="', anchor, '">')
                if e.icon or d.default_icon:
                    w.vputs('<img src="', escape_html(e.icon or d.default_icon), '" alt="[', e.alt or "   ", ']"')
                    _img_tail(w, d, xhtml)
                    w.puts(">")
                else:
                    w.puts("     ")
                w.puts("</a> " if opts & ICONS_ARE_LINKS else " ")
            nwidth = len(t2)
            if nwidth > name_width:
                t2 = t2[:name_width - 3] + "..>"
                nwidth = name_width
            w.vputs('<a href="', anchor, '">', escape_html(t2), "</a>", pad_scratch[nwidth:])
            w.puts(" ")
            if not opts & SUPPRESS_LAST_MOD:
                if e.lm != -1:
                    w.vputs(_lm_text(e.lm, datetime_format), "  ")
                else:
                    w.puts("                   ")
            if not opts & SUPPRESS_SIZE:
                w.puts(strfsize(e.size))
                w.puts("  ")
            if not opts & SUPPRESS_DESC and e.desc:
                w.puts(e.cut_desc(d, opts, desc_width))
            w.puts("\n")
        else:
            w.vputs('<li><a href="', anchor, '"> ', escape_html(t2), "</a></li>\n")

    if opts & TABLE_INDEXING:
        w.vputs(breakrow, "</table>\n")
    elif opts & FANCY_INDEXING:
        if not opts & SUPPRESS_RULES:
            w.puts("<hr")
            if xhtml:
                w.puts(" /")
            w.puts("></pre>\n")
        else:
            w.puts("</pre>\n")
    else:
        w.puts("</ul>\n")


def _img_tail(w: RequestWriter, d: IndexConf, xhtml: bool) -> None:
    if d.icon_width:
        w.puts(' width="%d"' % d.icon_width)
    if d.icon_height:
        w.puts(' height="%d"' % d.icon_height)
    if xhtml:
        w.puts(" /")


# -- the listing -------------------------------------------------------------------------------

def _parse_query(args: str | None, opts: int, keyid: str, direction: str):
    """The C=, O=, F=, V= and P= arguments; parsing stops at the first it does not know."""
    fval = vval = ppre = epattern = ""
    pstring = None
    q = args
    while q:
        a2, a3 = _at(q, 2), _at(q, 3)
        ends = a3 in ("&", ";", "\0")
        step = 4 if a3 != "\0" else 3
        if q.startswith("C=") and a2 != "\0" and a2 in "NMSD" and ends:
            keyid = a2
            q = q[step:]
        elif q.startswith("O=") and a2 in (D_ASCENDING, D_DESCENDING) and ends:
            direction = a2
            q = q[step:]
        elif q.startswith("F=") and a2 != "\0" and a2 in "012" and ends:
            if a2 == "0":
                opts &= ~(FANCY_INDEXING | TABLE_INDEXING)
            elif a2 == "1":
                opts = (opts | FANCY_INDEXING) & ~TABLE_INDEXING
            else:
                opts |= FANCY_INDEXING | TABLE_INDEXING
            fval = ";F=" + a2
            q = q[step:]
        elif q.startswith("V=") and a2 in ("0", "1") and ends:
            opts = opts & ~VERSION_SORT if a2 == "0" else opts | VERSION_SORT
            vval = ";V=" + a2
            q = q[step:]
        elif q.startswith("P="):
            rest = q[2:]
            eos = 0
            while eos < len(rest) and rest[eos] not in "&;":
                eos += 1
            if eos == 0:
                pstring = None
            else:
                pat, status = unescape_url(rest[:eos], forbid_slashes=True, keep_unreserved=False)
                if status:
                    pstring = None          # a bad pattern is ignored
                else:
                    pstring = pat
                    ppre = ";P="
                    epattern = escape_uri(pat)
            q = rest[eos + 1:] if eos < len(rest) else None
        else:
            q = None                        # anything else ends the parsing
    return opts, keyid, direction, pstring, fval + vval + ppre + epattern


def index_directory(r, d: IndexConf) -> int:
    name = r.filename
    try:
        dirents = os.listdir(os.fsencode(name))
    except OSError as e:
        r.log_error("autoindex", "error", f"AH01275: Can't open directory for index: {r.filename}", err=e.errno)
        return 403
    opts = d.opts
    ctype = d.ctype or "text/html"
    charset = d.charset if d.charset is not None else "ISO-8859-1"
    r.content_type = f"{ctype};charset={charset}" if charset else ctype
    if opts & TRACK_MODIFIED:
        _track_modified(r)
    if r.header_only:
        return OK
    keyid = d.default_keyid or K_NAME
    direction = d.default_direction or D_ASCENDING
    if opts & IGNORE_CLIENT:
        pstring = None
        opts |= SUPPRESS_COLSORT
        colargs = ""
    else:
        opts, keyid, direction, pstring, colargs = _parse_query(r.args, opts, keyid, direction)

    title = escape_html(r.uri)
    while len(title) > 1 and title.endswith("/"):
        title = title[:-1]

    w = RequestWriter(r)
    emit_head(r, w, d, d.header, bool(opts & SUPPRESS_PREAMBLE), bool(opts & EMIT_XHTML), title)

    entries = []
    p = make_parent_entry(opts, d, r, keyid, direction)
    if p is not None:
        entries.append(p)
    for raw in dirents:
        fsname = os.fsdecode(raw)
        ename = raw.decode("latin-1")
        try:
            st = os.stat(os.path.join(name, fsname))     # symlinks are followed; dangling ones left out
        except OSError:
            continue
        p = make_autoindex_entry(ename, fsname, st, opts, d, r, keyid, direction, pstring)
        if p is not None:
            entries.append(p)
    entries.sort(key=functools.cmp_to_key(dsortf))
    output_directories(w, entries, d, opts, keyid, direction, colargs)
    emit_tail(r, w, d.readme, bool(opts & SUPPRESS_PREAMBLE))
    w.finish()
    return OK


def _track_modified(r) -> None:
    """IndexOptions TrackModified: the directory's Last-Modified and ETag."""
    from ..modules.http_serving import make_etag
    from .dates import rfc1123
    st = r.finfo
    r.mtime = max(r.mtime, st.st_mtime)
    lm = r.mtime if r.mtime < r.request_time else min(r.mtime, time.time())
    if not r.no_local_copy:
        r.headers_out.set("Last-Modified", rfc1123(lm))
    etag = make_etag(r, st)
    if etag:
        r.headers_out.set("ETag", etag)
