"""mod_include's INCLUDES filter: server-side includes (modules/filters/mod_include.c).

The parser is httpd's state machine, run over the response's buckets as they come: text is
passed on as it is found, a directive (`<!--#name arg="value" ... -->`, SSIStartTag/SSIEndTag)
is collected and executed, and the output goes down the chain at the same points as in httpd
(before each directive, after printenv, past 8000 bytes read), so the response is framed the
same way (Content-Length when the whole output arrives at once, chunked otherwise).

Directives: include (virtual/file/onerror, through sub-requests that write into this chain),
echo (var, encoding, decoding), set, config (errmsg, echomsg, timefmt, sizefmt), fsize,
flastmod, printenv, if/elif/else/endif with ap_expr conditions (apachepy.expr with
include_lookup: v(), reqenv(), env(), $0..$9 after a regex), comment.  A failing directive
writes the error text, `[an error occurred while processing this directive]` by default.
`exec` belongs to mod_cgi/mod_cgid (apachepy/http/cgi.py registers it): without one of them
loaded it is an unknown directive.

What the filter needs from the HTTP layer (sub-requests, the CGI environment) goes through a
host object (`HttpHost` by default) so the parser can be tested on its own.
"""
from __future__ import annotations

import base64
import os
import time

from ..expr import Captures, ExprError, ExprEvalError, chain_lookups, include_lookup, parse as expr_parse
from .buckets import EOS, FLUSH, Metadata, is_file
from .registry import RESOURCE, register_output_filter

DEFAULT_START = "<!--#"
DEFAULT_END = "-->"
DEFAULT_ERROR = "[an error occurred while processing this directive]"
DEFAULT_TIME_FORMAT = "%A, %d-%b-%Y %H:%M:%S %Z"
DEFAULT_UNDEFINED_ECHO = "(none)"
MIN_BYTES_TO_WRITE = 8000          # AP_MIN_BYTES_TO_WRITE
BUCKET_BUFF_SIZE = 8000            # APR_BUCKET_BUFF_SIZE: file reads without mmap
MMAP_LIMIT = 4 * 1024 * 1024       # APR_MMAP_LIMIT: file reads with EnableMMAP on

FLAG_PRINTING, FLAG_COND_TRUE, FLAG_SIZE_IN_BYTES, FLAG_NO_EXEC = 1, 2, 4, 8

(PRE_HEAD, HEAD, DIRECTIVE, DIRECTIVE_POSTNAME, DIRECTIVE_TAIL, DIRECTIVE_POSTTAIL, PRE_ARG, ARG, ARG_NAME,
 ARG_POSTNAME, ARG_EQ, ARG_PREVAL, ARG_VAL, ARG_VAL_ESC, ARG_POSTVAL, TAIL, TAIL_SEQ, EXECUTE) = range(18)

# -- text helpers (httpd's util functions) ---------------------------------------------------

_ENTITIES = {
    2: "lt\074gt\076",
    3: "amp\046ETH\320eth\360",
    4: "quot\042Auml\304Euml\313Iuml\317Ouml\326Uuml\334auml\344euml\353iuml\357ouml\366uuml\374yuml\377",
    5: ("Acirc\302Aring\305AElig\306Ecirc\312Icirc\316Ocirc\324Ucirc\333THORN\336szlig\337acirc\342aring"
        "\345aelig\346ecirc\352icirc\356ocirc\364ucirc\373thorn\376"),
    6: ("Agrave\300Aacute\301Atilde\303Ccedil\307Egrave\310Eacute\311Igrave\314Iacute\315Ntilde\321Ograve"
        "\322Oacute\323Otilde\325Oslash\330Ugrave\331Uacute\332Yacute\335agrave\340aacute\341atilde\343"
        "ccedil\347egrave\350eacute\351igrave\354iacute\355ntilde\361ograve\362oacute\363otilde\365oslash"
        "\370ugrave\371uacute\372yacute\375"),
}


def decodehtml(s: str) -> str:
    """mod_include's decodehtml: Latin-1 entities and &#NNN; references (0-8, 11-31,
    127-160 and >255 are dropped; unknown entities stay)."""
    if "&" not in s:
        return s
    out = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c != "&":
            out.append(c)
            i += 1
            continue
        j = i + 1
        while j < n and s[j] != ";":
            j += 1
        if j >= n:
            out.append(c)
            i += 1
            continue
        ln = j - i                      # from '&' to ';' exclusive
        if i + 1 < n and s[i + 1] == "#":
            k = i + 2
            val = 0
            while k < j and s[k].isdigit():
                val = val * 10 + ord(s[k]) - 48
                k += 1
            if not (k < j or val <= 8 or 11 <= val <= 31 or 127 <= val <= 160 or val >= 256):
                out.append(chr(val))
            i = j + 1
            continue
        name_len = ln - 1
        ents = _ENTITIES.get(name_len)
        if ents is None:
            out.append("&")
            i += 1
            continue
        name = s[i + 1:j]
        k = 0
        found = None
        while k < len(ents):
            if ents[k:k + name_len] == name:
                found = ents[k + name_len]
                break
            k += name_len + 1
        if found is None:
            out.append("&")
            i += 1
        else:
            out.append(found)
            i = j + 1
    return "".join(out)


