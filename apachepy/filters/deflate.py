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

Input (CONTENT_SET): inflates a request body whose Content-Encoding is gzip, within
DeflateInflateLimitRequestBody (or LimitRequestBody) and the ratio limits.

Server settings are per virtual host without inheritance from the main server: mod_deflate
has no server-config merge function, so a vhost starts from the defaults.
"""
from __future__ import annotations

import zlib

from .buckets import EOS, FLUSH, Metadata, bucket_length, is_metadata, read_bucket
from .chain import READBYTES
from .registry import CONTENT_SET, register_input_filter, register_output_filter

GZIP_HEADER = bytes([0x1f, 0x8b, zlib.DEFLATED, 0, 0, 0, 0, 0, 0, 0x03])
VALIDATION_SIZE = 8
SMALL = len(GZIP_HEADER) + VALIDATION_SIZE + 50    # not worth compressing (68 bytes)

DEFAULTS = {"DeflateCompressionLevel": zlib.Z_DEFAULT_COMPRESSION, "DeflateBufferSize": 8096,
            "DeflateWindowSize": 15, "DeflateMemLevel": 9, "DeflateAlterEtag": "addsuffix",
            "DeflateFilterNote": {}}
DIR_DEFAULTS = {"DeflateInflateLimitRequestBody": 0, "DeflateInflateRatioLimit": 200,
                "DeflateInflateRatioBurst": 3}


class InputError(Exception):
    """A request body the DEFLATE input filter refuses; `status` is what the request gets."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


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


# -- input: inflate gzip request bodies ------------------------------------------------------

def _dir_conf(r, name: str):
    conf = getattr(r, "per_dir_config", None)
    v = getattr(conf, "deflate_" + name, None) if conf is not None else None
    return DIR_DEFAULTS[name] if v is None else v


def request_is_gzip(r) -> bool:
    """check_gzip on the request headers: the outermost Content-Encoding is gzip; it is
    removed from the headers (the body handed on is no longer encoded)."""
    enc = r.headers_in.get("Content-Encoding")
    if not enc:
        return False
    tokens = [t.strip() for t in enc.split(",")]
    while tokens and tokens[-1].lower() in ("", "identity"):
        tokens.pop()
    if not tokens or tokens[-1].lower() not in ("gzip", "x-gzip"):
        return False
    tokens.pop()
    if tokens:
        r.headers_in.set("Content-Encoding", ", ".join(tokens))
    else:
        r.headers_in.unset("Content-Encoding")
    return True


class _Inflate:
    __slots__ = ("d", "total", "hits", "done", "limit")


def deflate_in(f, mode: str, block: str, readbytes: int) -> list:
    if mode != READBYTES:
        return f.get_brigade(mode, block, readbytes)
    r = f.r
    ctx = f.ctx
    if ctx is None:
        if r.main is not None or r.prev is not None or r.headers_in.get("Content-Range") is not None \
                or not request_is_gzip(r):
            f.remove()
            return f.get_brigade(mode, block, readbytes)
        ctx = f.ctx = _Inflate()
        ctx.d = zlib.decompressobj(16 + server_conf(r, "DeflateWindowSize"))
        ctx.total = ctx.hits = 0
        ctx.done = False
        limit = _dir_conf(r, "DeflateInflateLimitRequestBody")
        if not limit:
            limit = getattr(r.per_dir_config, "limit_req_body", 0) or 0
        ctx.limit = limit
        r.headers_in.unset("Content-Length")
        r.headers_in.unset("Content-MD5")
    while True:
        bb = f.get_brigade(mode, block, readbytes)
        if not bb:
            return bb
        out: list = []
        for b in bb:
            if b is EOS:
                if not ctx.done:
                    r.log_error("deflate", "error", "AH02481: Encountered premature end-of-stream while inflating")
                    raise InputError(400)
                out.append(EOS)
                return out
            if is_metadata(b):
                out.append(b)
                continue
            data = read_bucket(b)
            if ctx.done:
                if data:
                    r.log_error("deflate", "error", "AH02482: Encountered extra data after compressed data")
                    raise InputError(400)
                continue
            try:
                plain = ctx.d.decompress(data)
            except zlib.error as e:
                r.log_error("deflate", "warn", f"AH01392: Zlib error {-3} inflating data ({e})")
                raise InputError(400)
            ctx.total += len(plain)
            if ctx.limit and ctx.total > ctx.limit:
                r.log_error("deflate", "warn", f"AH02648: Inflated content length of {ctx.total} is larger "
                            f"than the configured limit of {ctx.limit}")
                raise InputError(413)
            if data and len(plain) // len(data) >= _dir_conf(r, "DeflateInflateRatioLimit"):
                ctx.hits += 1
                if ctx.hits > _dir_conf(r, "DeflateInflateRatioBurst"):
                    r.log_error("deflate", "warn", "AH02649: Inflated content ratio is larger than the configured "
                                f"limit {_dir_conf(r, 'DeflateInflateRatioLimit')} by "
                                f"{_dir_conf(r, 'DeflateInflateRatioBurst')} time(s)")
                    raise InputError(400)
            else:
                ctx.hits = 0
            if ctx.d.eof:
                ctx.done = True
                if ctx.d.unused_data:
                    r.log_error("deflate", "error", "AH02482: Encountered extra data after compressed data")
                    raise InputError(400)
            if plain:
                out.append(plain)
        if out:
            return out


DEFLATE_OUT = register_output_filter("DEFLATE", deflate_out, CONTENT_SET, module="deflate_module",
                                     whole_body=True)
DEFLATE_IN = register_input_filter("DEFLATE", deflate_in, CONTENT_SET, module="deflate_module")
