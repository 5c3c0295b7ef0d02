"""mod_negotiation at serve time (modules/mappers/mod_negotiation.c): MultiViews (the type
checker that finds name.* variants), type-map files (the handler), the selection algorithms
(httpd's own and RVSA/1.0 for transparent negotiation), Vary / Alternates / TCN /
Content-Location, the variant list of 300 and 406 pages, and fix_encoding.

Qualities are C floats in httpd, and ties between them decide which variant wins, so every
quality and product is rounded to single precision here (`f32`).
The config side (directives, per-dir fields, hook registration) is apachepy/modules/negotiation.py.
"""
from __future__ import annotations

import errno
import os
import struct

from ..modules.clib import atoi
from ..modules.negotiation import FLP_FALLBACK, FLP_PREFER
from .conf import OPT_MULTI
from .hooks import DECLINED, OK
from .request import (M_GET, M_OPTIONS, M_POST, MAX_RECURSION, file_lookup, internal_fast_redirect,
                      internal_redirect, make_sub_request, parse_uri, sub_req_lookup_file)
from .status import escape_html
from .uri import escape_path_segment, escape_uri

MAP_FILE_MAGIC_TYPE = "application/x-type-map"
CGI_MAGIC_TYPE = "application/x-httpd-cgi"
INCLUDES_MAGIC_TYPE = "text/x-server-parsed-html"
INCLUDES_MAGIC_TYPE3 = "text/x-server-parsed-html3"
DISCARD_ALL_ENCODINGS, DISCARD_ALL_BUT_HTML = 1, 2
ALG_CHOICE, ALG_LIST = 1, 2
MAX_STRING_LEN = 8192
_WS = " \t\n\v\f\r"                  # C's isspace: header bytes arrive as latin-1 text
_F = struct.Struct("f")


def f32(x: float) -> float:
    """The value as a C float."""
    return _F.unpack(_F.pack(x))[0]


Q_0001, Q_001, Q_01, Q_02 = f32(0.0001), f32(0.001), f32(0.01), f32(0.02)


def _lower(s: str) -> str:
    """ap_str_tolower: ASCII letters only."""
    return s.lower() if s.isascii() else "".join(c.lower() if "A" <= c <= "Z" else c for c in s)


def _dir_parent(s: str) -> str:
    """ap_make_dirstr_parent: up to and including the last '/' ("" without one)."""
    i = s.rfind("/")
    return s[:i + 1] if i >= 0 else ""


def _full_path(a: str, b: str) -> str:
    """ap_make_full_path."""
    if not a:
        return "/" + b
    return a + b if a.endswith("/") else a + "/" + b


def _find_path_info(uri: str, path_info: str) -> int:
    from ..filters.scriptenv import find_path_info
    return find_path_info(uri, path_info)


# -- parsing header lines --------------------------------------------------------------------

def get_token(line: str, pos: int, accept_white: bool) -> tuple[str, int]:
    """ap_get_token: up to ';' or ',' (or white space), quoted strings kept; then the white
    space after it is skipped."""
    n = len(line)
    while pos < n and line[pos] in _WS:
        pos += 1
    start = pos
    while pos < n and (accept_white or line[pos] not in _WS) and line[pos] not in ";,":
        c = line[pos]
        pos += 1
        if c == '"':
            while pos < n:
                pos += 1
                if line[pos - 1] == '"':
                    break
    token = line[start:pos]
    while pos < n and line[pos] in _WS:
        pos += 1
    return token, pos


def atoq(s: str) -> float:
    """atoq: a qvalue read leniently ("1" for anything not starting 0 or '.')."""
    if not s:
        return 1.0
    i, n = 0, len(s)
    while i < n and s[i] in _WS:
        i += 1
    if not (i < n and s[i] == "."):
        c = s[i] if i < n else ""
        i += 1
        if c != "0":
            return 1.0
    if i < n and s[i] == ".":
        v = 0
        i += 1
        if i < n and "0" <= s[i] <= "9":
            v += (ord(s[i]) - 48) * 100
            i += 1
            if i < n and "0" <= s[i] <= "9":
                v += (ord(s[i]) - 48) * 10
                i += 1
                if i < n and "0" < s[i] <= "9":
                    v += ord(s[i]) - 48
        return f32(v / 1000)
    return 0.0


class Accept:
    """accept_rec: one item of an Accept* header (or a variant's content type)."""
    __slots__ = ("name", "quality", "level", "charset")

    def __init__(self, name: str, quality: float = 1.0, level: float = 0.0, charset: str = ""):
        self.name = name
        self.quality = quality
        self.level = level
        self.charset = charset