def escape_html(s: str) -> str:
    """ap_escape_html2(s, 0)."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _hexval(c: str) -> int:
    return int(c, 16)


def unescape_url(s: str, plus: bool = False) -> str:
    """ap_unescape_url / ap_unescape_urlencoded as used by SSI: valid %XX escapes are
    decoded, bad ones kept; a decoded NUL ends the string, as in C."""
    if plus:
        s = s.replace("+", " ")
    out = []
    i = 0
    n = len(s)
    hexdigits = "0123456789abcdefABCDEF"
    while i < n:
        c = s[i]
        if c == "%" and i + 2 < n + 1 and i + 2 <= n - 1 and s[i + 1] in hexdigits and s[i + 2] in hexdigits:
            v = int(s[i + 1:i + 3], 16)
            if v == 0:
                break
            out.append(chr(v))
            i += 3
        else:
            out.append(c)
            i += 1
    return "".join(out)


def escape_uri(s: str) -> str:
    from ..http.uri import escape_uri as esc
    return esc(s)


def escape_urlencoded(s: str) -> str:
    """ap_escape_urlencoded: alphanumerics and . - * _ kept, space as +, the rest %XX."""
    out = []
    for b in s.encode("latin-1", "replace"):
        c = chr(b)
        if (c.isascii() and c.isalnum()) or c in ".-*_":
            out.append(c)
        elif c == " ":
            out.append("+")
        else:
            out.append("%%%02x" % b)
    return "".join(out)


def b64encode(s: str) -> str:
    return base64.b64encode(s.encode("latin-1", "replace")).decode("ascii")


def b64decode(s: str) -> str:
    """apr_base64_decode: decodes up to the first character outside the alphabet."""
    alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    body = ""
    for c in s:
        if c not in alpha:
            break
        body += c
    body = body[:len(body) - len(body) % 4] + {0: "", 1: "", 2: "==", 3: "="}[len(body) % 4] \
        if len(body) % 4 != 1 else body[:len(body) - 1]
    try:
        return base64.b64decode(body).split(b"\0", 1)[0].decode("latin-1")
    except ValueError:
        return ""


def strtok(s: str, delims: str = ", \t") -> list[str]:
    out = []
    cur = ""
    for c in s:
        if c in delims:
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += c
    if cur:
        out.append(cur)
    return out


def strfsize(size: int) -> str:
    """apr_strfsize (4 characters)."""
    order = "KMGTPE"
    o = 0
    if size < 0:
        return "  - "
    if size < 973:
        return ("%3d " % size)[:4]
    while True:
        remain = size & 1023
        size >>= 10
        if size >= 973:
            o += 1
            continue
        if size < 9 or (size == 9 and remain < 973):
            remain = ((remain * 5) + 256) // 512
            if remain >= 10:
                size += 1
                remain = 0
            return ("%d.%d%c" % (size, remain, order[o]))[:4]
        if remain >= 512:
            size += 1
        return ("%3d%c" % (size, order[o]))[:4]


def ht_time(t: float, fmt: str, gmt: bool) -> str:
    """ap_ht_time: strftime in local time, or GMT with %Z as "GMT" and %z as "+0000"."""
    if gmt:
        out = []
        i = 0
        while i < len(fmt):
            c = fmt[i]
            if c == "%" and i + 1 < len(fmt):
                nxt = fmt[i + 1]
                if nxt == "Z":
                    out.append("GMT")
                    i += 2
                    continue
                if nxt == "z":
                    out.append("+0000")
                    i += 2
                    continue
                out.append(fmt[i:i + 2])
                i += 2
                continue
            out.append(c)
            i += 1
        fmt = "".join(out)
        tm = time.gmtime(t)
    else:
        tm = time.localtime(t)
    try:
        return time.strftime(fmt, tm)
    except ValueError:
        return ""


APR_EABSOLUTE = 20020          # "The given path is absolute"
APR_EABOVEROOT = 20023         # "The given path was above the root path"


def filepath_merge_secure(path: str) -> tuple[str | None, int]:
    """apr_filepath_merge(NULL, path, SECUREROOTTEST | NOTABSOLUTE): (the relative path,
    normalised, 0), or (None, APR error) for an absolute path or one that leaves its
    directory."""
    if path.startswith("/"):
        return None, APR_EABSOLUTE
    parts: list[str] = []
    for seg in path.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if not parts:
                return None, APR_EABOVEROOT
            parts.pop()
            continue
        parts.append(seg)
    out = "/".join(parts)
    if path.endswith("/") and out:
        out += "/"
    return out, 0


# -- the per-request parser state ----------------------------------------------------------------

class Arg:
    __slots__ = ("name", "value")

    def __init__(self):
        self.name: str | None = None
        self.value: str | None = None


class SSIConf:
    """The merged mod_include settings of a request (see apachepy/modules/include.py)."""

    def __init__(self, start_tag=DEFAULT_START, end_tag=DEFAULT_END, error_msg=None, time_fmt=None,
                 undefined_echo=None, xbithack="unset", lastmodified=None, etag=None, legacy_expr=None,
                 enable_mmap=True):
        self.start_tag = start_tag
        self.end_tag = end_tag
        self.error_msg = error_msg
        self.time_fmt = time_fmt
        self.undefined_echo = undefined_echo
        self.xbithack = xbithack
        self.lastmodified = lastmodified
        self.etag = etag
        self.legacy_expr = legacy_expr
        self.enable_mmap = enable_mmap


class SSI:
    """include_ctx_t and ssi_internal_ctx together."""

    def __init__(self, r, conf: SSIConf, host, no_exec: bool):
        self.r = r
        self.host = host
        self.conf = conf
        self.state = PRE_HEAD
        self.seen_eos = False
        self.error = False
        self.quote = ""
        self.parse_pos = 0
        self.bytes_read = 0
        self.flush_now = False
        self.tmp: list = []
        self.start_seq = conf.start_tag.encode("latin-1")
        self.end_seq = conf.end_tag.encode("latin-1")
        self.directive = ""
        self.argv: list[Arg] = []
        self.current: Arg | None = None
        self.argc = 0
        self.flags = FLAG_PRINTING | FLAG_COND_TRUE | (FLAG_NO_EXEC if no_exec else 0)
        self.if_nesting = 0
        self.error_str = conf.error_msg if conf.error_msg is not None else DEFAULT_ERROR
        self.time_str = conf.time_fmt if conf.time_fmt is not None else DEFAULT_TIME_FORMAT
        self.undefined_echo = conf.undefined_echo if conf.undefined_echo is not None else DEFAULT_UNDEFINED_ECHO
        self.captures: Captures | None = None
        self.mmap = conf.enable_mmap
        self.mtime: float | None = None      # a nested include shows its parent's LAST_MODIFIED
        self.legacy_match = False            # the last legacy-syntax regex (SSILegacyExprParser)
        self.legacy_groups = 0
        self.legacy_regex = ""

    # -- logging ----------------------------------------------------------------------------
    def log(self, level: str, msg: str) -> None:
        self.r.log_error("include", level, msg)

    def error_bucket(self, out: list) -> None:
        out.append(self.error_str.encode("latin-1", "replace"))

    # -- variables ---------------------------------------------------------------------------
    def get_var(self, var: str) -> str | None:
        """get_include_var: $0..$9 of the last regex, else an SSI/environment variable."""
        r = self.r
        if len(var) == 1 and var.isdigit():
            idx = int(var)
            cap = self.captures
            if self.conf.legacy_expr:
                have, nsub, rexp = self.legacy_match, self.legacy_groups, self.legacy_regex
            else:
                # after an ap_expr condition httpd never records the number of groups (its
                # backref_t stays zeroed), so only $0 is ever in range
                have, nsub, rexp = cap is not None and bool(cap.source), 0, "(null)"
            if not have:
                self.log("warn", f"AH01329: regex capture ${idx} refers to no regex in {r.filename}")
                return None
            if nsub < idx:
                self.log("warn", f"AH01330: regex capture ${idx} is out of range (last regex was: "
                         f"'{rexp}') in {r.filename}")
                return None
            if idx >= len(cap.spans):
                return None
            start, end = cap.spans[idx]
            if start < 0 or end < 0:
                return None
            return cap.source[start:end]
        val = r.subprocess_env.get(var)
        if val is LAZY_TEXT:
            val = self.lazy_var(var)
        return val

    def lazy_var(self, var: str) -> str | None:
        """add_include_vars_lazy"""
        r = self.r
        v = var.lower()
        if v == "date_local":
            val = ht_time(r.request_time, self.time_str, False)
        elif v == "date_gmt":
            val = ht_time(r.request_time, self.time_str, True)
        elif v == "last_modified":
            val = ht_time(self.file_mtime(), self.time_str, False)
        elif v == "user_name":
            try:
                import pwd
                val = pwd.getpwuid(r.finfo.st_uid).pw_name
            except (KeyError, AttributeError):
                val = "<unknown>"
        else:
            val = None
        if val is not None:
            r.subprocess_env.set(var, val)
        return val

    def file_mtime(self) -> float:
        if self.mtime is not None:
            return self.mtime
        return self.r.finfo.st_mtime if self.r.finfo is not None else 0

    def parse_string(self, s: str, leave_name: bool = False) -> str:
        """ap_ssi_parse_string: $name and ${name} expanded, \\$ for a literal $."""
        if "\\" not in s and "$" not in s:
            return s
        out = []
        i = 0
        n = len(s)
        while i < n:
            c = s[i]
            if c == "\\":
                if i + 1 < n and s[i + 1] == "$":
                    out.append("$")
                    i += 2
                else:
                    out.append("\\")
                    i += 1
                continue
            if c != "$":
                out.append(c)
                i += 1
                continue
            # variable
            if i + 1 < n and s[i + 1] == "{":
                end = s.find("}", i + 2)
                if end < 0:
                    self.log("error", f"AH01331: Missing '}}' on variable \"{s[i + 2:]}\" in {self.r.filename}")
                    break
                key = s[i + 2:end] if end > i + 2 else None
                newp = end + 1
                raw = s[i:end + 1]
            else:
                j = i + 1
                while j < n and (s[j] == "_" or (s[j].isascii() and s[j].isalnum())):
                    j += 1
                key = s[i + 1:j] if j > i + 1 else None
                newp = j
                raw = s[i:j]
            if key is None:
                out.append("$")
                i += 1
                continue
            val = self.get_var(key)
            if val is None and leave_name:
                val = raw
            if val:
                out.append(val)
            i = newp
        return "".join(out)

    # -- the parser: httpd's send_parsed_content ---------------------------------------------
    def _read(self, items: list, i: int) -> bytes:
        """Read bucket i; a file bucket becomes data (whole, up to 4 MB, as an mmap read; else
        8000 bytes) followed by the rest of the file."""
        b = items[i]
        if isinstance(b, (bytes, bytearray, memoryview)):
            return bytes(b)
        if is_file(b):
            chunk = min(b.length, MMAP_LIMIT if self.mmap else BUCKET_BUFF_SIZE)
            from .buckets import FileBucket
            fb = b if isinstance(b, FileBucket) else FileBucket(getattr(b, "path", None), getattr(b, "fd", None),
                                                               b.offset, b.length)
            head, rest = fb.split(chunk) if chunk < fb.length else (fb, None)
            data = head.read()
            items[i] = data
            if rest is not None and rest.length:
                items.insert(i + 1, rest)
            return data
        return b""

    def process(self, f, bb: list) -> None:
        if not bb:
            return
        if self.seen_eos:
            f.pass_brigade(bb)
            return
        items = list(bb)
        pass_bb: list = []
        self.bytes_read = 0
        self.error = False
        self.flush_now = False
        i = 0
        eos_bucket = None
        while i < len(items):
            b = items[i]
            if isinstance(b, Metadata):
                items.pop(i)
                if b is EOS:
                    self.seen_eos = True
                    eos_bucket = b
                    if self.state in (EXECUTE, DIRECTIVE_POSTTAIL):
                        items.insert(i, b)
                    else:
                        break
                else:
                    pass_bb.append(b)
                    if b is FLUSH:
                        self.flush_now = True
                    continue
            if self.flush_now or self.bytes_read > MIN_BYTES_TO_WRITE:
                if pass_bb:
                    f.pass_brigade(pass_bb)
                    pass_bb = []
                self.flush_now = False
                self.bytes_read = 0
            data = b""
            if not self.seen_eos:
                data = self._read(items, i)
                self.bytes_read += len(data)
            if not data and not self.seen_eos:
                i += 1
                continue
            st = self.state
            if st == PRE_HEAD:
                index = self.find_start_sequence(data)
                if index < len(data):
                    items[i:i + 1] = [data[:index], data[index:]]
                head = items.pop(i)
                if self.flags & FLAG_PRINTING:
                    pass_bb.append(head)
                if index < len(data):
                    rest = items[i]
                    if self.state == DIRECTIVE:
                        plen = len(self.start_seq)
                        items[i:i + 1] = [rest[:plen], rest[plen:]]
                        self.flush_now = True
                    items.pop(i)
            elif st == HEAD:
                index, release = self.find_partial_start_sequence(data)
                if release and self.flags & FLAG_PRINTING:
                    pass_bb.append(self.start_seq[:release])
                if index:
                    if self.state == DIRECTIVE:
                        items[i:i + 1] = [data[:index], data[index:]]
                    items.pop(i)
            elif st in (DIRECTIVE, DIRECTIVE_POSTNAME, DIRECTIVE_TAIL, DIRECTIVE_POSTTAIL):
                index, store = self.find_directive(data)
                i = self._store(items, i, data, index, store)
            elif st == PRE_ARG:
                index = self.find_arg_or_tail(data)
                if index:
                    if index < len(data):
                        items[i:i + 1] = [data[:index], data[index:]]
                    items.pop(i)
            elif st in (ARG, ARG_NAME, ARG_POSTNAME, ARG_EQ, ARG_PREVAL, ARG_VAL, ARG_VAL_ESC, ARG_POSTVAL):
                index, store = self.find_argument(data)
                i = self._store(items, i, data, index, store)
            elif st in (TAIL, TAIL_SEQ):
                index = self.find_tail(data)
                if self.state == EXECUTE:
                    items[i:i + 1] = [data[:index], data[index:]]
                    items.pop(i)
                elif self.state == ARG:
                    items[0:0] = self.tmp
                    self.tmp = []
                    i = 0
                else:
                    self.tmp.append(items.pop(i))
            elif st == EXECUTE:
                if self.error:
                    if self.flags & FLAG_PRINTING:
                        self.error_bucket(pass_bb)
                        self.error = False
                else:
                    handler = find_handler(self, self.directive)
                    if handler is not None:
                        handler(self, f, pass_bb)
                    else:
                        self.log("error", f"AH01371: unknown directive \"{self.directive}\" in parsed doc "
                                 f"{self.r.filename}")
                        if self.flags & FLAG_PRINTING:
                            self.error_bucket(pass_bb)
                self.tmp = []
                self.state = PRE_HEAD
        if self.seen_eos:
            if self.state == HEAD:
                if self.flags & FLAG_PRINTING:
                    pass_bb.append(self.start_seq[:self.parse_pos])
            elif self.state != PRE_HEAD:
                self.log("error", "AH01372: SSI directive was not properly finished at the end of parsed "
                         f"document {self.r.filename}")
                if self.flags & FLAG_PRINTING:
                    self.error_bucket(pass_bb)
            if not self.flags & FLAG_PRINTING:
                self.log("warn", f"AH01373: missing closing endif directive in parsed document {self.r.filename}")
            self.tmp = []
            pass_bb.append(eos_bucket if eos_bucket is not None else EOS)
        if pass_bb:
            f.pass_brigade(pass_bb)

    def _store(self, items: list, i: int, data: bytes, index: int, store) -> int:
        """The bucket bookkeeping after find_directive / find_argument: `store` is None (drop
        what was consumed), "keep" (collect it in tmp) or a setter (collect, then give the
        collected text to the setter)."""
        if index:
            items[i:i + 1] = [data[:index], data[index:]]
        if store is not None:
            if index:
                self.tmp.append(items.pop(i))
            if store != "keep":
                store(b"".join(bytes(x) for x in self.tmp).decode("latin-1"))
                self.tmp = []
        elif index:
            items.pop(i)
        return i

    # the scanners, each returning how much of `data` it consumed
    def find_start_sequence(self, data: bytes) -> int:
        seq = self.start_seq
        slen = len(seq)
        n = len(data)
        if n >= slen:
            idx = data.find(seq)
            if idx >= 0:
                self.state = DIRECTIVE
                return idx
            p = n - slen + 1
        else:
            p = 0
        while p < n:
            while p < n and data[p] != seq[0]:
                p += 1
            index = p
            if p < n:
                pos = 1
                p += 1
                while p < n and pos < slen and data[p] == seq[pos]:
                    p += 1
                    pos += 1
                if p == n:
                    self.state = HEAD
                    self.parse_pos = pos
                    return index
            p = index + 1
        return n

    def find_partial_start_sequence(self, data: bytes) -> tuple[int, int]:
        seq = self.start_seq
        slen = len(seq)
        pos = self.parse_pos
        n = len(data)
        release = 0
        spos = 0
        while True:
            p = 0
            while p < n and pos < slen and data[p] == seq[pos]:
                p += 1
                pos += 1
            if pos == slen:
                self.state = DIRECTIVE
                return p, release
            if p == n:
                self.parse_pos = pos
                return p, release
            if spos < self.parse_pos:
                while True:
                    spos += 1
                    release += 1
                    q = spos
                    pos = self.parse_pos - spos
                    while pos and seq[q] != seq[0]:
                        q += 1
                        spos += 1
                        release += 1
                        pos -= 1
                    if pos > 1:
                        t = 1
                        q += 1
                        while t < pos and seq[q] == seq[t]:
                            q += 1
                            t += 1
                        if t == pos:
                            break
                    if not pos > 1:
                        break
                if pos:
                    continue
            break
        release = self.parse_pos
        self.state = PRE_HEAD
        return 0, release

    def find_directive(self, data: bytes):
        p = 0
        n = len(data)
        store = "keep"
        st = self.state
        if st == DIRECTIVE:
            while p < n and not _isspace(data[p]):
                if data[p] == self.end_seq[0]:
                    self.state = DIRECTIVE_TAIL
                    self.parse_pos = 1
                    return p + 1, store
                p += 1
            if p < n:
                self.state = DIRECTIVE_POSTNAME
                store = self._set_directive
            return p, store
        if st == DIRECTIVE_TAIL:
            pos = self.parse_pos
            while p < n and pos < len(self.end_seq) and data[p] == self.end_seq[pos]:
                p += 1
                pos += 1
            if pos == len(self.end_seq):
                self.state = DIRECTIVE_POSTTAIL
                return p, self._set_directive
            if p == n:
                self.parse_pos = pos
                return p, store
            self.state = DIRECTIVE
            return 0, store
        if st == DIRECTIVE_POSTTAIL:
            self.state = EXECUTE
            self.directive = self.directive[:len(self.directive) - len(self.end_seq)]
        if self.state == DIRECTIVE_POSTNAME:
            self.state = PRE_ARG
        self.argc = 0
        self.argv = []
        if not self.directive:
            self.error = True
            self.log("error", f"AH01368: missing directive name in parsed document {self.r.filename}")
        else:
            self.directive = self.directive.lower()
        return 0, store

    def _set_directive(self, text: str) -> None:
        self.directive = text

    def find_arg_or_tail(self, data: bytes) -> int:
        p = 0
        n = len(data)
        while p < n and _isspace(data[p]):
            p += 1
        if p < n:
            self.state = TAIL if data[p] == self.end_seq[0] else ARG
        return p

    def find_tail(self, data: bytes) -> int:
        p = 0
        n = len(data)
        if self.state == TAIL:
            self.state = TAIL_SEQ
            self.parse_pos = 0
        pos = self.parse_pos
        end = self.end_seq
        while p < n and pos < len(end) and data[p] == end[pos]:
            p += 1
            pos += 1
        if pos == len(end):
            self.state = EXECUTE
            return p
        if p == n:
            self.parse_pos = pos
            return p
        self.state = ARG
        return 0

    def find_argument(self, data: bytes):
        p = 0
        n = len(data)
        store = "keep"
        st = self.state
        if st == ARG:
            self.current = Arg()
            self.argc += 1
            self.argv.append(self.current)
            if data[0:1] in (b'"', b"'", b"`"):
                self.state = ARG_VAL
                self.quote = chr(data[0])
                self.error = True
                self.log("error", f"AH01369: missing argument name for value to tag {self.directive} in "
                         f"{self.r.filename}")
                return 1, None
            self.state = st = ARG_NAME
        if st == ARG_NAME:
            while p < n and not _isspace(data[p]) and data[p] != 61:
                p += 1
            if p < n:
                self.state = ARG_POSTNAME
                return p, self._set_name
            return n, store
        if st == ARG_POSTNAME:
            if not self.current.name:
                self.error = True
                self.log("error", f"AH01370: missing argument name for value to tag {self.directive} in "
                         f"{self.r.filename}")
            else:
                self.current.name = self.current.name.lower()
            self.state = st = ARG_EQ
        if st == ARG_EQ:
            while p < n and _isspace(data[p]):
                p += 1
            if p < n:
                if data[p] == 61:
                    self.state = ARG_PREVAL
                    p += 1
                else:
                    self.current.value = None
                    self.state = PRE_ARG
                return p, None
            return n, None
        if st == ARG_PREVAL:
            while p < n and _isspace(data[p]):
                p += 1
            if p < n:
                self.state = ARG_VAL
                if data[p:p + 1] in (b'"', b"'", b"`"):
                    self.quote = chr(data[p])
                    p += 1
                else:
                    self.quote = ""
                return p, None
            return n, None
        if st == ARG_VAL_ESC:
            if self.quote and data[0] == ord(self.quote):
                p += 1
            self.state = st = ARG_VAL
        if st == ARG_VAL:
            q = ord(self.quote) if self.quote else None
            while p < n:
                c = data[p]
                if q is not None and c == 92:
                    p += 1
                    if p == n:
                        self.state = ARG_VAL_ESC
                        break
                    if data[p] != q:
                        p -= 1
                elif q is not None and c == q:
                    p += 1
                    self.state = ARG_POSTVAL
                    return p, self._set_value
                elif q is None and _isspace(c):
                    p += 1
                    self.state = ARG_POSTVAL
                    return p, self._set_value
                p += 1
            return p, store
        if st == ARG_POSTVAL:
            v = self.current.value[:-1]
            if self.quote:
                out = []
                k = 0
                while k < len(v):
                    if v[k] == "\\" and k + 1 < len(v) and v[k + 1] == self.quote:
                        k += 1
                    out.append(v[k])
                    k += 1
                v = "".join(out)
            self.current.value = v
            self.state = PRE_ARG
            return 0, store
        return n, store

    def _set_name(self, text: str) -> None:
        self.current.name = text

    def _set_value(self, text: str) -> None:
        self.current.value = text

    def next_arg(self, decode: bool) -> tuple[str | None, str | None]:
        """ap_ssi_get_tag_and_value"""
        if not self.argv:
            return None, None
        a = self.argv.pop(0)
        val = a.value
        if decode and val is not None:
            val = decodehtml(val)
        return a.name, val

    # -- expressions -------------------------------------------------------------------------
    def eval_expr(self, text: str) -> tuple[bool, bool]:
        """(value, was_error) of a condition: ap_expr (parse_ap_expr), or the pre-2.4
        syntax with SSILegacyExprParser on."""
        r = self.r
        if self.conf.legacy_expr:
            from .ssi_legacy import parse_expr
            return parse_expr(self, text)
        try:
            expr = expr_parse(text, lookup_fn=chain_lookups(include_lookup, self.host.expr_lookup(r)),
                              restricted=True)
        except ExprError as e:
            self.log("error", f"AH01337: Could not parse expr \"{text}\" in {r.filename}: {e}")
            return False, True
        cap = self.captures if self.captures is not None else Captures()
        if self.captures is not None and not self.captures.source:
            cap.source = None
        try:
            value = bool(expr.evaluate(self.host.expr_context(r, self), cap))
        except ExprEvalError as e:
            self.log("error", f"AH01338: Could not evaluate expr \"{text}\" in {r.filename}: {e}")
            return False, True
        self.captures = cap
        return value, False


def _isspace(b: int) -> bool:
    return b in (32, 9, 10, 11, 12, 13)


class _LazyText(str):
    """The marker stored in subprocess_env for the lazily computed variables."""


LAZY_TEXT = _LazyText("")


# -- directive handlers --------------------------------------------------------------------------

def _missing(ctx: SSI, what: str, code: str) -> None:
    ctx.log("error" if ctx.flags & FLAG_PRINTING else "warn",
            f"{code}: missing argument for {what} element in {ctx.r.filename}")


def handle_comment(ctx: SSI, f, out: list) -> None:
    return


def handle_include(ctx: SSI, f, out: list) -> None:
    r = ctx.r
    if not ctx.argc:
        _missing(ctx, "include", "AH01341")
    if not ctx.flags & FLAG_PRINTING:
        return
    if not ctx.argc:
        ctx.error_bucket(out)
        return
    last_error = None
    while True:
        tag, val = ctx.next_arg(True)
        if tag is None or val is None:
            break
        if tag not in ("virtual", "file", "onerror"):
            ctx.log("error", f"AH01342: unknown parameter \"{tag}\" to tag include in {r.filename}")
            ctx.error_bucket(out)
            break
        parsed = ctx.parse_string(val)
        error_fmt = None
        rr = None
        status = 0
        rv = 0
        if tag[0] == "f":
            newpath, rv = filepath_merge_secure(parsed)
            if newpath is None:
                error_fmt = "unable to include file \"%s\" in parsed file %s"
            else:
                rr = ctx.host.lookup_file(r, newpath, f.next)
        elif (tag[0] == "v" and not last_error) or (tag[0] == "o" and last_error):
            rr = ctx.host.lookup_uri(r, parsed, f.next)
        else:
            continue
        if error_fmt is None and rr.status != 200:
            error_fmt = "unable to include \"%s\" in parsed file %s, subrequest setup returned %d"
        if error_fmt is None and ctx.flags & FLAG_NO_EXEC and rr.content_type \
                and not rr.content_type.startswith("text/"):
            error_fmt = "unable to include potential exec \"%s\" in parsed file %s, content type not text/*"
        if rr is not None:
            ctx.host.mark_included(rr, r)
        if error_fmt is None:
            status = ctx.host.run_sub_req(rr)
            if status:
                error_fmt = "unable to include \"%s\" in parsed file %s, subrequest returned %d"
        if error_fmt is not None:
            args = [val, r.filename]
            if "%d" in error_fmt:
                args.append(status if status else (rr.status if rr is not None else 0))
            r.log_error("include", "error", error_fmt % tuple(args), err=rv or None)
            if last_error:
                break
            last_error = error_fmt
        else:
            last_error = None
    if last_error:
        ctx.error_bucket(out)


def _transform(ctx: SSI, text: str, decoding: str, encoding: str, tag: str, codes: tuple[str, str],
               out: list) -> str | None:
    for token in strtok(decoding):
        t = token.lower()
        if t == "none":
            pass
        elif t == "url":
            text = unescape_url(text)
        elif t == "urlencoded":
            text = unescape_url(text, plus=True)
        elif t == "entity":
            text = decodehtml(text)
        elif t == "base64":
            text = b64decode(text)
        else:
            ctx.log("error", f"{codes[0]}: unknown value \"{token}\" to parameter \"decoding\" of tag {tag} in "
                    f"{ctx.r.filename}")
            ctx.error_bucket(out)
            return None
    for token in strtok(encoding):
        t = token.lower()
        if t == "none":
            pass
        elif t == "url":
            text = escape_uri(text)
        elif t == "urlencoded":
            text = escape_urlencoded(text)
        elif t == "entity":
            text = escape_html(text)
        elif t == "base64":
            text = b64encode(text)
        else:
            ctx.log("error", f"{codes[1]}: unknown value \"{token}\" to parameter \"encoding\" of tag {tag} in "
                    f"{ctx.r.filename}")
            ctx.error_bucket(out)
            return None
    return text


def handle_echo(ctx: SSI, f, out: list) -> None:
    r = ctx.r
    encoding, decoding = "entity", "none"
    if not ctx.argc:
        _missing(ctx, "echo", "AH01343")
    if not ctx.flags & FLAG_PRINTING:
        return
    if not ctx.argc:
        ctx.error_bucket(out)
        return
    while True:
        tag, val = ctx.next_arg(True)
        if tag is None or val is None:
            break
        if tag == "var":
            value = ctx.get_var(ctx.parse_string(val))
            if value is not None:
                text = _transform(ctx, value, decoding, encoding, "echo", ("AH01344", "AH01345"), out)
                if text is None:
                    break
            else:
                text = ctx.undefined_echo
            out.append(text.encode("latin-1", "replace"))
        elif tag == "decoding":
            decoding = val
        elif tag == "encoding":
            encoding = val
        else:
            ctx.log("error", f"AH01346: unknown parameter \"{tag}\" in tag echo of {r.filename}")
            ctx.error_bucket(out)
            break


def handle_config(ctx: SSI, f, out: list) -> None:
    r = ctx.r
    if not ctx.argc:
        _missing(ctx, "config", "AH01347")
    if not ctx.flags & FLAG_PRINTING:
        return
    if not ctx.argc:
        ctx.error_bucket(out)
        return
    env = r.subprocess_env
    while True:
        tag, val = ctx.next_arg(False)
        if tag is None or val is None:
            break
        if tag == "errmsg":
            ctx.error_str = ctx.parse_string(val)
        elif tag == "echomsg":
            ctx.undefined_echo = ctx.parse_string(val)
        elif tag == "timefmt":
            ctx.time_str = ctx.parse_string(val)
            env.set("DATE_LOCAL", ht_time(r.request_time, ctx.time_str, False))
            env.set("DATE_GMT", ht_time(r.request_time, ctx.time_str, True))
            env.set("LAST_MODIFIED", ht_time(ctx.file_mtime(), ctx.time_str, False))
        elif tag == "sizefmt":
            parsed = ctx.parse_string(val)
            if parsed == "bytes":
                ctx.flags |= FLAG_SIZE_IN_BYTES
            elif parsed == "abbrev":
                ctx.flags &= ~FLAG_SIZE_IN_BYTES
            else:
                ctx.log("error", f"AH01348: unknown value \"{parsed}\" to parameter \"sizefmt\" of tag config in "
                        f"{r.filename}")
                ctx.error_bucket(out)
                break
        else:
            ctx.log("error", f"AH01349: unknown parameter \"{tag}\" to tag config in {r.filename}")
            ctx.error_bucket(out)
            break


def find_file(ctx: SSI, directive: str, tag: str, val: str):
    """The stat of what fsize/flastmod name, or None (logged)."""
    r = ctx.r
    if tag == "file":
        newpath, rv = filepath_merge_secure(val)
        if newpath is None:
            r.log_error("include", "error", f"AH02668: unable to access file \"{val}\" in parsed file {r.filename}",
                        err=rv)
            return None
        rr = ctx.host.lookup_file(r, newpath, None)
        if rr.status == 200 and rr.finfo is not None:
            try:
                return os.stat(rr.filename)
            except OSError:
                ctx.log("error", f"AH02669: unable to get information about \"{rr.filename}\" in parsed file "
                        f"{r.filename}")
                return None
        ctx.log("error", f"AH02670: unable to lookup information about \"{val}\" in parsed file {r.filename}")
        return None
    if tag == "virtual":
        rr = ctx.host.lookup_uri(r, val, None)
        if rr.status == 200 and rr.finfo is not None:
            return rr.finfo
        ctx.log("error", f"AH01339: unable to get information about \"{val}\" in parsed file {r.filename}")
        return None
    ctx.log("error", f"AH01340: unknown parameter \"{tag}\" to tag {directive} in {r.filename}")
    return None


def handle_fsize(ctx: SSI, f, out: list) -> None:
    if not ctx.argc:
        _missing(ctx, "fsize", "AH01350")
    if not ctx.flags & FLAG_PRINTING:
        return
    if not ctx.argc:
        ctx.error_bucket(out)
        return
    while True:
        tag, val = ctx.next_arg(True)
        if tag is None or val is None:
            break
        st = find_file(ctx, "fsize", tag, ctx.parse_string(val))
        if st is None:
            ctx.error_bucket(out)
            break
        if not ctx.flags & FLAG_SIZE_IN_BYTES:
            out.append(strfsize(st.st_size).encode())
        else:
            out.append("{:,}".format(st.st_size).encode())


def handle_flastmod(ctx: SSI, f, out: list) -> None:
    if not ctx.argc:
        _missing(ctx, "flastmod", "AH01351")
    if not ctx.flags & FLAG_PRINTING:
        return
    if not ctx.argc:
        ctx.error_bucket(out)
        return
    while True:
        tag, val = ctx.next_arg(True)
        if tag is None or val is None:
            break
        st = find_file(ctx, "flastmod", tag, ctx.parse_string(val))
        if st is None:
            ctx.error_bucket(out)
            break
        out.append(ht_time(st.st_mtime, ctx.time_str, False).encode("latin-1", "replace"))


def _cond_arg(ctx: SSI, out: list, code_tag: str, code_missing: str, missing_msg: str) -> str | None:
    """The expr="..." argument of if/elif, or None (logged, error text written)."""
    tag, expr = ctx.next_arg(False)
    r = ctx.r
    if tag != "expr":
        ctx.log("error", f"{code_tag}: unknown parameter \"{tag}\" to tag if in {r.filename}")
        ctx.error_bucket(out)
        return None
    if expr is None:
        ctx.log("error", f"{code_missing}: {missing_msg}")
        ctx.error_bucket(out)
        return None
    return expr


def _expr_error(ctx: SSI, out: list) -> None:
    """A condition that cannot be parsed or evaluated: the error text, then (as apache2
    2.4.71 does) nothing more is printed up to the endif, and no else branch either."""
    ctx.error_bucket(out)
    ctx.flags = (ctx.flags & ~FLAG_PRINTING) | FLAG_COND_TRUE


def _set_cond(ctx: SSI, out: list, expr: str) -> None:
    value, was_error = ctx.eval_expr(expr)
    if was_error:
        _expr_error(ctx, out)
        return
    if value:
        ctx.flags |= FLAG_PRINTING | FLAG_COND_TRUE
    else:
        ctx.flags &= ~(FLAG_PRINTING | FLAG_COND_TRUE)


def handle_if(ctx: SSI, f, out: list) -> None:
    r = ctx.r
    if ctx.argc != 1:
        ctx.log("error" if ctx.flags & FLAG_PRINTING else "warn",
                f"AH01352: too many arguments for if element in {r.filename}" if ctx.argc else
                f"AH01353: missing expr argument for if element in {r.filename}")
    if not ctx.flags & FLAG_PRINTING:
        ctx.if_nesting += 1
        return
    if ctx.argc != 1:
        ctx.error_bucket(out)
        return
    expr = _cond_arg(ctx, out, "AH01354", "AH01355", f"missing expr value for if element in {r.filename}")
    if expr is None:
        return
    value, was_error = ctx.eval_expr(expr)
    if was_error:
        _expr_error(ctx, out)
        return
    if value:
        ctx.flags |= FLAG_PRINTING | FLAG_COND_TRUE
    else:
        ctx.flags &= ~(FLAG_PRINTING | FLAG_COND_TRUE)
    ctx.if_nesting = 0


def handle_elif(ctx: SSI, f, out: list) -> None:
    r = ctx.r
    if ctx.argc != 1:
        ctx.log("error" if not ctx.if_nesting else "warn",
                f"AH01356: too many arguments for if element in {r.filename}" if ctx.argc else
                f"AH01357: missing expr argument for if element in {r.filename}")
    if ctx.if_nesting:
        return
    if ctx.argc != 1:
        ctx.error_bucket(out)
        return
    expr = _cond_arg(ctx, out, "AH01358", "AH01359", f"missing expr in elif statement: {r.filename}")
    if expr is None:
        return
    if ctx.flags & FLAG_COND_TRUE:
        ctx.flags &= ~FLAG_PRINTING
        return
    _set_cond(ctx, out, expr)


def handle_else(ctx: SSI, f, out: list) -> None:
    if ctx.argc:
        ctx.log("error" if not ctx.if_nesting else "warn",
                f"AH01360: else directive does not take tags in {ctx.r.filename}")
    if ctx.if_nesting:
        return
    if ctx.argc:
        if ctx.flags & FLAG_PRINTING:
            ctx.error_bucket(out)
        return
    if ctx.flags & FLAG_COND_TRUE:
        ctx.flags &= ~FLAG_PRINTING
    else:
        ctx.flags |= FLAG_PRINTING | FLAG_COND_TRUE


def handle_endif(ctx: SSI, f, out: list) -> None:
    if ctx.argc:
        ctx.log("error" if not ctx.if_nesting else "warn",
                f"AH01361: endif directive does not take tags in {ctx.r.filename}")
    if ctx.if_nesting:
        ctx.if_nesting -= 1
        return
    if ctx.argc:
        ctx.error_bucket(out)
        return
    ctx.flags |= FLAG_PRINTING | FLAG_COND_TRUE


def handle_set(ctx: SSI, f, out: list) -> None:
    r = ctx.r
    encoding, decoding = "none", "none"
    var = None
    if ctx.argc < 2:
        _missing(ctx, "set", "AH01362")
    if not ctx.flags & FLAG_PRINTING:
        return
    if ctx.argc < 2:
        ctx.error_bucket(out)
        return
    while True:
        tag, val = ctx.next_arg(False)
        if tag is None or val is None:
            break
        if tag == "var":
            var = ctx.parse_string(decodehtml(val))
        elif tag == "decoding":
            decoding = val
        elif tag == "encoding":
            encoding = val
        elif tag == "value":
            if var is None:
                ctx.log("error", f"AH01363: variable must precede value in set directive in {r.filename}")
                ctx.error_bucket(out)
                break
            parsed = _transform(ctx, ctx.parse_string(val), decoding, encoding, "set", ("AH01364", "AH01365"), out)
            if parsed is None:
                break
            r.subprocess_env.set(var, parsed)
        else:
            ctx.log("error", f"AH01366: Invalid tag for set directive in {r.filename}")
            ctx.error_bucket(out)
            break


def handle_printenv(ctx: SSI, f, out: list) -> None:
    r = ctx.r
    if ctx.argc:
        ctx.log("error" if ctx.flags & FLAG_PRINTING else "warn",
                f"AH01367: printenv directive does not take tags in {r.filename}")
    if not ctx.flags & FLAG_PRINTING:
        return
    if ctx.argc:
        ctx.error_bucket(out)
        return
    lines = []
    for key, val in list(r.subprocess_env.items):
        if val is LAZY_TEXT:
            val = ctx.lazy_var(key) or ""
        lines.append(f"{escape_html(key)}={escape_html(val)}\n")
    out.append("".join(lines).encode("latin-1", "replace"))
    ctx.flush_now = True


HANDLERS = {"if": handle_if, "set": handle_set, "else": handle_else, "elif": handle_elif, "echo": handle_echo,
            "endif": handle_endif, "fsize": handle_fsize, "config": handle_config, "comment": handle_comment,
            "include": handle_include, "flastmod": handle_flastmod, "printenv": handle_printenv}


HANDLER_MODULES: dict[str, frozenset] = {}


def register_include_handler(tag: str, fn, modules=None) -> None:
    """ap_register_include_handler: `fn(ctx, f, out)` runs for <!--#tag ... -->; with
    `modules`, only where the configuration loads one of them (httpd's registration happens
    when that module is loaded)."""
    HANDLERS[tag.lower()] = fn
    if modules:
        HANDLER_MODULES[tag.lower()] = frozenset(modules)


def find_handler(ctx: "SSI", tag: str):
    fn = HANDLERS.get(tag)
    need = HANDLER_MODULES.get(tag)
    loaded = getattr(getattr(ctx.r, "site", None), "loaded_modules", None)
    if fn is not None and need and loaded is not None and not need & set(loaded):
        return None
    return fn


def add_include_vars(r) -> None:
    env = r.subprocess_env
    env.set("DATE_LOCAL", LAZY_TEXT)
    env.set("DATE_GMT", LAZY_TEXT)
    env.set("LAST_MODIFIED", LAZY_TEXT)
    env.set("DOCUMENT_URI", r.uri)
    env.set("DOCUMENT_ARGS", r.args if r.args is not None else "")
    if r.path_info:
        env.set("DOCUMENT_PATH_INFO", r.path_info)
    env.set("USER_NAME", LAZY_TEXT)
    if r.filename and "/" in r.filename:
        env.set("DOCUMENT_NAME", r.filename[r.filename.rfind("/") + 1:])
    else:
        env.set("DOCUMENT_NAME", r.uri)
    if r.args is not None:
        env.set("QUERY_STRING_UNESCAPED", escape_shell_cmd(unescape_url(r.args)))


def escape_shell_cmd(s: str) -> str:
    """ap_escape_shell_cmd: shell metacharacters get a backslash."""
    out = []
    for c in s:
        if c in "&;`'\"|*?~<>^()[]{}$\\\n":
            out.append("\\")
        out.append(c)
    return "".join(out)


# -- the filter ------------------------------------------------------------------------------------

def ssi_conf(r) -> SSIConf:
    """mod_include's settings for r: per-directory fields (apachepy/modules/include.py) and
    the server's SSIStartTag/SSIEndTag."""
    d = r.per_dir_config
    values = getattr(getattr(r.server, "model", None), "values", None) or {}
    return SSIConf(start_tag=values.get("SSIStartTag", DEFAULT_START), end_tag=values.get("SSIEndTag", DEFAULT_END),
                   error_msg=getattr(d, "ssi_errmsg", None), time_fmt=getattr(d, "ssi_timefmt", None),
                   undefined_echo=getattr(d, "ssi_undefined_echo", None),
                   xbithack=getattr(d, "ssi_xbithack", None) or "unset",
                   lastmodified=getattr(d, "ssi_lastmodified", None), etag=getattr(d, "ssi_etag", None),
                   legacy_expr=getattr(d, "ssi_legacy_expr", None),
                   enable_mmap=getattr(d, "enable_mmap", True))


