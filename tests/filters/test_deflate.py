"""The DEFLATE filters on real Request objects: the decision rules, headers, gzip framing."""
from __future__ import annotations

import gzip
import os
import zlib

import pytest

from apachepy.filters import EOS, FLUSH, NETWORK, RequestFilters, register_output_filter
from apachepy.filters.chain import ConnFilters
from apachepy.filters.deflate import InputError, accepts_gzip
from apachepy.filters import deflate as deflate_mod  # noqa: F401  (registers DEFLATE)
from apachepy.http.request import Request


def _sink(f, bb):
    f.owner.sunk.append(list(bb))


register_output_filter("T_DEFLATE_SINK", _sink, NETWORK)


class Conn:
    pass


def run(body_parts, accept="gzip", status=200, env=None, headers=None, ctype="text/html", brigades=None):
    """Push a response through DEFLATE; returns (request, list of brigades that came out)."""
    r = Request(None, None)
    r.status = status
    r.content_type = ctype
    if accept is not None:
        r.headers_in.set("Accept-Encoding", accept)
    for k, v in (env or {}).items():
        r.subprocess_env.set(k, v)
    r.headers_out.set("ETag", '"abc-123"')
    for k, v in (headers or {}).items():
        r.headers_out.set(k, v)
    r.headers_out.set("Content-Length", "999")
    cf = ConnFilters(Conn())
    cf.sunk = []
    cf.add_output("T_DEFLATE_SINK")
    rf = RequestFilters(r, cf)
    assert rf.add_output("DEFLATE") is not None
    for bb in (brigades or [list(body_parts) + [EOS]]):
        rf.pass_brigade(list(bb))
    return r, cf.sunk


def body_of(brigades):
    return b"".join(bytes(b) for bb in brigades for b in bb if isinstance(b, (bytes, bytearray)))


TEXT = b"".join(b"line %d of a compressible html page\n" % i for i in range(400))


def test_compresses_and_round_trips():
    r, out = run([TEXT[:5000], TEXT[5000:]])
    data = body_of(out)
    assert data[:10] == bytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])
    assert gzip.decompress(data) == TEXT
    assert r.headers_out.get("Content-Encoding") == "gzip"
    assert r.headers_out.get("Vary") == "Accept-Encoding"
    assert r.headers_out.get("ETag") == '"abc-123-gzip"'
    assert r.headers_out.get("Content-Length") is None
    assert len(out) == 1 and out[0][-1] is EOS      # fits one buffer: one brigade with EOS


def test_big_output_leaves_in_buffer_sized_pieces():
    noise = os.urandom(200000)          # past zlib's internal block buffer (32K symbols)
    r, out = run([noise])
    assert len(out) > 1 and out[-1][-1] is EOS
    assert len(body_of(out[:1])) == 10 + 8096       # the gzip header goes with the first buffer
    assert gzip.decompress(body_of(out)) == noise


def test_small_whole_response_is_left_alone():
    r, out = run([b"x" * 68])
    assert body_of(out) == b"x" * 68
    assert r.headers_out.get("Vary") is None and r.headers_out.get("Content-Encoding") is None


def test_without_accept_encoding_vary_is_still_added():
    r, out = run([TEXT], accept=None)
    assert body_of(out) == TEXT
    assert r.headers_out.get("Vary") == "Accept-Encoding"
    assert r.headers_out.get("Content-Length") == "999"


@pytest.mark.parametrize("env,headers", [({"no-gzip": "1"}, {}), ({}, {"Content-Range": "bytes 0-1/5"}),
                                          ({}, {"Content-Encoding": "br"})])
def test_declines(env, headers):
    r, out = run([TEXT], env=env, headers=headers)
    assert body_of(out) == TEXT
    assert r.headers_out.get("Vary") is None


def test_gzip_only_text_html():
    r, out = run([TEXT], env={"gzip-only-text/html": "1"}, ctype="text/plain")
    assert body_of(out) == TEXT
    r, out = run([TEXT], env={"gzip-only-text/html": "1"}, ctype="text/html")
    assert gzip.decompress(body_of(out)) == TEXT


def test_identity_encoding_is_replaced():
    r, out = run([TEXT], headers={"Content-Encoding": "identity"})
    assert r.headers_out.get("Content-Encoding") == "gzip"


def test_not_modified_only_changes_headers():
    r, out = run([], status=304, brigades=[[EOS]])
    # a lone EOS is "a very small response": nothing changes
    assert r.headers_out.get("Content-Encoding") is None
    r, out = run([], status=304, brigades=[[b"z" * 100, EOS]])
    assert r.headers_out.get("Content-Encoding") == "gzip" and r.headers_out.get("ETag") == '"abc-123-gzip"'
    assert body_of(out) == b"z" * 100


def test_flush_emits_a_sync_point():
    r, out = run([], brigades=[[TEXT[:3000], FLUSH], [TEXT[3000:], EOS]])
    assert out[0][-1] is FLUSH
    first = body_of(out[:1])
    d = zlib.decompressobj(16 + 15)
    assert d.decompress(first) == TEXT[:3000]           # everything so far is decodable
    assert gzip.decompress(body_of(out)) == TEXT


@pytest.mark.parametrize("value,ok", [("gzip", True), ("deflate, gzip", True), ("GZIP", True),
                                       ("gzip;q=0", False), ("gzip;q=0.0", False), ("gzip;q=0.5", True),
                                       ("deflate;q=1, gzip;q=0.001", True), ("x-gzip", False), ("*", False),
                                       ("", False), ("identity", False)])
def test_accept_encoding(value, ok):
    assert accepts_gzip(value) is ok


def test_inflate_input_filter():
    from apachepy.filters import READBYTES, BLOCK, register_input_filter
    payload = TEXT * 3
    blob = gzip.compress(payload)

    def source(f, mode, block, n):
        ctx = f.owner.src
        if not ctx:
            return [EOS]
        part = ctx.pop(0)
        return [part]
    register_input_filter("T_SRC", source, NETWORK)
    r = Request(None, None)
    r.headers_in.set("Content-Encoding", "gzip")
    r.headers_in.set("Content-Length", str(len(blob)))
    cf = ConnFilters(Conn())
    cf.src = [blob[:100], blob[100:]]
    cf.add_input("T_SRC")
    rf = RequestFilters(r, cf)
    rf.add_input("DEFLATE")
    got = b""
    while True:
        bb = rf.get_brigade(READBYTES, BLOCK, 8192)
        if bb and bb[-1] is EOS:
            got += b"".join(b for b in bb if isinstance(b, bytes))
            break
        got += b"".join(b for b in bb if isinstance(b, bytes))
    assert got == payload
    assert r.headers_in.get("Content-Encoding") is None and r.headers_in.get("Content-Length") is None
    # a truncated stream is an error
    r2 = Request(None, None)
    r2.headers_in.set("Content-Encoding", "gzip")
    cf2 = ConnFilters(Conn())
    cf2.src = [blob[:50]]
    cf2.add_input("T_SRC")
    rf2 = RequestFilters(r2, cf2)
    rf2.add_input("DEFLATE")
    with pytest.raises(InputError):
        for _ in range(5):
            rf2.get_brigade(READBYTES, BLOCK, 8192)