def get_entry(line: str, pos: int = 0) -> tuple[Accept, int]:
    """get_entry: a media range / token and its q (or qs), level and charset parameters."""
    name, pos = get_token(line, pos, False)
    a = Accept(_lower(name))
    if a.name == "text/html" or a.name == INCLUDES_MAGIC_TYPE:
        a.level = 2.0
    elif a.name == INCLUDES_MAGIC_TYPE3:
        a.level = 3.0
    n = len(line)
    while pos < n and line[pos] == ";":
        parm, pos = get_token(line, pos + 1, True)
        j = 0
        while j < len(parm) and parm[j] not in _WS and parm[j] != "=":
            j += 1
        if j >= len(parm):
            continue                    # no '=': ignored
        pname = _lower(parm[:j])
        k = j + 1
        while k < len(parm) and (parm[k] in _WS or parm[k] == "="):
            k += 1
        if k < len(parm) and parm[k] == '"':
            k += 1
            end = k
            while end < len(parm) and parm[end] not in '\n\r"':
                end += 1
        else:
            end = k
            while end < len(parm) and parm[end] not in _WS:
                end += 1
        val = _lower(parm[k:end])
        if pname in ("q", "qs"):
            a.quality = atoq(val)
        elif pname == "level":
            a.level = float(atoi(val))
        elif pname == "charset":
            a.charset = val
    if pos < n and line[pos] == ",":
        pos += 1
    return a, pos


def header_line(line: str | None) -> list[Accept] | None:
    """do_header_line: the items of an Accept* header, None when the header is absent."""
    if line is None:
        return None
    out = []
    pos = 0
    while pos < len(line):
        a, pos = get_entry(line, pos)
        out.append(a)
    return out


def languages_line(line: str) -> list[str]:
    """do_languages_line: a type map's Content-Language list."""
    out = []
    pos = 0
    while pos < len(line):
        tok, pos = get_token(line, pos, False)
        out.append(_lower(tok))
        if pos < len(line) and line[pos] in ",;":
            pos += 1
    return out


def list_items(field: str) -> list[str]:
    """ap_get_list_item over a whole field: items lower-cased outside quotes and comments,
    white space collapsed (and dropped around '=', '/' and ';'); an empty item ends the list."""
    out = []
    pos, n = 0, len(field)
    while True:
        while pos < n and (field[pos] == "," or field[pos] in _WS):
            pos += 1
        tok: list[str] = []
        addspace = 0
        in_qpair = in_qstr = False
        in_com = 0
        start = pos
        while pos < n and (in_qpair or in_qstr or in_com or field[pos] != ","):
            c = field[pos]
            pos += 1
            if in_qpair:
                in_qpair = False
                tok.append(c)
                continue
            if c in ' \t':
                if addspace:
                    continue
                if in_com or in_qstr:
                    tok.append(c)
                else:
                    addspace = 1
                continue
            if c in "=/;":
                if not (in_com or in_qstr):
                    addspace = -1
                tok.append(c)
                continue
            if c == ")":
                if in_com:
                    in_com -= 1
                tok.append(c)
                addspace = 0
                continue
            if addspace == 1:
                tok.append(" ")
            if c == "\\":
                in_qpair = True
                tok.append(c)
            elif c == '"':
                if not in_com:
                    in_qstr = not in_qstr
                tok.append(c)
            elif c == "(":
                if not in_qstr:
                    in_com += 1
                tok.append(c)
            else:
                tok.append(c if (in_com or in_qstr) else _lower(c))
            addspace = 0
        if pos == start:
            return out
        out.append("".join(tok))


# -- variants and the negotiation state --------------------------------------------------------

class Variant:
    """var_rec."""
    __slots__ = ("sub_req", "mime_type", "file_name", "body", "content_encoding", "content_languages",
                 "content_charset", "description", "lang_quality", "encoding_quality", "charset_quality",
                 "mime_type_quality", "source_quality", "level", "bytes", "lang_index", "is_pseudo_html",
                 "level_matched", "mime_stars", "definite")

    def __init__(self):
        self.sub_req = None
        self.mime_type = ""
        self.file_name = ""
        self.body = 0                   # a type map's inline body: its offset in the map
        self.content_encoding = None
        self.content_languages = None
        self.content_charset = ""
        self.description = ""
        self.is_pseudo_html = False
        self.level = 0.0
        self.level_matched = 0.0
        self.bytes = -1
        self.lang_index = -1
        self.mime_stars = 0
        self.definite = True
        self.charset_quality = 1.0
        self.encoding_quality = 1.0
        self.lang_quality = 1.0
        self.mime_type_quality = 1.0
        self.source_quality = 0.0

    def set_mime_fields(self, a: Accept) -> None:
        self.mime_type = a.name
        self.source_quality = a.quality
        self.level = a.level
        self.content_charset = a.charset
        self.is_pseudo_html = a.name in ("text/html", INCLUDES_MAGIC_TYPE, INCLUDES_MAGIC_TYPE3)


