"""mod_deflate's DEFLATE filters (modules/filters/mod_deflate.c).

Output (CONTENT_SET, whole-body): decides once, on the first brigade, whether to compress:
not a response of at most 68 bytes seen whole, not a sub-request, a 204, `no-gzip`, a
Content-Range, `gzip-only-text/html` for other types, or a body already content-encoded; it
then adds `Vary: Accept-Encoding` and compresses only if the client's Accept-Encoding names
gzip without q=0 (or `force-gzip` is set).  It sets Content-Encoding, drops Content-Length and
Content-MD5, suffixes the ETag with "-gzip" (DeflateAlterEtag), and writes a gzip stream
(10-byte header, raw deflate at DeflateCompressionLevel / DeflateWindowSize /
DeflateMemLevel, CRC32 and length trailer).  Compressed output goes down the chain in pieces of
DeflateBufferSize bytes, so a response whose compressed form fits in one buffer still gets a
Content-Length and a larger one is chunked, as in httpd.

Input (CONTENT_SET): inflates a request body whose outermost Content-Encoding is gzip (the
token is taken off the header, with Content-Length and Content-MD5) as deflate_in_filter does:
the 10-byte header and its optional fields parsed here, raw inflate into an output buffer of
DeflateBufferSize bytes, the CRC and length trailer checked.  After every inflate call the
inflated length is checked against DeflateInflateLimitRequestBody (else LimitRequestBody,
which HTTP_IN below already applies to the compressed body) and the running ratio against
DeflateInflateRatioLimit / DeflateInflateRatioBurst.  Failures are logged with httpd's
messages and raised as InputError for the reader (mod_cgi answers 400, or 413 for the limit).

Server settings are per virtual host without inheritance from the main server: mod_deflate
has no server-config merge function, so a vhost starts from the defaults.
"""
from __future__ import annotations

import errno
import re
import zlib

from .buckets import EOS, FLUSH, Metadata, bucket_length, flatten, is_metadata, read_bucket
from .chain import APR_EGENERAL, BLOCK, READBYTES, InputError
from .registry import CONTENT_SET, register_input_filter, register_output_filter

GZIP_HEADER = bytes([0x1f, 0x8b, zlib.DEFLATED, 0, 0, 0, 0, 0, 0, 0x03])
VALIDATION_SIZE = 8
SMALL = len(GZIP_HEADER) + VALIDATION_SIZE + 50    # not worth compressing (68 bytes)

DEFAULTS = {"DeflateCompressionLevel": zlib.Z_DEFAULT_COMPRESSION, "DeflateBufferSize": 8096,
            "DeflateWindowSize": 15, "DeflateMemLevel": 9, "DeflateAlterEtag": "addsuffix",
            "DeflateFilterNote": {}}
DIR_DEFAULTS = {"DeflateInflateLimitRequestBody": 0, "DeflateInflateRatioLimit": 200,
                "DeflateInflateRatioBurst": 3}


def server_conf(r, name: str):
    """A mod_deflate server setting of r's virtual host (typed by apachepy/modules/deflate.py)."""
    s = getattr(r, "server", None)
    model = getattr(s, "model", None)
    values = getattr(model, "values", None) or {}
    return values.get(name, DEFAULTS[name])


def get_token(line: str, pos: int, accept_white: bool) -> tuple[str, int]:
    """ap_get_token: a token up to ';' or ',' (or white space), quoted strings kept."""
    n = len(line)
    while pos < n and line[pos].isspace():
        pos += 1
    start = pos
    while pos < n and (accept_white or not line[pos].isspace()) and line[pos] not in ";,":
        c = line[pos]
        pos += 1
        if c == '"':
            while pos < n:
                c = line[pos]
                pos += 1
                if c == '"':
                    break
    token = line[start:pos]
    while pos < n and line[pos].isspace():
        pos += 1
    return token, pos


def accepts_gzip(accept: str) -> bool:
    """deflate_out_filter's reading of Accept-Encoding: gzip listed and not q=0."""
    pos = 0
    token, pos = get_token(accept, pos, False)
    n = len(accept)
    while token and token.lower() != "gzip":
        while pos < n and accept[pos] == ";":
            pos += 1
            _, pos = get_token(accept, pos, True)
        if pos < n and accept[pos] == ",":
            pos += 1
        token = get_token(accept, pos, False)[0] if pos < n else None
        if token is not None:
            _, pos = get_token(accept, pos, False)
    q = None
    if pos < n:
        while pos < n and accept[pos] == ";":
            pos += 1
        q, pos = get_token(accept, pos, True)
    if not token:
        return False
    if q and len(q) >= 3 and "q=0.000".startswith(q):
        return False
    return True


