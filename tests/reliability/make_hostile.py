"""Write the hostile-request corpus (tests/reliability/hostile/*.http) from the lists below.

Run once after editing the lists: `python tests/reliability/make_hostile.py`.  Each file holds the
exact bytes sent on a fresh connection; test_hostile.py sends every one to Debian's apache2 and to
apachepy with the same configuration and compares the answers.
"""
from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).parent / "hostile"
H = b"Host: localhost\r\n"


def req(line: bytes, headers: bytes = H, body: bytes = b"") -> bytes:
    return line + b"\r\n" + headers + b"\r\n" + body


CASES: list[tuple[str, bytes]] = []


def add(name: str, data: bytes) -> None:
    CASES.append((name, data))


# -- request lines --------------------------------------------------------------------------
for name, line in [
    ("double-space", b"GET  / HTTP/1.1"), ("space-in-uri", b"GET /a b HTTP/1.1"),
    ("lowercase-version", b"GET / http/1.1"), ("no-version", b"GET /"), ("version-2", b"GET / HTTP/2.0"),
    ("version-1-2", b"GET / HTTP/1.2"), ("version-9-9", b"GET / HTTP/9.9"), ("version-junk", b"GET / HTTP/1.x"),
    ("version-missing-minor", b"GET / HTTP/1"), ("tab-separator", b"GET\t/\tHTTP/1.1"),
    ("trailing-space", b"GET / HTTP/1.1 "), ("leading-space", b" GET / HTTP/1.1"),
    ("four-tokens", b"GET / HTTP/1.1 extra"), ("empty-method", b" / HTTP/1.1"),
    ("lowercase-method", b"get / HTTP/1.1"), ("unknown-method", b"FOO / HTTP/1.1"),
    ("long-method", b"A" * 300 + b" / HTTP/1.1"), ("method-with-slash", b"GE/T / HTTP/1.1"),
    ("connect", b"CONNECT localhost:80 HTTP/1.1"), ("connect-authority", b"CONNECT example.com:443 HTTP/1.1"),
    ("absolute-uri", b"GET http://localhost/ HTTP/1.1"), ("absolute-uri-other-host", b"GET http://other.example/ HTTP/1.1"),
    ("absolute-uri-https", b"GET https://localhost/ HTTP/1.1"), ("absolute-uri-bad-scheme", b"GET foo://x/ HTTP/1.1"),
    ("asterisk-get", b"GET * HTTP/1.1"), ("asterisk-options", b"OPTIONS * HTTP/1.1"),
    ("no-leading-slash", b"GET index.html HTTP/1.1"), ("fragment", b"GET /index.html#frag HTTP/1.1"),
    ("query-only", b"GET /?a=b&c HTTP/1.1"), ("empty-uri", b"GET  HTTP/1.1"), ("nul-in-line", b"GET /\x00 HTTP/1.1"),
    ("control-in-uri", b"GET /\x01 HTTP/1.1"), ("del-in-uri", b"GET /\x7f HTTP/1.1"),
    ("high-byte-uri", b"GET /\xff\xfe HTTP/1.1"), ("utf8-uri", "GET /é HTTP/1.1".encode()),
    ("trace", b"TRACE / HTTP/1.1"), ("put", b"PUT /index.html HTTP/1.1"), ("delete", b"DELETE /index.html HTTP/1.1"),
    ("patch", b"PATCH /index.html HTTP/1.1"), ("propfind", b"PROPFIND / HTTP/1.1"),
]:
    add(f"line-{name}", req(line))