class Negotiation:
    """negotiation_state."""

    def __init__(self, r):
        self.r = r
        conf = r.per_dir_config
        self.language_priority = conf.language_priority
        self.force_priority = conf.force_lang_priority
        self.dir_name = _dir_parent(r.filename)
        h = r.headers_in
        self.accepts = header_line(h.get("Accept"))
        self.accept_q = any(a.quality < 1.0 for a in self.accepts) if self.accepts else False
        self.accept_encodings = header_line(h.get("Accept-Encoding"))
        self.accept_langs = header_line(h.get("Accept-Language"))
        self.accept_charsets = header_line(h.get("Accept-Charset"))
        self.avail: list[Variant] = []
        self.count_multiviews_variants = 0
        self.default_lang_quality = 1.0
        self.is_transparent = False
        self.dont_fiddle_headers = False
        self.ua_supports_trans = False
        self.send_alternates = False
        self.may_choose = False
        self.use_rvsa = False
        self.map_data: bytes | None = None  # the type map read, for a variant's inline body

    def parse_negotiate_header(self) -> None:
        """A Negotiate header asks for transparent negotiation (RFC 2295)."""
        self.ua_supports_trans = self.send_alternates = self.use_rvsa = self.dont_fiddle_headers = False
        self.may_choose = True
        r = self.r
        negotiate = r.headers_in.get("Negotiate")
        if negotiate is None:
            return
        if negotiate == "trans":
            ua = r.headers_in.get("User-Agent")
            if ua and ua.startswith("Lynx"):    # Lynx sends "trans" without supporting it
                return
        self.may_choose = False
        for tok in list_items(negotiate):
            if tok in ("trans", "vlist", "guess-small", "*") or "0" <= tok[:1] <= "9":
                self.ua_supports_trans = True
                self.send_alternates = True
                if tok == "1.0":
                    self.may_choose = self.use_rvsa = self.dont_fiddle_headers = True
                elif tok == "*":
                    self.may_choose = self.dont_fiddle_headers = True

    def maybe_add_default_accepts(self, prefer_scripts: bool) -> None:
        if self.accepts is None:
            self.accepts = [Accept("*/*")]
        q = 0.0 if self.use_rvsa else (2.0 if prefer_scripts else Q_001)
        self.accepts.append(Accept(CGI_MAGIC_TYPE, q))


# -- reading type maps -------------------------------------------------------------------------

class _MapReader:
    """The map file as apr's buffered file calls see it (gets, getc, ungetc, read, seek)."""

    def __init__(self, data: bytes):
        self.data = data
        self.text = data.decode("latin-1")
        self.pos = 0

    def gets(self) -> str | None:
        """apr_file_gets(MAX_STRING_LEN): a line with its newline, at most 8191 bytes."""
        t, p = self.text, self.pos
        if p >= len(t):
            return None
        limit = min(len(t), p + MAX_STRING_LEN - 1)
        nl = t.find("\n", p, limit)
        end = nl + 1 if nl >= 0 else limit
        self.pos = end
        return t[p:end]

    def getc(self) -> str | None:
        if self.pos >= len(self.text):
            return None
        self.pos += 1
        return self.text[self.pos - 1]

    def ungetc(self) -> None:
        self.pos -= 1


SEEN, SEP, EOF = 1, 2, 3


def _header_line(f: _MapReader) -> tuple[int, str]:
    """get_header_line: the next header with its continuation lines (each ending in "\\n"),
    a blank separator line, or the end; '#' lines are comments."""
    while True:
        buf = f.gets()
        if buf is None:
            return EOF, ""
        if buf[:1] != "#":
            break
    if all(c in _WS for c in buf):
        return SEP, buf
    if buf[:5].lower() == "body:":
        return SEEN, buf               # the body follows: no continuation lines
    out = [buf]
    size = len(buf)
    while True:
        c = f.getc()
        if c is None:
            break
        if c == "#":
            while True:
                c = f.getc()
                if c is None or c == "\n":
                    break
        elif c in _WS:
            while c != "\n" and c in _WS:
                nxt = f.getc()
                if nxt is None:
                    break
                c = nxt
            f.ungetc()
            if c == "\n":
                return SEEN, "".join(out)       # a blank line follows
            while size < MAX_STRING_LEN - 2:
                c = f.getc()
                if c is None or c == "\n":
                    break
                out.append(c)
                size += 1
            out.append("\n")
            size += 1
        else:
            f.ungetc()
            return SEEN, "".join(out)
    return SEEN, "".join(out)


def _get_body(f: _MapReader, tag: str) -> tuple[int, int]:
    """get_body: (offset, length) of a Body: up to its end tag, sought within the next 8191
    bytes; the reader is left on the line after the tag.  (-1, 0) when it is not found."""
    start = f.pos
    chunk = f.text[start:start + MAX_STRING_LEN - 1]
    if not chunk:
        return -1, 0
    nul = chunk.find("\0")
    end = chunk.find(tag, 0, nul if nul >= 0 else len(chunk))
    if end < 0:
        return -1, 0
    after = end + len(tag)
    nl = chunk.find("\n", after, nul if nul >= 0 else len(chunk))
    if nl >= 0:
        after = nl + 1
    elif nul >= 0:
        after = nul
    else:
        after = len(chunk)
    f.pos = start + after
    return start, end


def _strip_paren_comments(s: str) -> str:
    """strip_paren_comments: (comments) become blanks (a '"' only skips itself, as httpd's
    loop does)."""
    out = list(s)
    i, n = 0, len(out)
    while i < n:
        if out[i] == "(":
            while i < n and out[i] != ")":
                out[i] = " "
                i += 1
            if i < n:
                out[i] = " "
                i += 1
        else:
            i += 1
    return "".join(out)