def _options(r) -> int:
    opts = getattr(r.per_dir_config, "options", None)
    return opts[0] if isinstance(opts, tuple) else 0


def includes_setup(f) -> int:
    """The INCLUDES filter's init, before the handler: no 304 from the file's validators
    (unless XBitHack full on a group-executable file) and no ETag (unless SSIETag on)."""
    import stat
    r = f.r
    conf = ssi_conf(r)
    if conf.xbithack != "full" or r.finfo is None or not r.finfo.st_mode & stat.S_IXGRP:
        r.no_local_copy = True
    if not conf.etag:
        r.notes.set("no-etag", "")
    return 0


def includes_filter(f, bb: list) -> None:
    import stat
    from ..http.conf import OPT_INC_WITH_EXEC, OPT_INCLUDES
    from ..http.dates import rfc1123
    r = f.r
    opts = _options(r)
    if not opts & OPT_INCLUDES:
        r.log_error("include", "warn", "AH01374: mod_include: Options +Includes (or IncludesNoExec) wasn't set, "
                    f"INCLUDES filter removed: {r.uri}")
        f.remove()
        f.pass_brigade(bb)
        return
    conf = ssi_conf(r)
    if f.ctx is None:
        f.ctx = SSI(r, conf, HOST, no_exec=not opts & OPT_INC_WITH_EXEC)
    parent = getattr(f.owner, "include_parent", None)
    if parent is not None and r.main is not None:
        # nested include: the base document's environment (and its mtime for LAST_MODIFIED)
        r.subprocess_env = r.main.subprocess_env
        f.ctx.mtime = r.main.finfo.st_mtime if r.main.finfo is not None else None
    else:
        HOST.setup_env(r)
    r.headers_out.unset("Content-Length")
    if conf.lastmodified:
        if r.finfo is not None and r.headers_out.get("Last-Modified") is None:
            r.headers_out.set("Last-Modified", rfc1123(min(r.finfo.st_mtime, r.request_time)))
    elif conf.xbithack == "full" and r.finfo is not None and r.finfo.st_mode & stat.S_IXGRP:
        r.headers_out.set("Last-Modified", rfc1123(min(r.finfo.st_mtime, r.request_time)))
    else:
        r.headers_out.unset("Last-Modified")
    if r.args is not None:
        r.subprocess_env.set("QUERY_STRING", r.args)
        r.subprocess_env.set("QUERY_STRING_UNESCAPED", escape_shell_cmd(unescape_url(r.args)))
    f.ctx.process(f, bb)