def _identity_only(encoding: str) -> bool:
    """Every token of a Content-Encoding value is identity/7bit/8bit/binary."""
    pos = 0
    n = len(encoding)
    token, pos = get_token(encoding, pos, False)
    while token:
        if token not in ("identity", "7bit", "8bit", "binary"):
            return False
        if pos < n:
            pos += 1
        if pos >= n:
            break
        token, pos = get_token(encoding, pos, False)
    return True


def check_etag(r, transform: str, opt: str) -> None:
    """deflate_check_etag: suffix the ETag (before its closing quote), or remove it."""
    if opt == "remove":
        r.headers_out.unset("ETag")
        return
    etag = r.headers_out.get("ETag")
    if etag and len(etag) > 2 and etag.endswith('"'):
        r.headers_out.set("ETag", etag[:-1] + "-" + transform + '"')


class _Deflate:
    __slots__ = ("z", "crc", "bb", "active")

    def __init__(self):
        self.active = False


def _decline(f, bb) -> None:
    f.remove()
    f.pass_brigade(bb)


def deflate_out(f, bb: list) -> None:
    if not bb:
        return
    r = f.r
    ctx = f.ctx
    if ctx is None:
        if bb[-1] is EOS:
            # a whole response this small is not worth the gzip overhead
            total = 0
            for b in bb:
                if b is EOS:
                    return _decline(f, bb)
                if is_metadata(b):
                    continue
                total += bucket_length(b)
                if total > SMALL:
                    break
        ctx = f.ctx = _Deflate()
        env = r.subprocess_env
        if (r.main is not None or r.status == 204 or env.get("no-gzip") is not None
                or r.headers_out.get("Content-Range") is not None):
            return _decline(f, bb)
        if not r.content_type or not r.content_type.startswith("text/html"):
            if env.get("gzip-only-text/html") == "1":
                return _decline(f, bb)
        encoding = r.headers_out.get("Content-Encoding")
        err_enc = r.err_headers_out.get("Content-Encoding")
        if encoding:
            if err_enc:
                encoding = encoding + "," + err_enc
        else:
            encoding = err_enc
        if r.content_encoding:
            encoding = encoding + "," + r.content_encoding if encoding else r.content_encoding
        if encoding and not _identity_only(encoding):
            return _decline(f, bb)
        r.headers_out.merge("Vary", "Accept-Encoding")
        if env.get("force-gzip") is None:
            accept = r.headers_in.get("Accept-Encoding")
            if accept is None or not accepts_gzip(accept):
                return _decline(f, bb)
        if r.status != 304:
            from .zstream import Deflater     # ctypes zlib: loaded at serve time only
            ctx.z = Deflater(server_conf(r, "DeflateCompressionLevel"), server_conf(r, "DeflateWindowSize"),
                             server_conf(r, "DeflateMemLevel"), server_conf(r, "DeflateBufferSize"))
            ctx.crc = 0
            ctx.bb = [GZIP_HEADER]       # ctx->bb starts with the gzip header
            ctx.active = True
        if not encoding or encoding.lower() == "identity":
            r.headers_out.set("Content-Encoding", "gzip")
        else:
            r.headers_out.merge("Content-Encoding", "gzip")
        if r.content_encoding:
            r.content_encoding = r.headers_out.get("Content-Encoding")
        r.headers_out.unset("Content-Length")
        r.headers_out.unset("Content-MD5")
        opt = server_conf(r, "DeflateAlterEtag")
        if opt != "nochange":
            check_etag(r, "gzip", opt)
        if r.status == 304:
            return _decline(f, bb)
    elif not ctx.active:
        return f.pass_brigade(bb)

    def send():
        out = list(ctx.bb)
        ctx.bb.clear()               # the same list: the deflater keeps appending to it
        f.pass_brigade(out)

    for i, b in enumerate(bb):
        if r.header_only and r.bytes_sent:
            # HEAD whose length could not be computed: the rest need not be compressed
            f.remove()
            f.pass_brigade(bb[i:])
            return
        if b is EOS:
            ctx.z.flush(zlib.Z_FINISH, ctx.bb)
            ctx.bb.append((ctx.crc & 0xffffffff).to_bytes(4, "little")
                          + (ctx.z.total_in & 0xffffffff).to_bytes(4, "little"))
            _notes(r, ctx)
            f.remove()
            ctx.active = False
            ctx.bb.append(EOS)
            send()
            return
        if b is FLUSH:
            ctx.z.flush(zlib.Z_SYNC_FLUSH, ctx.bb)
            ctx.bb.append(FLUSH)
            send()
            continue
        if isinstance(b, Metadata):
            ctx.bb.append(b)
            continue
        data = read_bucket(b)
        if not data:
            continue
        ctx.crc = zlib.crc32(data, ctx.crc)
        ctx.z.data(data, ctx.bb, send)