def read_type_map(neg: Negotiation, rr) -> int:
    """read_type_map: the variants a map file (rr's) describes."""
    r = neg.r
    neg.count_multiviews_variants = 0
    try:
        with open(rr.filename, "rb") as fh:
            data = fh.read()
    except OSError as e:
        r.log_error("negotiation", "error", f"AH00683: cannot access type map file: {rr.filename}", err=e.errno)
        return 404 if e.errno in (errno.ENOTDIR, errno.ENOENT) else 403
    neg.map_data = data
    f = _MapReader(data)
    v = Variant()
    has_content = False
    while True:
        state, buf = _header_line(f)
        if state == SEEN:
            colon = buf.find(":")
            if colon < 0:
                r.log_error("negotiation", "error", f"AH00681: Syntax error in type map, no ':' in {r.filename} "
                            f"for header {_lower(buf)}")
                return 500
            name = _lower(buf[:colon + 1])
            i = colon + 1
            while i < len(buf) and buf[i] in _WS:
                i += 1
            if i >= len(buf):
                r.log_error("negotiation", "error", f"AH00682: Syntax error in type map --- no header body: "
                            f"{r.filename} for {name}{buf[colon + 1:]}")
                return 500
            body = _strip_paren_comments(buf[i:])
            if name == "uri:":
                v.file_name = get_token(body, 0, False)[0]
            elif name == "content-type:":
                v.set_mime_fields(get_entry(body)[0])
                has_content = True
            elif name == "content-length:":
                tok = get_token(body, 0, False)[0]
                if not tok or not tok.isdigit() or not tok.isascii() or int(tok) > 0x7FFFFFFFFFFFFFFF:
                    r.log_error("negotiation", "error", f"AH00684: Parse error in type map, Content-Length: "
                                f"'{tok}' in {r.filename} is invalid.")
                    break
                v.bytes = int(tok)
                has_content = True
            elif name == "content-language:":
                v.content_languages = languages_line(body)
                has_content = True
            elif name == "content-encoding:":
                v.content_encoding = get_token(body, 0, False)[0]
                has_content = True
            elif name == "description:":
                v.description = body.replace("\n", " ")[:-1]
            elif name == "body:":
                tag = body.rstrip(_WS)
                offset, length = _get_body(f, tag)
                if offset < 0:
                    r.log_error("negotiation", "error", f"AH00685: Syntax error in type map, no end tag '{tag}' "
                                f"found in {r.filename} for Body: content.")
                    break
                v.body = offset
                v.bytes = length
                v.file_name = rr.filename.rsplit("/", 1)[-1]
        else:
            if v.file_name and has_content:
                neg.avail.append(v)
            v = Variant()
            has_content = False
            if state == EOF:
                break
    set_vlist_validator(r, rr)
    return OK


def set_vlist_validator(r, vlistr) -> None:
    """The variant list's validator: the ETag of its source, the map, or for MultiViews the
    missing file, whose finfo httpd's walk leaves holding the directory's times; ap_make_etag
    adds it to the chosen variant's ETag."""
    from ..modules.http_serving import make_etag
    if vlistr.finfo is not None:
        r.vlist_validator = make_etag(vlistr, vlistr.finfo)
        return
    try:
        st = os.stat(_dir_parent(vlistr.filename))
    except OSError:
        st = None
    r.vlist_validator = make_etag(vlistr, st, is_file=False)


# -- MultiViews: the directory as the map ------------------------------------------------------

def sub_req_lookup_dirent(name: str, r):
    """ap_sub_req_lookup_dirent (AP_SUBREQ_MERGE_ARGS): name in r's directory, with r's
    path info and query string."""
    rn = make_sub_request(r)
    if r.path_info:
        udir = _dir_parent(r.uri[:_find_path_info(r.uri, r.path_info)])
        uri = _full_path(_full_path(udir, name), r.path_info[1:])
        rn.path_info = r.path_info
    else:
        uri = _full_path(_dir_parent(r.uri), name)
    rn.filename = _full_path(_dir_parent(r.filename), name)
    if r.canonical_filename == r.filename:
        rn.canonical_filename = rn.filename
    if os.path.isdir(rn.filename):
        rn.filename += "/"
        if not rn.path_info:
            uri += "/"
    escaped = escape_uri(uri)
    parse_uri(rn, f"{escaped}?{r.args}" if r.args else escaped)
    rn.uri = uri                        # as ap_process_request_internal leaves it: unescaped
    if rn.redirect_count > MAX_RECURSION:
        rn.status = 500
        return rn
    rc = file_lookup(rn)
    if rc:
        rn.status = rc
    return rn