class HttpHost:
    """What INCLUDES asks of apachepy's HTTP layer."""

    def setup_env(self, r) -> None:
        from .scriptenv import add_cgi_vars, add_common_vars
        add_common_vars(r)
        add_cgi_vars(r)
        add_include_vars(r)

    def lookup_uri(self, r, uri: str, next_filter):
        from ..http.request import sub_req_lookup_uri
        return sub_req_lookup_uri(uri, r, next_filter)

    def lookup_file(self, r, path: str, next_filter):
        from ..http.request import sub_req_lookup_file
        return sub_req_lookup_file(path, r, next_filter)

    def mark_included(self, rr, r) -> None:
        filters = getattr(rr, "filters", None)
        if filters is not None:
            filters.include_parent = r

    def run_sub_req(self, rr) -> int:
        from ..http.request import run_sub_req
        return run_sub_req(rr)

    def expr_lookup(self, r):
        if "ssl_module" in getattr(r.site, "loaded_modules", ()):
            from ..expr import ssl_lookup
            return ssl_lookup
        return None

    def expr_context(self, r, ctx: SSI):
        from ..http.exprctx import RequestContext

        class Ctx(RequestContext):
            def ssi_var(self, name):
                return ctx.get_var(name)
        return Ctx(r)


HOST = HttpHost()
INCLUDES = register_output_filter("INCLUDES", includes_filter, RESOURCE, init=includes_setup,
                                  module="include_module", whole_body=True)
