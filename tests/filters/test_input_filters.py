"""Request bodies through the input filter chain: HTTP_IN (Content-Length / chunked,
LimitRequestBody on the raw body), then the filters of SetInputFilter / AddInputFilter, read by
mod_cgi / mod_cgid for the script's stdin and by the default handler's discard.  Live against
Debian's apache2 with the same config and raw bytes: a CGI script prints the length and hash of
what it read on stdin, so a gzip body inflated by mod_deflate's DEFLATE input filter shows up as
the original's length and hash; broken and oversized streams must give the same status and the
same error-log lines.  The in-process tests at the end drive the DEFLATE input filter directly
through a chain for what is hard to produce over a socket (bucket boundaries inside the gzip
header, readbytes, non-blocking reads)."""
from __future__ import annotations

import gzip
import hashlib
import os
import random
import re
import shutil
import zlib

import pytest

from apachepy.filters import BLOCK, EOS, NETWORK, NONBLOCK, READBYTES, InputError, register_input_filter
from apachepy.filters import deflate as deflate_mod
from apachepy.filters.chain import ConnFilters, RequestFilters
from apachepy.http.body import map_request_error
from apachepy.http.request import Request
from tests.conformance.http_oracle import OraclePair, available, docroot_dir, make_tree
from tests.support.servers import apachepy_serving

M = "/usr/lib/apache2/modules"
live = pytest.mark.skipif(not available() or not apachepy_serving() or not os.path.exists("/usr/bin/python3"),
                          reason="needs Debian's apache2, apachepy's MPM and /usr/bin/python3")

CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule env_module {M}/mod_env.so
LoadModule deflate_module {M}/mod_deflate.so
LoadModule @MOD@_module {M}/mod_@MOD@.so
TypesConfig /etc/mime.types
LogFormat "%r %>s %b" t
CustomLog logs/access_log t
LogLevel info deflate:debug
Timeout 5
SetEnv PATH /usr/local/bin:/usr/bin:/bin
<Directory @DOCROOT@>
  Require all granted
  Options +ExecCGI
  AddHandler cgi-script .cgi
</Directory>
<Directory @DOCROOT@/set>
  SetInputFilter DEFLATE
</Directory>
<Directory @DOCROOT@/add>
  AddInputFilter DEFLATE .cgi
</Directory>
<Directory @DOCROOT@/add/removed>
  RemoveInputFilter .cgi
</Directory>
<Directory @DOCROOT@/limit>
  SetInputFilter DEFLATE
  DeflateInflateLimitRequestBody 10000
</Directory>
<Directory @DOCROOT@/ratio>
  SetInputFilter DEFLATE
  DeflateInflateRatioLimit 10
  DeflateInflateRatioBurst 1
</Directory>
<Directory @DOCROOT@/lrb>
  SetInputFilter DEFLATE
  LimitRequestBody 500
</Directory>
"""

ECHO = """#!/usr/bin/python3
import hashlib, os, sys
data = sys.stdin.buffer.read()
sys.stdout.write("Content-Type: text/plain\\n\\nlen=%d sha=%s CL=%s CE=%s\\n" % (
    len(data), hashlib.sha256(data).hexdigest(), os.environ.get("CONTENT_LENGTH"),
    os.environ.get("HTTP_CONTENT_ENCODING")))