def read_types_multi(neg: Negotiation) -> int:
    """read_types_multi: every name.* in the directory that mod_mime recognises in full (the
    parts it doesn't must spell the requested name), reachable, and of a known type; a type
    map among them replaces the lot."""
    r = neg.r
    if not r.filename or not r.filename.startswith("/"):
        return DECLINED
    filp = r.filename.rsplit("/", 1)[-1]
    try:
        entries = list(os.scandir(neg.dir_name))
    except OSError as e:
        r.log_error("negotiation", "error", f"AH00686: cannot read directory for multi: {neg.dir_name}",
                    err=e.errno)
        return 403
    segments = filp.split(".")
    anymatch = False
    for ent in entries:
        name = ent.name
        if not name.startswith(filp) or name[len(filp):len(filp) + 1] != ".":
            continue
        try:
            if ent.is_dir(follow_symlinks=False):
                continue
        except OSError:
            pass
        anymatch = True
        sub = sub_req_lookup_dirent(name, r)
        if not sub.is_reg:
            continue
        if sub.handler and not sub.content_type:
            sub.content_type = CGI_MAGIC_TYPE       # a handler: treat it as a script
        exceptions = sub.notes.get("ap-mime-exceptions-list")
        if exceptions is None:
            continue                    # mod_mime recognised nothing in the name
        # what mod_mime did not recognise must match the requested name's parts, in order
        pending = exceptions.split("/")
        for seg in segments:
            if not pending:
                break
            if seg == pending[0]:
                pending.pop(0)
        if pending:
            continue
        if sub.status != 200 or not sub.content_type:
            continue
        if sub.content_type == MAP_FILE_MAGIC_TYPE or sub.handler == "type-map":
            neg.avail = []
            return read_type_map(neg, sub)
        v = Variant()
        v.sub_req = sub
        v.file_name = name
        if sub.content_encoding:
            v.content_encoding = sub.content_encoding
        if sub.content_languages:
            v.content_languages = list(sub.content_languages)
        v.set_mime_fields(get_entry(sub.content_type)[0])
        neg.avail.append(v)
        neg.count_multiviews_variants += 1
    if anymatch and not neg.avail:
        r.log_error("negotiation", "error", f"AH00687: Negotiation: discovered file(s) matching request: "
                    f"{r.filename} (None could be negotiated).")
        return 404
    set_vlist_validator(r, r)
    # a canonical order, whatever readdir's: source quality, then name
    neg.avail.sort(key=lambda v: (-v.source_quality, v.file_name.encode("utf-8", "surrogateescape")))
    return OK


# -- the selection ---------------------------------------------------------------------------

def _mime_match(a: Accept, v: Variant) -> bool:
    """mime_match: */* or type/* or the exact type at an acceptable level (which sets
    level_matched); mime_stars records how specific the best match so far was."""
    t = a.name
    if t == "*" or t == "*/*":
        if v.mime_stars < 1:
            v.mime_stars = 1
        return True
    n = len(t)
    if n > 2 and t.endswith("/*") and v.mime_type.startswith(t[:-1]):
        if v.mime_stars < 2:
            v.mime_stars = 2
        return True
    if t == v.mime_type or (t == "text/html" and v.mime_type in (INCLUDES_MAGIC_TYPE, INCLUDES_MAGIC_TYPE3)):
        if a.level >= v.level:
            v.level_matched = v.level
            v.mime_stars = 3
            return True
    return False


def _level_cmp(v1: Variant, v2: Variant) -> int:
    if v1.is_pseudo_html and not v2.is_pseudo_html:
        return 0
    if not v1.is_pseudo_html and v1.mime_type != v2.mime_type:
        return 0
    if v1.level_matched > v2.level_matched:
        return 1
    if v1.level_matched < v2.level_matched:
        return -1
    if v1.level < v2.level:
        return 1
    if v1.level > v2.level:
        return -1
    return 0


def _lang_index(priority: list[str] | None, lang: str) -> int:
    """find_lang_index: the first LanguagePriority entry that prefixes lang (any case)."""
    if not priority:
        return -1
    ll = lang.lower()
    for i, p in enumerate(priority):
        if ll[:len(p)] == p.lower() and len(ll) >= len(p):
            return i
    return -1


def _set_language_quality(neg: Negotiation, v: Variant) -> None:
    force = neg.force_priority or FLP_PREFER
    if not v.content_languages:
        if not neg.dont_fiddle_headers:
            v.lang_quality = neg.default_lang_quality
        return
    if neg.accept_langs is None:
        v.definite = False             # no Accept-Language: not definite
    else:
        best = star = None
        fiddle_q = 0.0
        any_match_on_star = False
        for lang in v.content_languages:
            best_this = None
            longest = 0
            for a in neg.accept_langs:
                if a.name == "*":
                    if star is None:
                        star = a
                    continue
                alen = len(a.name)
                if len(lang) >= alen and lang.startswith(a.name) and (len(lang) == alen or lang[alen] == "-"):
                    if alen > longest:
                        longest = alen
                        best_this = a
                if best_this is None and not neg.dont_fiddle_headers:
                    # en-US in the header matches en and en-GB variants, just barely
                    p = a.name.find("-")
                    if p >= 0 and lang[:p] == a.name[:p] and len(lang) >= p:
                        fiddle_q = Q_001
            if best is None or (best_this is not None and best_this.quality > best.quality):
                best = best_this
            if best_this is None and star is not None:
                any_match_on_star = True
        if any_match_on_star and (best is None or star.quality > best.quality):
            best = star
            v.definite = False
        v.lang_quality = best.quality if best is not None else fiddle_q
    # ForceLanguagePriority: LanguagePriority breaks ties (Prefer) or rescues the unacceptable
    # (Fallback)
    if (force & FLP_PREFER and v.lang_index < 0) or (force & FLP_FALLBACK and not v.lang_quality):
        bestidx = -1
        for lang in v.content_languages:
            idx = _lang_index(neg.language_priority, lang)
            if idx >= 0 and (bestidx == -1 or idx < bestidx):
                bestidx = idx
        if bestidx >= 0:
            if v.lang_quality:
                if force & FLP_PREFER:
                    v.lang_index = bestidx
            elif force & FLP_FALLBACK:
                v.lang_index = bestidx
                v.lang_quality = Q_0001
                v.definite = False