def _notes(r, ctx: _Deflate) -> None:
    """DeflateFilterNote: input/output sizes and the ratio, for the access log."""
    notes = server_conf(r, "DeflateFilterNote")
    if not notes:
        return
    tin, tout = ctx.z.total_in, ctx.z.total_out
    if notes.get("input"):
        r.notes.set(notes["input"], str(tin) if tin > 0 else "-")
    if notes.get("output"):
        r.notes.set(notes["output"], str(tout) if tout > 0 else "-")
    if notes.get("ratio"):
        r.notes.set(notes["ratio"], str(tout * 100 // tin) if tin > 0 else "-")


# -- input: inflate gzip request bodies (deflate_in_filter) ---------------------------------

HEAD_CRC, EXTRA_FIELD, ORIG_NAME, COMMENT, RESERVED = 0x02, 0x04, 0x08, 0x10, 0xE0
GZIP_MAGIC = b"\x1f\x8b"


def _dir_conf(r, name: str):
    conf = getattr(r, "per_dir_config", None)
    v = getattr(conf, "deflate_" + name, None) if conf is not None else None
    return DIR_DEFAULTS[name] if v is None else v


def request_is_gzip(r) -> bool:
    """check_gzip on the request headers: the outermost Content-Encoding, identity tokens
    aside, is gzip (or x-gzip); that token is taken off the header, since the body handed on
    is no longer encoded."""
    enc = r.headers_in.get("Content-Encoding")
    if not enc:
        return False
    gzip_tokens = ("gzip", "x-gzip")
    if enc.lower() in gzip_tokens:
        r.headers_in.unset("Content-Encoding")
        return True
    if "," not in enc:
        return False
    while True:
        i = enc.rfind(",")
        if i < 0:
            if enc.lower() in gzip_tokens:
                r.headers_in.unset("Content-Encoding")
                return True
            return False
        last = enc[i + 1:].lstrip(" \t\n\r\v\f").lower()
        if last in gzip_tokens:
            r.headers_in.set("Content-Encoding", enc[:i])
            return True
        if last not in ("", "identity"):
            return False
        enc = enc[:i]


def _signed(b: int) -> int:
    """A byte read through httpd's `char *` (signed on the platforms Debian builds for)."""
    return b - 256 if b >= 128 else b


class _Inflate:
    """The state of one request's inflation, laid out as deflate_ctx: the gzip header read so
    far, the optional header fields still to skip, the raw inflater writing into an output
    buffer of DeflateBufferSize bytes that is handed on when full (so the totals the limits
    see move in the same steps as httpd's), and the 8 validation bytes after the stream."""

    __slots__ = ("header", "extra", "flags", "consume_pos", "consume_len", "z", "bufsize", "out", "pending",
                 "crc", "total_in", "total_out", "hits", "valid", "done")

    def __init__(self, bufsize: int):
        self.header = b""
        self.extra = b""              # data past the header from a filter that sent more than asked
        self.flags = 0
        self.consume_pos = self.consume_len = 0
        self.z = None
        self.bufsize = bufsize
        self.out = bytearray()         # the output buffer (bufsize - avail_out bytes used)
        self.pending: list = []        # ctx->proc_bb: inflated buckets not yet returned
        self.crc = 0
        self.total_in = self.total_out = 0
        self.hits = 0
        self.valid: bytearray | None = None
        self.done = False

    def consume_buffer(self) -> None:
        """consume_buffer: the used part of the output buffer goes out (and into the CRC)."""
        if self.out:
            self.crc = zlib.crc32(self.out, self.crc)
            self.pending.append(bytes(self.out))
            self.out = bytearray()

    def skip_flags(self, data: bytes) -> bytes:
        """consume_zlib_flags: drop FEXTRA, FNAME, FCOMMENT and FHCRC; what follows is returned."""
        pos, n = 0, len(data)
        if self.flags & EXTRA_FIELD:
            if self.consume_pos == 0:
                if pos == n:
                    return b""
                self.consume_len = _signed(data[pos]) & 0xFFFFFFFF
                self.consume_pos, pos = 1, pos + 1
            if self.consume_pos == 1:
                if pos == n:
                    return b""
                self.consume_len = (self.consume_len + (_signed(data[pos]) << 8)) & 0xFFFFFFFF
                self.consume_pos, pos = 2, pos + 1
            if n - pos < self.consume_len:
                self.consume_len -= n - pos
                return b""
            pos += self.consume_len
            self.consume_len = self.consume_pos = 0
            self.flags &= ~EXTRA_FIELD
        for flag in (ORIG_NAME, COMMENT):
            if self.flags & flag:
                end = data.find(b"\0", pos)
                if end < 0:
                    return b""
                pos = end + 1
                self.flags &= ~flag
        if self.flags & HEAD_CRC:
            while self.consume_pos < 2:
                if pos == n:
                    return b""
                self.consume_pos, pos = self.consume_pos + 1, pos + 1
            self.consume_pos = 0
            self.flags &= ~HEAD_CRC
        self.flags = 0
        return data[pos:]


def _zlib_error(e: zlib.error) -> tuple[int, str]:
    """zlib's return code and stream message out of Python's 'Error -3 while decompressing
    data: invalid block type'."""
    m = re.match(r"Error (-?\d+) while decompressing data(?:: (.*))?$", str(e))
    if m is None:
        return -3, str(e)
    return int(m.group(1)), m.group(2) if m.group(2) is not None else "(null)"


def _ratio_ok(r, ctx: _Inflate) -> bool:
    """check_ratio: more than DeflateInflateRatioBurst inflate calls in a row whose running
    ratio of output to input reaches DeflateInflateRatioLimit fail the body."""
    if ctx.total_in:
        if ctx.total_out // ctx.total_in < _dir_conf(r, "DeflateInflateRatioLimit"):
            ctx.hits = 0
        else:
            ctx.hits += 1
            if ctx.hits > _dir_conf(r, "DeflateInflateRatioBurst"):
                return False
    return True


def _fail(r, level: str, msg: str, rv: int = APR_EGENERAL) -> InputError:
    r.log_error("deflate", level, msg)
    return InputError(rv)


def _inflate(r, ctx: _Inflate, data: bytes, limit: int) -> None:
    """One data bucket through inflate(Z_NO_FLUSH), checked after every call as httpd does:
    a zlib error, the inflated length against `limit`, the ratio; then the trailer."""
    if ctx.valid is None:
        z = ctx.z
        while data:
            if len(ctx.out) >= ctx.bufsize:
                ctx.consume_buffer()
            try:
                got = z.decompress(data, ctx.bufsize - len(ctx.out))
            except zlib.error as e:
                code, msg = _zlib_error(e)
                raise _fail(r, "warn", f"AH01392: Zlib error {code} inflating data ({msg})")
            rest = z.unconsumed_tail
            after = z.unused_data if z.eof else b""
            ctx.total_in += len(data) - len(rest) - len(after)
            ctx.total_out += len(got)
            ctx.out += got
            if limit and ctx.total_out > limit:
                raise _fail(r, "warn", f"AH02648: Inflated content length of {ctx.total_out} is larger than the "
                            f"configured limit of {limit}", errno.ENOSPC)
            if not _ratio_ok(r, ctx):
                raise _fail(r, "warn", "AH02649: Inflated content ratio is larger than the configured limit "
                            f"{_dir_conf(r, 'DeflateInflateRatioLimit')} by "
                            f"{_dir_conf(r, 'DeflateInflateRatioBurst')} time(s)", errno.EINVAL)
            if z.eof:
                ctx.valid = bytearray()
                data = after
                break
            data = rest
        else:
            return
    need = VALIDATION_SIZE - len(ctx.valid)
    if len(data) < need:
        ctx.valid += data
        return
    ctx.valid += data[:need]
    r.log_error("deflate", "debug", f"AH01393: Zlib: Inflated {ctx.total_in} to {ctx.total_out} : URL {r.uri}")
    ctx.consume_buffer()
    if ctx.crc != int.from_bytes(ctx.valid[:4], "little"):
        raise _fail(r, "warn", "AH01394: Zlib: CRC error inflating data")
    length = int.from_bytes(ctx.valid[4:], "little")
    if ctx.total_out & 0xFFFFFFFF != length:
        raise _fail(r, "warn", f"AH01395: Zlib: Length {ctx.total_out} of inflated data does not match expected "
                    f"value {length}")
    ctx.done = True
    if len(data) > need:
        raise _fail(r, "error", "AH02485: Encountered extra data after compressed data")


def _start(f, block: str, readbytes: int) -> list | None:
    """The first reads: decide whether to inflate at all, then read the 10-byte gzip header.
    None once inflation can start; otherwise the brigade to hand back (the filter has
    stepped aside, or a non-blocking read would block)."""
    r = f.r
    ctx = f.ctx
    if ctx is None:
        initial = r.main is None and r.prev is None
        if not initial or r.headers_in.get("Content-Range") is not None or not request_is_gzip(r):
            f.remove()
            return f.get_brigade(READBYTES, block, readbytes)
        ctx = f.ctx = _Inflate(server_conf(r, "DeflateBufferSize"))
    while len(ctx.header) < len(GZIP_HEADER):
        bb = f.get_brigade(READBYTES, block, len(GZIP_HEADER) - len(ctx.header))
        if not bb:
            return bb
        if bb[0] is EOS:
            if ctx.header:
                raise _fail(r, "error", "AH02619: Encountered premature end-of-stream while reading inflate header")
            f.remove()              # an empty body
            return [EOS]
        data = flatten(bb)
        if data and not ctx.header:
            r.headers_in.unset("Content-Length")
            r.headers_in.unset("Content-MD5")
        need = len(GZIP_HEADER) - len(ctx.header)
        ctx.header += data[:need]
        ctx.extra = data[need:]
    if ctx.header[:2] != GZIP_MAGIC:
        raise _fail(r, "warn", "AH01387: Zlib: Invalid header")
    ctx.flags = _signed(ctx.header[3])
    if ctx.flags & RESERVED:
        raise _fail(r, "warn", f"AH01388: Zlib: Invalid flags {ctx.flags & 0xFFFFFFFF:02x}")
    try:
        ctx.z = zlib.decompressobj(-server_conf(r, "DeflateWindowSize"))
    except ValueError:             # zlib refuses raw windows below 8 bits (Z_STREAM_ERROR)
        f.ctx = None
        r.log_error("deflate", "error", f"AH01389: unable to init Zlib: inflateInit2 returned -2: URL {r.uri}")
        f.remove()                 # the header is gone: the rest of the body goes up as it is
        return f.get_brigade(READBYTES, block, readbytes)
    return None


def deflate_in(f, mode: str, block: str, readbytes: int) -> list:
    """DEFLATE as an input filter: the gzip request body (Content-Encoding: gzip) inflated for
    whoever reads the body.  Failures raise InputError (logged here as httpd logs them): a
    broken stream APR_EGENERAL, the inflated length past DeflateInflateLimitRequestBody (else
    LimitRequestBody) ENOSPC, the ratio limits EINVAL."""
    if mode != READBYTES:
        return f.get_brigade(mode, block, readbytes)
    r = f.r
    ctx = f.ctx
    if ctx is None or ctx.z is None:
        early = _start(f, block, readbytes)
        if early is not None:
            return early
        ctx = f.ctx
    limit = _dir_conf(r, "DeflateInflateLimitRequestBody") or getattr(r.per_dir_config, "limit_req_body", 0) or 0
    while not ctx.pending:
        if ctx.extra:
            bb, ctx.extra = [ctx.extra], b""
        else:
            bb = f.get_brigade(mode, block, readbytes)
            if not bb:
                return bb               # a non-blocking read would block
        for b in bb:
            if b is EOS:
                if not ctx.done:
                    raise _fail(r, "error", "AH02481: Encountered premature end-of-stream while inflating")
                ctx.pending.append(EOS)
                break
            if is_metadata(b) or not bucket_length(b):
                continue
            if ctx.done:
                raise _fail(r, "error", "AH02482: Encountered extra data after compressed data")
            data = read_bucket(b)
            if ctx.flags:
                data = ctx.skip_flags(data)
                if not data:
                    continue
            _inflate(r, ctx, data, limit)
        if block == BLOCK and not ctx.pending:
            ctx.consume_buffer()        # a blocking read returns what has been inflated so far
        if block != BLOCK and not ctx.pending:
            return []
    # at most readbytes bytes go up (apr_brigade_partition); the rest waits for the next read
    out: list = []
    room = readbytes
    pending = ctx.pending
    if sum(bucket_length(b) for b in pending) < readbytes:
        out, ctx.pending = pending, []
    else:
        while room:
            b = pending.pop(0)
            n = bucket_length(b)
            if n > room:
                pending.insert(0, b[room:])
                b = b[:room]
                n = room
            out.append(b)
            room -= n
    if out and out[-1] is EOS:
        f.remove()
    return out


DEFLATE_OUT = register_output_filter("DEFLATE", deflate_out, CONTENT_SET, module="deflate_module",
                                     whole_body=True)
DEFLATE_IN = register_input_filter("DEFLATE", deflate_in, CONTENT_SET, module="deflate_module")
