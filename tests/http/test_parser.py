"""Request heads parsed by httpd's rules (protocol.c), bytes in -> RequestHead out."""
from __future__ import annotations

import pytest

from apachepy.http.parser import HeadParser, Limits, is_chunked, strict_length


def parse(raw: bytes, eof: bool = False, **limits):
    return HeadParser(Limits(**limits)).parse(raw, 0, eof)


def test_simple_request_and_size():
    raw = b"GET /a?b HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\r\nNEXT"
    h = parse(raw)
    assert (h.status, h.method, h.uri, h.protocol, h.proto_num) == (200, "GET", "/a?b", "HTTP/1.1", 1001)
    assert h.size == len(raw) - 4
    assert list(h.headers) == [("Host", "x"), ("X-A", "1")]


def test_incomplete_head_needs_more():
    assert parse(b"GET / HTTP/1.1\r\nHost: x\r\n") is None
    assert parse(b"GET / HT") is None


def test_http09_is_complete_after_the_line():
    h = parse(b"GET /\r\n")
    assert h.assbackwards and h.protocol == "HTTP/0.9" and h.status == 200


@pytest.mark.parametrize("line,status,the_request", [
    (b"GET  / HTTP/1.1", 400, "GET / HTTP/1.1"),
    (b"GET / http/1.1", 400, "GET / http/1.1"),
    (b"GET / HTTP/1.1 x", 400, "GET / HTTP/1.1"),
    (b"HEAD /", 400, "HEAD /"),            # only GET is allowed for HTTP/0.9
    (b"G(T / HTTP/1.1", 400, "G(T / HTTP/1.1"),
    (b"GET / HTTP/2.0", 200, "GET / HTTP/2.0"),
])
def test_request_line_rules(line, status, the_request):
    h = parse(line + b"\r\nHost: x\r\n\r\n")
    assert h.status == status
    assert h.the_request == the_request


def test_failed_09_line_is_answered_as_http10():
    h = parse(b"HEAD /\r\n\r\n")
    assert (h.status, h.protocol, h.assbackwards, h.keepalive_close) == (400, "HTTP/1.0", False, True)


def test_bare_lf_is_rejected_and_logged_with_the_lf():
    h = parse(b"GET / HTTP/1.1\nHost: x\n\n")
    assert h.status == 400 and h.read_failed and h.the_request == "GET / HTTP/1.1\n"


def test_leading_blank_lines_skipped():
    h = parse(b"\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert h.status == 200 and h.method == "GET"


def test_request_line_limit_is_414_with_truncated_line():
    h = parse(b"GET /" + b"a" * 100 + b" HTTP/1.1\r\n\r\n", line=50)
    assert h.status == 414 and h.read_failed
    assert h.the_request == ("GET /" + "a" * 100)[:51]          # limit + 1 characters


def test_request_line_limit_without_newline_is_ready():
    h = parse(b"GET /" + b"a" * 100, line=50)
    assert h is not None and h.status == 414


def test_field_size_and_count_notes():
    h = parse(b"GET / HTTP/1.1\r\nX: " + b"a" * 60 + b"\r\n\r\n", fieldsize=50)
    assert h.status == 400 and h.notes == "Size of a request header field exceeds server limit."
    h = parse(b"GET / HTTP/1.1\r\n" + b"".join(b"X%d: a\r\n" % i for i in range(4)) + b"\r\n", fields=3)
    assert h.status == 400 and h.notes == "The number of request header fields exceeds this server's limit."


@pytest.mark.parametrize("field", [b"NoColon", b"X-A : b", b"X-A: b\x01c", b": b"])
def test_bad_header_lines(field):
    h = parse(b"GET / HTTP/1.1\r\nHost: x\r\n" + field + b"\r\n\r\n")
    assert h.status == 400 and h.notes is None


def test_folding_and_merging():
    h = parse(b"GET / HTTP/1.1\r\nX-A: b\r\n \t c\r\nx-a: d\r\nHost: x\r\n\r\n")
    assert h.status == 200
    assert list(h.headers) == [("X-A", "b c, d"), ("Host", "x")]


def test_fold_before_first_header():
    assert parse(b"GET / HTTP/1.1\r\n x\r\n\r\n").status == 400


def test_eof_mid_headers_is_400_and_before_line_is_silent():
    assert parse(b"GET / HTTP/1.1\r\nHost: x\r\n", eof=True).status == 400
    h = parse(b"GET / HT", eof=True)
    assert h.read_failed and h.status == 0


def test_unsafe_mode_accepts_bare_lf():
    h = parse(b"GET / HTTP/1.1\nHost: x\n\n", strict=False)
    assert h.status == 200


def test_is_chunked_and_strict_length():
    assert is_chunked("chunked") and is_chunked("gzip, chunked") and is_chunked("Chunked")
    assert not is_chunked("chunked, gzip") and not is_chunked("gzip") and not is_chunked("xchunked")
    assert strict_length("12") == 12
    assert strict_length("-1") is None and strict_length("3x") is None and strict_length("+3") is None
    assert strict_length("") is None