def _content_length(neg: Negotiation, v: Variant) -> int:
    """find_content_length: the map's figure, else the file's size (stat'ed once)."""
    if v.bytes < 0:
        if v.sub_req is not None and v.sub_req.finfo is not None:
            v.bytes = v.sub_req.finfo.st_size
        else:
            try:
                v.bytes = os.stat(_full_path(neg.dir_name, v.file_name)).st_size
            except OSError:
                pass
    return v.bytes


def _set_accept_quality(neg: Negotiation, v: Variant) -> None:
    if neg.accepts is None:
        if v.mime_type:
            v.definite = False
        return
    q = 0.0
    q_definite = True
    for a in neg.accepts:
        prev = v.mime_stars
        if not _mime_match(a, v) or prev == v.mime_stars:
            continue                   # no match, or no more specific than an earlier one
        # without explicit q values, wildcards count for very little
        if not neg.dont_fiddle_headers and not neg.accept_q and v.mime_stars == 1:
            q = Q_01
        elif not neg.dont_fiddle_headers and not neg.accept_q and v.mime_stars == 2:
            q = Q_02
        else:
            q = a.quality
        q_definite = v.mime_stars == 3
    v.mime_type_quality = q
    v.definite = v.definite and q_definite


def _set_charset_quality(neg: Negotiation, v: Variant) -> None:
    charset = v.content_charset
    if neg.accept_charsets is None:
        if charset:
            v.definite = False
        return
    if not charset:
        if not (v.mime_type.startswith("text/") or v.mime_type in (INCLUDES_MAGIC_TYPE, INCLUDES_MAGIC_TYPE3)):
            return
        if neg.dont_fiddle_headers:
            return
        charset = "iso-8859-1"         # HTTP's default for text
    star = None
    for a in neg.accept_charsets:
        if a.name == charset:
            v.charset_quality = a.quality
            return
        if a.name == "*":
            star = a
    if star is not None:
        v.charset_quality = star.quality
        v.definite = False
        return
    v.charset_quality = 1.0 if charset == "iso-8859-1" else 0.0


def _is_identity(enc: str | None) -> bool:
    return not enc or enc in ("7bit", "8bit", "binary")


def _set_encoding_quality(neg: Negotiation, v: Variant) -> None:
    enc = v.content_encoding
    if neg.accept_encodings is None:
        # no Accept-Encoding: anything goes, unencoded preferred
        v.encoding_quality = 1.0 if _is_identity(enc) else 0.5
        return
    if_not_found = 0.0
    if _is_identity(enc):
        enc = "identity"
        if_not_found = Q_0001
    if enc.startswith("x-"):
        enc = enc[2:]
    star = None
    for a in neg.accept_encodings:
        name = a.name[2:] if a.name.startswith("x-") else a.name
        if name == enc:
            v.encoding_quality = a.quality
            return
        if name == "*":
            star = a
    v.encoding_quality = star.quality if star is not None else if_not_found


def _better_rvsa(v: Variant, best: Variant | None, bestq: float) -> float | None:
    """is_variant_better_rvsa: the new best q, or None when v is not better."""
    if v.encoding_quality == 0.0:
        return None
    q = f32(f32(f32(v.mime_type_quality * v.source_quality) * v.charset_quality) * v.lang_quality)
    if q <= 0.0:
        return None
    if q > bestq:
        return q
    if q == bestq and v.encoding_quality > best.encoding_quality:
        return q
    return None


def _better(neg: Negotiation, v: Variant, best: Variant | None, bestq: float) -> float | None:
    """is_variant_better, httpd's own order: type (with source quality), language,
    LanguagePriority, level, charset, encoding, then the smaller one."""
    if (v.encoding_quality == 0.0 or v.lang_quality == 0.0 or v.source_quality == 0.0
            or v.charset_quality == 0.0 or v.mime_type_quality == 0.0):
        return None
    q = f32(v.mime_type_quality * v.source_quality)
    if q == 0.0 or q < bestq:
        return None
    if q > bestq or best is None:
        return q
    if v.lang_quality < best.lang_quality:
        return None
    if v.lang_quality > best.lang_quality:
        return q
    if best.lang_index != -1 and (v.lang_index == -1 or v.lang_index > best.lang_index):
        return None
    if v.lang_index != -1 and (best.lang_index == -1 or v.lang_index < best.lang_index):
        return q
    lev = _level_cmp(v, best)
    if lev == -1:
        return None
    if lev == 1:
        return q
    if v.charset_quality < best.charset_quality:
        return None
    if v.charset_quality > best.charset_quality or (
            v.content_charset and v.content_charset != "iso-8859-1"
            and (not best.content_charset or best.content_charset == "iso-8859-1")):
        return q
    if v.encoding_quality < best.encoding_quality:
        return None
    if v.encoding_quality > best.encoding_quality:
        return q
    if _content_length(neg, v) >= _content_length(neg, best):
        return None
    return q


def _discard_by_env(v: Variant, discard: int) -> bool:
    if _is_identity(v.content_encoding) or v.content_encoding == "identity":
        return False
    return discard == DISCARD_ALL_ENCODINGS or (discard == DISCARD_ALL_BUT_HTML
                                                and not v.mime_type.startswith("text/html"))