"""
DIRS = ("plain", "set", "add", "add/removed", "limit", "ratio", "lrb")

random.seed(5)
# text that compresses about 1.7:1 (below the default ratio limit of 200), 30000 bytes
TEXT = "".join(random.choice("abcdefghij klmnop\n") for _ in range(30000)).encode()
GZ = gzip.compress(TEXT)


def echoed(data: bytes, cl, ce) -> bytes:
    """What ECHO prints for a stdin of `data` and those CONTENT_LENGTH / Content-Encoding."""
    return b"len=%d sha=%s CL=%s CE=%s\n" % (len(data), hashlib.sha256(data).hexdigest().encode(),
                                            str(cl).encode(), str(ce).encode())


def req(path: str, body: bytes, ce: str | None = None, chunked: bool = False, close: bool = True) -> bytes:
    head = b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\n"
    if close:
        head += b"Connection: close\r\n"
    if ce:
        head += b"Content-Encoding: " + ce.encode() + b"\r\n"
    if chunked:
        parts = b"".join(b"%x\r\n" % len(body[i:i + 1000]) + body[i:i + 1000] + b"\r\n"
                         for i in range(0, len(body), 1000))
        return head + b"Transfer-Encoding: chunked\r\n\r\n" + parts + b"0\r\n\r\n"
    return head + b"Content-Length: %d\r\n\r\n" % len(body) + body


def _dechunk(body: bytes) -> bytes:
    out, pos = [], 0
    while True:
        i = body.index(b"\r\n", pos)
        n = int(body[pos:i].split(b";")[0], 16)
        if n == 0:
            return b"".join(out)
        out.append(body[i + 2:i + 2 + n])
        pos = i + 2 + n + 2


def parsed(resp: bytes) -> tuple:
    """(status line, headers, body).  A script's 200 goes out with Content-Length or chunked
    depending on when its output reaches the server (in httpd as here), so for those the
    framing is taken out; error pages are compared as they are."""
    head, _, body = resp.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    if not lines[0].endswith(b" 200 OK"):
        return lines[0], lines[1:], body
    headers = [ln for ln in lines[1:] if not re.match(rb"(?i)(content-length|transfer-encoding):", ln)]
    if any(re.match(rb"(?i)transfer-encoding: chunked", ln) for ln in lines[1:]):
        body = _dechunk(body)
    return lines[0], headers, body


_SRC_LOC = re.compile(r"\S+\.c\(\d+\): ")     # httpd's debug lines name the source line


@pytest.fixture(scope="module", params=["cgi", "cgid"])
def pair(request):
    root = make_tree(docroot_dir(), {f"{d}/echo.cgi": ECHO.encode() for d in DIRS} | {"set/static.txt": b"static\n"})
    for d in DIRS:
        os.chmod(os.path.join(root, d, "echo.cgi"), 0o755)
    p = OraclePair(CONF.replace("@MOD@", request.param), root)
    p.mod = request.param
    yield p
    p.close()
    shutil.rmtree(root, ignore_errors=True)


def both(pair, raw: bytes) -> tuple:
    """Send `raw` to apache2 and apachepy; the answers and the log lines must match.
    Returns (status line, body, error-log lines)."""
    a, b = pair.exchange(raw, timeout=5.0)
    pa, pb = parsed(a), parsed(b)
    assert pb == pa, f"apache2: {a[:600]!r}\napachepy: {b[:600]!r}"
    aa, oa, ae, oe = pair.new_log_lines()
    ae = [_SRC_LOC.sub("", ln) for ln in ae]
    assert oa == aa
    assert oe == ae
    return pa[0], pa[2], ae


def has(lines: list[str], text: str) -> bool:
    return any(text in ln for ln in lines)


# -- bodies that reach the script -------------------------------------------------------------

@live
def test_plain_body(pair):
    status, body, _ = both(pair, req("/plain/echo.cgi", TEXT))
    assert status.endswith(b"200 OK") and body == echoed(TEXT, len(TEXT), None)


@live
def test_chunked_body(pair):
    status, body, _ = both(pair, req("/plain/echo.cgi", TEXT, chunked=True))
    assert body == echoed(TEXT, None, None)


@live
def test_gzip_body_without_filter_reaches_script_as_sent(pair):
    status, body, _ = both(pair, req("/plain/echo.cgi", GZ, ce="gzip"))
    assert body == echoed(GZ, len(GZ), "gzip")


@live
@pytest.mark.parametrize("chunked", [False, True])
def test_set_input_filter_deflate_inflates(pair, chunked):
    # the script's environment is made before the body is read: it still says gzip and the
    # compressed length, as in httpd
    status, body, errors = both(pair, req("/set/echo.cgi", GZ, ce="gzip", chunked=chunked))
    assert body == echoed(TEXT, None if chunked else len(GZ), "gzip")
    assert has(errors, f"AH01393: Zlib: Inflated {len(GZ) - 18} to {len(TEXT)} : URL /set/echo.cgi")


@live
def test_add_input_filter_by_extension_and_remove(pair):
    status, body, _ = both(pair, req("/add/echo.cgi", GZ, ce="gzip"))
    assert body == echoed(TEXT, len(GZ), "gzip")
    status, body, _ = both(pair, req("/add/removed/echo.cgi", GZ, ce="gzip"))
    assert body == echoed(GZ, len(GZ), "gzip")


@live
@pytest.mark.parametrize("ce, left", [("x-gzip", "x-gzip"), ("identity, gzip, identity", "identity, gzip, identity"),
                                      ("br, gzip", "br, gzip")])
def test_content_encoding_lists(pair, ce, left):
    status, body, _ = both(pair, req("/set/echo.cgi", GZ, ce=ce))
    assert body == echoed(TEXT, len(GZ), left)


@live
def test_deflate_steps_aside(pair):
    # no Content-Encoding, another encoding, an empty gzip body: the body goes up untouched
    _, body, _ = both(pair, req("/set/echo.cgi", TEXT))
    assert body == echoed(TEXT, len(TEXT), None)
    _, body, _ = both(pair, req("/set/echo.cgi", TEXT, ce="br"))
    assert body == echoed(TEXT, len(TEXT), "br")
    _, body, _ = both(pair, req("/set/echo.cgi", b"", ce="gzip"))
    assert body == echoed(b"", 0, "gzip")


@live
def test_gzip_header_fields_are_skipped(pair):
    flagged = GZ[:3] + bytes([0x1e]) + GZ[4:10] + b"\x05\x00extra" + b"name\0" + b"comment\0" + b"\xaa\xbb" + GZ[10:]
    _, body, _ = both(pair, req("/set/echo.cgi", flagged, ce="gzip"))
    assert body == echoed(TEXT, len(flagged), "gzip")


@live
def test_keepalive_after_inflated_body(pair):
    raw = req("/set/echo.cgi", GZ, ce="gzip", close=False) + req("/plain/echo.cgi", b"second")
    a, b = pair.exchange(raw, timeout=5.0)
    for resp in (a, b):
        assert resp.count(b"HTTP/1.1 200 OK") == 2
        assert echoed(TEXT, len(GZ), "gzip").rstrip() in resp and echoed(b"second", 6, None).rstrip() in resp
    aa, oa, _, _ = pair.new_log_lines()
    assert oa == aa


# -- broken streams: 400 from the handler, with httpd's log lines ------------------------------

BROKEN = {
    "corrupt": (GZ[:200] + b"\xff" * 50 + GZ[250:], "AH01392: Zlib error -3 inflating data (invalid distance too far back)"),
    "magic": (b"hello, this is not gzip", "AH01387: Zlib: Invalid header"),
    "flags": (GZ[:3] + b"\x20" + GZ[4:], "AH01388: Zlib: Invalid flags 20"),
    # the flags byte is read through a signed char in httpd
    "flags_signed": (GZ[:3] + b"\xe0" + GZ[4:], "AH01388: Zlib: Invalid flags ffffffe0"),
    "short_header": (GZ[:5], "AH02619: Encountered premature end-of-stream while reading inflate header"),
    "truncated": (GZ[:len(GZ) // 2], "AH02481: Encountered premature end-of-stream while inflating"),
    "crc": (GZ[:-8] + b"\0\0\0\0" + GZ[-4:], "AH01394: Zlib: CRC error inflating data"),
    "length": (GZ[:-4] + b"\0\0\0\0", "AH01395: Zlib: Length 30000 of inflated data does not match expected value 0"),
    "extra": (GZ + b"junk", "AH02485: Encountered extra data after compressed data"),
    "two_members": (gzip.compress(b"abc" * 100) + gzip.compress(b"def"),
                    "AH02485: Encountered extra data after compressed data"),
}


@live
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_gzip_is_400(pair, name):
    data, msg = BROKEN[name]
    status, _, errors = both(pair, req("/set/echo.cgi", data, ce="gzip"))
    assert status == b"HTTP/1.1 400 Bad Request"
    assert has(errors, msg)
    code = "AH01225" if pair.mod == "cgi" else "AH01270"
    assert has(errors, f"(20014)Internal error (specific information not available): [client] "
                       f"{code}: Error reading request entity data")


@live
def test_broken_gzip_on_a_static_file(pair):
    # the default handler discards the body through the input filters too
    status, _, errors = both(pair, req("/set/static.txt", BROKEN["corrupt"][0], ce="gzip"))
    assert status == b"HTTP/1.1 400 Bad Request" and has(errors, "AH01392")
    status, body, _ = both(pair, req("/set/static.txt", GZ, ce="gzip"))
    assert status == b"HTTP/1.1 200 OK" and body == b"static\n"


# -- limits ----------------------------------------------------------------------------------------

@live
def test_inflate_limit_request_body(pair):
    # the limit is checked after every inflate call: the first data read is what is left of
    # httpd's first 8000-byte socket read, so the reported length is the same in both
    status, _, errors = both(pair, req("/limit/echo.cgi", GZ, ce="gzip"))
    assert status == b"HTTP/1.1 413 Request Entity Too Large"
    assert has(errors, "is larger than the configured limit of 10000") and has(errors, "AH02648")
    assert has(errors, "(28)No space left on device")


@live
def test_inflate_ratio_limit(pair):
    status, _, errors = both(pair, req("/ratio/echo.cgi", gzip.compress(b"\0" * 200000), ce="gzip"))
    assert status == b"HTTP/1.1 400 Bad Request"
    assert has(errors, "AH02649: Inflated content ratio is larger than the configured limit 10 by 1 time(s)")
    assert has(errors, "(22)Invalid argument")


@live
def test_default_ratio_limit_stops_a_zip_bomb(pair):
    status, _, errors = both(pair, req("/set/echo.cgi", gzip.compress(b"\0" * 1000000), ce="gzip"))
    assert status == b"HTTP/1.1 400 Bad Request"
    assert has(errors, "AH02649: Inflated content ratio is larger than the configured limit 200 by 3 time(s)")


@live
def test_limit_request_body_applies_to_the_raw_body(pair):
    # HTTP_IN refuses the compressed body by its Content-Length (a filter error, no C-L) ...
    status, _, errors = both(pair, req("/lrb/echo.cgi", GZ, ce="gzip"))
    assert status == b"HTTP/1.1 413 Request Entity Too Large"
    assert has(errors, f"AH01588: Requested content-length of {len(GZ)} is larger than the configured limit of 500")
    # ... and DEFLATE uses LimitRequestBody for the inflated body when it has no limit of its own
    small = gzip.compress(b"a" * 1000)
    status, _, errors = both(pair, req("/lrb/echo.cgi", small, ce="gzip"))
    assert status == b"HTTP/1.1 413 Request Entity Too Large"
    assert has(errors, "AH02648: Inflated content length of 1000 is larger than the configured limit of 500")


# -- the filter in-process: bucket boundaries, readbytes, non-blocking ----------------------------------

class _Conn:
    pass


def _source(f, mode, block, readbytes):
    """The bottom of a test chain: serves the queued pieces ("wait" = would block), never
    more than readbytes, then EOS."""
    q = f.owner.queue
    if not q:
        return [EOS]
    if q[0] == "wait":
        q.pop(0)
        return []
    piece = q[0][:readbytes]
    q[0] = q[0][readbytes:]
    if not q[0]:
        q.pop(0)
    return [piece]


register_input_filter("T_INPUT_SRC", _source, NETWORK)


def chain(pieces: list, ce: str = "gzip"):
    r = Request(None, None)
    r.headers_in.set("Content-Encoding", ce)
    r.headers_in.set("Content-Length", "123")
    cf = ConnFilters(_Conn())
    cf.queue = list(pieces)
    cf.add_input("T_INPUT_SRC")
    rf = RequestFilters(r, cf)
    assert rf.add_input(deflate_mod.DEFLATE_IN) is not None
    return r, rf


def read_all(rf, readbytes=8192, block=BLOCK, limit=10000) -> tuple[bytes, list]:
    got, sizes = b"", []
    for _ in range(limit):
        bb = rf.get_brigade(READBYTES, block, readbytes)
        data = b"".join(b for b in bb if isinstance(b, bytes))
        sizes.append(len(data))
        got += data
        if bb and bb[-1] is EOS:
            return got, sizes
    raise AssertionError("no EOS")


def test_header_fields_split_byte_by_byte():
    member = gzip.compress(TEXT[:5000])
    flagged = member[:3] + bytes([0x1e]) + member[4:10] + b"\x03\x00xyz" + b"file.txt\0" + b"note\0" + b"\x01\x02" + member[10:]
    r, rf = chain([bytes([b]) for b in flagged])
    got, _ = read_all(rf)
    assert got == TEXT[:5000]
    assert r.headers_in.get("Content-Encoding") is None and r.headers_in.get("Content-Length") is None
    assert rf.find("DEFLATE", "input") is None          # it removes itself after EOS


def test_readbytes_is_respected_and_nothing_is_lost():
    r, rf = chain([GZ])
    got, sizes = read_all(rf, readbytes=100)
    assert got == TEXT and max(sizes) <= 100


def test_nonblocking_read_that_would_block():
    r, rf = chain([GZ[:10], "wait", GZ[10:]])
    assert rf.get_brigade(READBYTES, NONBLOCK, 8192) == []
    got, _ = read_all(rf)
    assert got == TEXT


def test_output_leaves_in_buffer_size_pieces():
    # DeflateBufferSize (8096 by default) is the inflater's output buffer: full buffers go up
    # as they fill, so a read of 8192 gets one whole buffer
    r, rf = chain([GZ])
    got, sizes = read_all(rf, readbytes=8192)
    assert got == TEXT and sizes[0] == 8096


def test_errors_raise_input_error_with_httpd_status():
    r, rf = chain([GZ[:40]])
    with pytest.raises(InputError) as e:
        read_all(rf)
    assert e.value.rv == 20014 and map_request_error(e.value.rv) == 400
    assert map_request_error(28) == 413 and map_request_error(22) == 400 and map_request_error(70007) == 408


def test_content_encoding_tokens():
    cases = {"gzip": (True, None), "X-GZIP": (True, None), "gzip, identity": (True, None),
             "br, gzip": (True, "br"), "br,  gzip": (True, "br"), "gzip, br": (False, "gzip, br"),
             "deflate": (False, "deflate"), "gzip ": (False, "gzip "), "identity": (False, "identity")}
    for ce, (found, left) in cases.items():
        r = Request(None, None)
        r.headers_in.set("Content-Encoding", ce)
        assert deflate_mod.request_is_gzip(r) is found, ce
        assert r.headers_in.get("Content-Encoding") == left, ce


def test_zip_bomb_ratio_in_process():
    bomb = gzip.compress(b"\0" * 2_000_000)
    r, rf = chain([bomb])
    with pytest.raises(InputError) as e:
        read_all(rf)
    assert e.value.rv == 22
    assert len(zlib.decompress(bomb, 31)) == 2_000_000      # the stream itself is fine