add("line-http09", b"GET /\r\n")
add("line-http09-bare-lf", b"GET /\n")
add("line-bare-lf", b"GET / HTTP/1.1\nHost: localhost\n\n")
add("line-cr-only", b"GET / HTTP/1.1\rHost: localhost\r\r")
add("line-leading-blank-lines", b"\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
add("line-too-long", req(b"GET /" + b"a" * 9000 + b" HTTP/1.1"))
add("line-just-under-limit", req(b"GET /" + b"a" * 8100 + b" HTTP/1.1"))
add("line-only-crlf", b"\r\n")
add("line-empty-close", b"")

# -- header fields --------------------------------------------------------------------------
for name, headers in [
    ("space-before-colon", H + b"X-A : b\r\n"), ("no-colon", H + b"NoColonHere\r\n"),
    ("empty-name", H + b": value\r\n"), ("name-with-space", H + b"X A: b\r\n"),
    ("control-in-value", H + b"X-A: a\x01b\r\n"), ("nul-in-value", H + b"X-A: a\x00b\r\n"),
    ("del-in-value", H + b"X-A: a\x7fb\r\n"), ("high-byte-value", H + b"X-A: \xe9t\xe9\r\n"),
    ("obs-fold", H + b"X-A: one\r\n two\r\n"), ("obs-fold-tab", H + b"X-A: one\r\n\ttwo\r\n"),
    ("fold-first-line", b" folded: x\r\n" + H), ("long-value", H + b"X-A: " + b"v" * 9000 + b"\r\n"),
    ("long-name", H + b"X-" + b"n" * 9000 + b": v\r\n"), ("many-fields-101", H + b"".join(b"X-%d: v\r\n" % i for i in range(101))),
    ("many-fields-1000", H + b"".join(b"X-%d: v\r\n" % i for i in range(1000))),
    ("fields-at-limit-99", H + b"".join(b"X-%d: v\r\n" % i for i in range(99))),
    ("no-host", b""), ("two-hosts", H + b"Host: other\r\n"), ("host-with-space", b"Host: a b\r\n"),
    ("host-with-port", b"Host: localhost:80\r\n"), ("host-bad-port", b"Host: localhost:abc\r\n"),
    ("host-ipv6", b"Host: [::1]\r\n"), ("host-bad-ipv6", b"Host: [::1\r\n"), ("host-trailing-dot", b"Host: localhost.\r\n"),
    ("host-uppercase", b"Host: LOCALHOST\r\n"), ("host-empty", b"Host: \r\n"), ("host-underscore", b"Host: a_b\r\n"),
    ("host-slash", b"Host: a/b\r\n"), ("host-percent", b"Host: a%20b\r\n"), ("host-long", b"Host: " + b"h" * 300 + b"\r\n"),
    ("colon-in-name", H + b"X:A: b\r\n"), ("utf8-name", H + "Ä: b\r\n".encode()),
    ("connection-close", H + b"Connection: close\r\n"), ("connection-keepalive-10", H + b"Connection: keep-alive\r\n"),
    ("connection-junk", H + b"Connection: foo, bar\r\n"), ("upgrade-h2c", H + b"Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n"),
    ("expect-continue", H + b"Expect: 100-continue\r\n"), ("expect-other", H + b"Expect: foo\r\n"),
    ("range-bad", H + b"Range: bytes=abc\r\n"), ("range-inverted", H + b"Range: bytes=5-2\r\n"),
    ("range-many", H + b"Range: bytes=" + b",".join(b"%d-%d" % (i, i) for i in range(300)) + b"\r\n"),
    ("range-overlapping", H + b"Range: bytes=0-1,1-2\r\n"), ("range-unsatisfiable", H + b"Range: bytes=99999-\r\n"),
    ("range-suffix", H + b"Range: bytes=-2\r\n"), ("range-other-unit", H + b"Range: lines=0-1\r\n"),
    ("if-modified-since-junk", H + b"If-Modified-Since: yesterday\r\n"), ("if-none-match-star", H + b"If-None-Match: *\r\n"),
    ("if-match-mismatch", H + b"If-Match: \"nope\"\r\n"), ("if-unmodified-old", H + b"If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n"),
    ("if-range-junk", H + b"If-Range: junk\r\nRange: bytes=0-1\r\n"),
]:
    add(f"header-{name}", req(b"GET /index.html HTTP/1.1", headers))
add("header-http10-no-host", b"GET /index.html HTTP/1.0\r\n\r\n")
add("header-http10-keepalive", b"GET /index.html HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")

# -- request bodies -------------------------------------------------------------------------
for name, headers, body in [
    ("cl-nondigit", b"Content-Length: 3x\r\n", b"abc"), ("cl-negative", b"Content-Length: -1\r\n", b""),
    ("cl-plus", b"Content-Length: +3\r\n", b"abc"), ("cl-space", b"Content-Length: 3 \r\n", b"abc"),
    ("cl-huge", b"Content-Length: 99999999999999999999999\r\n", b""), ("cl-duplicate-equal", b"Content-Length: 3\r\nContent-Length: 3\r\n", b"abc"),
    ("cl-duplicate-differ", b"Content-Length: 3\r\nContent-Length: 4\r\n", b"abcd"), ("cl-list", b"Content-Length: 3, 3\r\n", b"abc"),
    ("cl-and-te", b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", b"3\r\nabc\r\n0\r\n\r\n"),
    ("te-gzip", b"Transfer-Encoding: gzip\r\n", b"abc"), ("te-chunked-gzip", b"Transfer-Encoding: chunked, gzip\r\n", b"abc"),
    ("te-gzip-chunked", b"Transfer-Encoding: gzip, chunked\r\n", b"3\r\nabc\r\n0\r\n\r\n"),
    ("te-duplicate", b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", b"3\r\nabc\r\n0\r\n\r\n"),
    ("te-uppercase", b"Transfer-Encoding: CHUNKED\r\n", b"3\r\nabc\r\n0\r\n\r\n"), ("te-identity", b"Transfer-Encoding: identity\r\n", b""),
    ("chunk-bad-size", b"Transfer-Encoding: chunked\r\n", b"zz\r\nabc\r\n0\r\n\r\n"),
    ("chunk-negative-size", b"Transfer-Encoding: chunked\r\n", b"-3\r\nabc\r\n0\r\n\r\n"),
    ("chunk-huge-size", b"Transfer-Encoding: chunked\r\n", b"ffffffffffffffffffff\r\nabc\r\n0\r\n\r\n"),
    ("chunk-extension", b"Transfer-Encoding: chunked\r\n", b"3;name=value\r\nabc\r\n0\r\n\r\n"),
    ("chunk-missing-crlf", b"Transfer-Encoding: chunked\r\n", b"3\r\nabcX\r\n0\r\n\r\n"),
    ("chunk-trailers", b"Transfer-Encoding: chunked\r\n", b"3\r\nabc\r\n0\r\nX-Trailer: v\r\n\r\n"),
    ("chunk-bare-lf", b"Transfer-Encoding: chunked\r\n", b"3\nabc\n0\n\n"),
    ("chunk-space-size", b"Transfer-Encoding: chunked\r\n", b"3 \r\nabc\r\n0\r\n\r\n"),
    ("body-too-large", b"Content-Length: 2048\r\n", b"x" * 2048),
    ("chunked-too-large", b"Transfer-Encoding: chunked\r\n", b"800\r\n" + b"x" * 2048 + b"\r\n0\r\n\r\n"),
    ("expect-with-body", b"Expect: 100-continue\r\nContent-Length: 3\r\n", b"abc"),
    ("trace-with-body", b"Content-Length: 3\r\n", b"abc"),
]:
    method = b"TRACE" if name == "trace-with-body" else b"POST"
    add(f"body-{name}", req(method + b" /index.html HTTP/1.1", H + headers, body))
add("body-te-http10", b"POST /index.html HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
add("body-get-with-body", req(b"GET /index.html HTTP/1.1", H + b"Content-Length: 3\r\n", b"abc"))
add("body-smuggle-pipelined", req(b"POST /index.html HTTP/1.1", H + b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
                                  b"0\r\n\r\nGET /secret HTTP/1.1\r\nHost: localhost\r\n\r\n"))

# -- paths ----------------------------------------------------------------------------------
for name, path in [
    ("dotdot", b"/../../etc/passwd"), ("dotdot-encoded", b"/%2e%2e/%2e%2e/etc/passwd"),
    ("dotdot-mixed", b"/.%2e/.%2e/etc/passwd"), ("dotdot-upper-encoded", b"/%2E%2E/etc/passwd"),
    ("dotdot-double-encoded", b"/%252e%252e/etc/passwd"), ("encoded-slash", b"/sub%2findex.html"),
    ("encoded-slash-upper", b"/sub%2Findex.html"), ("encoded-backslash", b"/..%5c..%5cetc/passwd"),
    ("backslash", b"/..\\..\\etc\\passwd"), ("nul-encoded", b"/index.html%00.txt"), ("nul-encoded-end", b"/index.html%00"),
    ("bad-escape", b"/%zz"), ("bad-escape-short", b"/%2"), ("bad-escape-end", b"/a%"),
    ("overlong-utf8-dot", b"/%c0%ae%c0%ae/etc/passwd"), ("overlong-utf8-slash", b"/..%c0%af../etc/passwd"),
    ("unicode-fullwidth-dot", "/\uff0e\uff0e/etc/passwd".encode()), ("double-slash", b"//index.html"),
    ("dot-segment", b"/./index.html"), ("sub-dotdot", b"/sub/../index.html"), ("trailing-dot", b"/index.html."),
    ("trailing-slash-file", b"/index.html/"), ("path-info", b"/index.html/extra"), ("dir-no-slash", b"/sub"),
    ("dir-slash", b"/sub/"), ("dir-no-index", b"/empty/"), ("htaccess", b"/.htaccess"), ("htpasswd", b"/.htpasswd"),
    ("hidden-file", b"/.hidden"), ("symlink-out", b"/escape/passwd"), ("symlink-file-out", b"/shadowlink"),
    ("missing", b"/nope"), ("missing-deep", b"/a/b/c/d/e/f"), ("very-deep", b"/a" * 2000),
    ("semicolon", b"/index.html;jsessionid=1"), ("tilde", b"/~root/"), ("encoded-tilde", b"/%7eroot/"),
    ("percent-encoded-name", b"/ind%65x.html"), ("plus-in-path", b"/a+b"), ("query-traversal", b"/index.html?../../etc/passwd"),
    ("windows-device", b"/con"), ("case-variant", b"/INDEX.HTML"), ("long-segment", b"/" + b"x" * 300),
    ("many-slashes", b"/" * 500 + b"index.html"), ("encoded-null-dir", b"/sub%00/"), ("dotdot-at-root", b"/.."),
    ("dotdot-trailing", b"/sub/.."), ("encoded-space", b"/a%20b"), ("encoded-cr", b"/a%0d%0aSet-Cookie:%20x"),
    ("proc-self", b"/../../proc/self/environ"), ("encoded-dot-file", b"/index.html%2e"),
    ("encoded-dot-segment", b"/%2e/index.html"), ("sub-encoded-dotdot", b"/sub/%2e%2e/index.html"),
    ("dotdot-encoded-slash", b"/sub/..%2findex.html"), ("query-nul", b"/index.html?%00"),
    ("query-long", b"/index.html?" + b"q" * 7000), ("percent-alone", b"/%"), ("percent-percent", b"/%%"),
    ("absolute-dotdot", b"http://localhost/../../etc/passwd"), ("question-only", b"/?"),
]:
    add(f"path-{name}", req(b"GET " + path + b" HTTP/1.1"))

# -- not HTTP at all ------------------------------------------------------------------------
add("garbage-binary", bytes(range(256)))
add("garbage-random-line", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 40 + b"\r\n\r\n")
add("tls-client-hello", bytes.fromhex("16030100a5010000a10303") + b"\x00" * 32 + b"\x00\x00\x02\x00\x2f\x01\x00\x00\x76")
add("http2-preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
add("only-spaces", b"     \r\n\r\n")
add("only-headers", b"Host: localhost\r\n\r\n")
add("pipelined-good-bad", req(b"GET /index.html HTTP/1.1") + b"GARBAGE\r\n\r\n")
add("pipelined-bad-good", b"GARBAGE\r\n\r\n" + req(b"GET /index.html HTTP/1.1"))
add("pipelined-three", req(b"GET /index.html HTTP/1.1") * 3)
add("pipelined-close-middle", req(b"GET /index.html HTTP/1.1", H + b"Connection: close\r\n") + req(b"GET /index.html HTTP/1.1"))
add("websocket-upgrade", req(b"GET / HTTP/1.1", H + b"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\n"))
add("proxy-style-request", req(b"GET http://127.0.0.1:1/ HTTP/1.1", b"Host: 127.0.0.1:1\r\n"))
add("head-request", req(b"HEAD /index.html HTTP/1.1"))
add("head-missing", req(b"HEAD /nope HTTP/1.1"))
add("options-file", req(b"OPTIONS /index.html HTTP/1.1"))
add("post-to-file", req(b"POST /index.html HTTP/1.1", H + b"Content-Length: 3\r\n", b"abc"))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.http"):
        old.unlink()
    for i, (name, data) in enumerate(CASES, 1):
        (OUT / f"{i:03d}-{name}.http").write_bytes(data)
    print(f"wrote {len(CASES)} requests to {OUT}")


if __name__ == "__main__":
    main()