def best_match(neg: Negotiation) -> tuple[int, Variant | None]:
    """best_match: every variant's qualities (also wanted for Vary and the lists), and the
    best one when we may choose; prefer-language / no-gzip / gzip-only-text/html apply."""
    env = neg.r.subprocess_env
    preferred = env.get("prefer-language")
    may_discard = 0
    if env.get("no-gzip") is not None:
        may_discard = DISCARD_ALL_ENCODINGS
    elif env.get("gzip-only-text/html") == "1":
        may_discard = DISCARD_ALL_BUT_HTML
    neg.default_lang_quality = 1.0
    if not neg.dont_fiddle_headers and any(v.content_languages for v in neg.avail):
        neg.default_lang_quality = Q_0001      # unlabelled variants: only when nothing else fits
    while True:
        best = None
        bestq = 0.0
        for v in neg.avail:
            if may_discard and _discard_by_env(v, may_discard):
                continue
            if preferred and not (v.content_languages and preferred in v.content_languages):
                continue
            _set_accept_quality(neg, v)
            if preferred:
                v.lang_quality = 1.0
                v.definite = True
            else:
                _set_language_quality(neg, v)
            _set_encoding_quality(neg, v)
            _set_charset_quality(neg, v)
            if neg.may_choose:
                q = _better_rvsa(v, best, bestq) if neg.use_rvsa else _better(neg, v, best, bestq)
                if q is not None:
                    best, bestq = v, q
        if neg.use_rvsa:
            result = ALG_CHOICE if best is not None and best.definite and bestq > 0 else ALG_LIST
        else:
            result = ALG_CHOICE if bestq > 0 else ALG_LIST
        if preferred and (best is None or result != ALG_CHOICE):
            preferred = None           # nothing in that language: negotiate over all
            continue
        return result, best


# -- the response headers and lists ------------------------------------------------------------

def _qstr(q: float) -> str:
    """"%1.3f" with trailing zeros stripped (1.000 -> 1, 0.500 -> 0.5)."""
    s = "%1.3f" % q
    if s[4:5] == "0":
        s = s[:4]
        if s[3] == "0":
            s = s[:3]
            if s[2] == "0":
                s = s[:1]
    return s


def set_neg_headers(r, neg: Negotiation, alg: int) -> None:
    """Vary for each dimension the variants differ in (plus negotiate when transparent),
    Alternates when sent, TCN when transparent -- into err_headers_out."""
    hdrs = r.err_headers_out
    alts = []
    sample = None
    vary_type = vary_lang = vary_charset = vary_enc = False
    for v in neg.avail:
        lang = ",".join(v.content_languages) if v.content_languages else None
        if sample is None:
            sample = (v.mime_type, v.content_charset, lang, v.content_encoding)
        else:
            vary_type = vary_type or (sample[0] or "") != (v.mime_type or "")
            vary_charset = vary_charset or (sample[1] or "") != (v.content_charset or "")
            vary_lang = vary_lang or (sample[2] or "") != (lang or "")
            vary_enc = vary_enc or (sample[3] or "") != (v.content_encoding or "")
        if not neg.send_alternates:
            continue
        parts = ['{"', escape_path_segment(v.file_name), '" ', _qstr(v.source_quality)]
        if v.mime_type:
            parts.append(f" {{type {v.mime_type}}}")
        if v.content_charset:
            parts.append(f" {{charset {v.content_charset}}}")
        if lang:
            parts.append(f" {{language {lang}}}")
        if v.content_encoding:
            parts.append(f" {{encoding {v.content_encoding}}}")
        # a script's length says nothing of its output
        if not (v.sub_req is not None and v.sub_req.handler):
            n = _content_length(neg, v)
            if n >= 0:
                parts.append(f" {{length {n}}}")
        parts.append("}")
        alts.append("".join(parts))
    if neg.send_alternates and neg.avail:
        hdrs.merge("Alternates", ", ".join(alts))
    if neg.is_transparent or vary_type or vary_lang or vary_charset or vary_enc:
        hdrs.merge("Vary", ", ".join(name for name, on in (
            ("negotiate", neg.is_transparent), ("accept", vary_type), ("accept-language", vary_lang),
            ("accept-charset", vary_charset), ("accept-encoding", vary_enc)) if on))
    if neg.is_transparent:
        hdrs.set("TCN", "list" if alg == ALG_LIST else "choice")


def make_variant_list(neg: Negotiation) -> str:
    out = ["Available variants:\n<ul>\n"]
    for v in neg.avail:
        fn = v.file_name or ""
        out.append(f'<li><a href="{escape_path_segment(fn)}">{escape_html(fn)}</a> {v.description or ""}')
        if v.mime_type:
            out.append(f", type {v.mime_type}")
        if v.content_languages:
            out.append(f", language {','.join(v.content_languages)}")
        if v.content_charset:
            out.append(f", charset {v.content_charset}")
        if v.content_encoding is not None:
            out.append(f", encoding {v.content_encoding}")
        out.append("</li>\n")
    out.append("</ul>\n")
    return "".join(out)


def _store_variant_list(r, neg: Negotiation) -> None:
    (r.main if r.main is not None else r).notes.set("variant-list", make_variant_list(neg))


def _setup_choice_response(r, neg: Negotiation, v: Variant) -> int:
    """The chosen variant, looked up if it came from a map, must not negotiate again; then
    Content-Location, Vary, Alternates and TCN."""
    if v.sub_req is None:
        sub = sub_req_lookup_file(v.file_name, r)
        if sub.status != 200 and sub.err_headers_out.get("TCN") is None:
            return sub.status
        v.sub_req = sub
    sub = v.sub_req
    if neg.is_transparent and sub.err_headers_out.get("TCN") is not None:
        return 506
    if sub.handler == "type-map":
        return 506
    sub_vary = sub.err_headers_out.get("Vary")
    if sub_vary is not None:
        r.err_headers_out.set("Variant-Vary", sub_vary)
        r.err_headers_out.set("Vary", sub_vary)
        sub.err_headers_out.unset("Vary")
    r.err_headers_out.set("Content-Location", escape_path_segment(v.file_name))
    set_neg_headers(r, neg, ALG_CHOICE)
    return 0


def do_negotiation(r, neg: Negotiation, prefer_scripts: bool) -> tuple[int, Variant | None]:
    """(status or OK, the chosen variant)."""
    if r.method_number == M_GET:
        # transparently negotiable: GET/HEAD, no path info, neighbouring variants, no map bodies
        neg.is_transparent = not r.path_info and not any("/" in v.file_name or v.body for v in neg.avail)
    if neg.is_transparent:
        neg.parse_negotiate_header()
    else:
        neg.may_choose = True
    neg.maybe_add_default_accepts(prefer_scripts)
    alg, best = best_match(neg)
    if alg == ALG_LIST:
        neg.send_alternates = True
        set_neg_headers(r, neg, alg)
        _store_variant_list(r, neg)
        if neg.is_transparent and neg.ua_supports_trans:
            return 300, best
        if best is None:
            r.log_error("negotiation", "error", f"AH00690: no acceptable variant: {r.filename}")
            return 406, None
    if neg.is_transparent:
        res = _setup_choice_response(r, neg, best)
        if res:
            return res, best
    else:
        set_neg_headers(r, neg, alg)
    # HTTP/1.0 caches know no Vary: such a response must not be cached
    if (not r.server.mod.get("cache_negotiated_docs") and r.proto_num < 1001
            and neg.count_multiviews_variants != 1):
        r.no_cache = True
    return OK, best


# -- the hooks -------------------------------------------------------------------------------

def handle_multi(r) -> int:
    """The type checker (APR_HOOK_FIRST): a missing file under Options MultiViews."""
    if r.finfo is not None or not r.per_dir_config.options[0] & OPT_MULTI:
        return DECLINED
    neg = Negotiation(r)
    res = read_types_multi(neg)
    if res:
        return res
    if not neg.avail:
        return DECLINED
    res, best = do_negotiation(r, neg, r.method_number != M_GET or r.args is not None or bool(r.path_info))
    if res:
        return res
    sub = best.sub_req
    if sub is None:                     # chosen from a map: look it up now
        sub = sub_req_lookup_file(best.file_name, r)
        if sub.status != 200:
            return sub.status
    if sub.args is None:
        sub.args = r.args
    internal_fast_redirect(sub, r)
    r.mtime = 0
    return OK


def handle_map_file(r) -> int:
    """The type-map handler: an inline Body: is sent from the map; a file is redirected to."""
    neg = Negotiation(r)
    res = read_type_map(neg, r)
    if res:
        return res
    res, best = do_negotiation(r, neg, False)
    if res:
        return res
    if best.body:
        r.allowed = (1 << M_GET) | (1 << M_OPTIONS) | (1 << M_POST)
        if r.method_number not in (M_GET, M_POST):
            return 405
        r.headers_out.set("Accept-Ranges", "none" if r.per_dir_config.max_ranges == 0 else "bytes")
        r.headers_out.set("Content-Length", str(best.bytes))
        r.clength = best.bytes
        if best.mime_type:
            r.content_type = best.mime_type + (f"; charset={best.content_charset}" if best.content_charset else "")
        if best.content_languages:
            r.content_languages = list(best.content_languages)
        if best.content_encoding:
            r.content_encoding = best.content_encoding
        from .conditions import meets_conditions
        res = meets_conditions(r)
        if res:
            return res
        from .response import discard_request_body
        res = discard_request_body(r)
        if res:
            return res
        r.body = neg.map_data[best.body:best.body + best.bytes]
        return OK
    uri = r.uri
    if r.path_info:
        uri = uri[:_find_path_info(uri, r.path_info)]
    udir = escape_uri(_dir_parent(uri))
    new = udir + best.file_name
    if r.args is not None:
        new += (r.path_info or "") + "?" + r.args
    else:
        new += r.path_info or ""
    internal_redirect(new, r)
    return OK


def fix_encoding(r) -> int:
    """Content-Encoding in the client's spelling: gzip or x-gzip as Accept-Encoding lists it."""
    enc = r.content_encoding
    if enc.startswith("x-"):
        enc = enc[2:]
    accepts = header_line(r.headers_in.get("Accept-Encoding"))
    if accepts is None:
        return DECLINED
    x_enc = None
    for a in accepts:
        if a.name == enc:
            r.content_encoding = a.name
            return OK
        if a.name.startswith("x-") and a.name[2:] == enc:
            x_enc = a.name
    if x_enc is not None:
        r.content_encoding = x_enc
        return OK
    return DECLINED
