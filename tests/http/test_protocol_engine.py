"""The httptools engine against apachepy's own parser: for any bytes and limits, both engines
must return the same RequestHead (or both need more bytes), and plain heads must really take
llhttp's path.  (The live conformance suite runs once per engine as well: tests/conftest.py.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from apachepy.http import parser as parser_mod
from apachepy.http.parser import HeadParser, Limits, engine_class, engine_name

httptools = pytest.importorskip("httptools")
from apachepy.http.engine_httptools import HttptoolsHeadParser  # noqa: E402

HOSTILE = sorted((Path(__file__).parents[1] / "reliability" / "hostile").glob("*.http"))
PLAIN = [
    b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n",
    b"GET / HTTP/1.0\r\n\r\n",
    b"GET /a/b?c=d&e=%20 HTTP/1.1\r\nHost: x\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
    b"Accept: text/html,*/*;q=0.8\r\nAccept-Encoding: gzip, deflate\r\nCookie: a=b; c=d\r\n"
    b"Cache-Control: no-cache\r\nX-Dup: 1\r\nx-dup: 2\r\nX-Empty:\r\nX-Obs: caf\xe9\r\n\r\n",
    b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
    b"PUT /f HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
    b"OPTIONS * HTTP/1.1\r\nHost: x\r\nX-Trailing-Space: v \t \r\n\r\n",
    b"GET http://example.com/abs HTTP/1.1\r\nHost: example.com\r\n\r\n",
]
LIMITS = [Limits(), Limits(strict=False), Limits(allow09=False),
          Limits(line=24, fieldsize=30, fields=3), Limits(line=17, fieldsize=16, fields=1)]


def _view(h):
    if h is None:
        return None
    d = dict(vars(h))
    d["headers"] = list(h.headers)
    return d


def _same(raw: bytes, limits: Limits, pos: int = 0) -> None:
    for eof in (False, True):
        want = HeadParser(limits).parse(raw, pos, eof)
        got = HttptoolsHeadParser(limits).parse(bytearray(raw), pos, eof)
        assert _view(got) == _view(want), (raw, limits, pos, eof)


@pytest.mark.parametrize("limits", LIMITS, ids=lambda lim: f"{lim.line}-{lim.fieldsize}-{lim.fields}-{lim.strict}"
                         f"-{lim.allow09}")
def test_hostile_corpus_same_heads(limits):
    assert len(HOSTILE) >= 200
    for path in HOSTILE:
        raw = path.read_bytes()
        _same(raw, limits)
        _same(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" + raw, limits, 27)   # pipelined after one


@pytest.mark.parametrize("limits", LIMITS[:2] + LIMITS[3:4], ids=["default", "unsafe", "small"])
def test_every_byte_mutation_same_heads(limits):
    """Each byte of the plain heads replaced by each byte that matters to some rule (NUL, CTLs,
    whitespace, CR/LF, colon, DEL, obs-text, token and non-token characters), and every
    truncation: whatever llhttp accepts or refuses, the answer is HeadParser's."""
    special = b"\x00\x01\t\x0b\x0c\r\n :\x7f\x80\xff\"(/aA1"
    for base in PLAIN:
        head = base[:base.index(b"\r\n\r\n") + 4]
        for i in range(len(head)):
            _same(head[:i], limits)
            for b in special:
                _same(head[:i] + bytes([b]) + head[i + 1:], limits)
            _same(head[:i] + b"\r\n " + head[i:], limits)            # folding, blank lines
            _same(head[:i] + b"\n" + head[i:], limits)


def test_plain_heads_take_the_llhttp_path():
    for raw in PLAIN:
        fast = HttptoolsHeadParser(Limits())._fast(raw, 0)
        assert fast is not None, raw
        assert _view(fast) == _view(HeadParser(Limits()).parse(raw, 0, False))
    h = HttptoolsHeadParser(Limits())._fast(PLAIN[2], 0)
    assert h.headers.get("X-Dup") == "1, 2" and h.headers.get("X-Obs") == "caf\xe9"
    assert h.size == len(PLAIN[2])


@pytest.mark.parametrize("raw", [
    b"GET  / HTTP/1.1\r\n\r\n",                         # excess whitespace
    b"\r\nGET / HTTP/1.1\r\n\r\n",                      # blank line first
    b"GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n",            # obs-fold
    b"GET / HTTP/1.1\r\nA: b\n\r\n",                    # bare LF
    b"GET / HTTP/1.1\r\nA : b\r\n\r\n",                 # whitespace before the colon
    b"GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
    b"GET / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
    b"BREW / HTTP/1.1\r\n\r\n",                         # a method llhttp does not know
    b"GET /\r\n",                                       # HTTP/0.9
    b"GET / HTTP/2.0\r\n\r\n",
])
def test_other_heads_go_to_apachepys_parser(raw):
    assert HttptoolsHeadParser(Limits())._fast(raw, 0) is None
    _same(raw, Limits())


def test_limits_send_big_heads_to_apachepys_parser():
    raw = b"GET /" + b"a" * 100 + b" HTTP/1.1\r\nHost: x\r\nX: " + b"v" * 50 + b"\r\n\r\n"
    assert HttptoolsHeadParser(Limits())._fast(raw, 0) is not None
    for lim in (Limits(line=100), Limits(fieldsize=50), Limits(fields=1)):
        assert HttptoolsHeadParser(lim)._fast(raw, 0) is None
        h = HttptoolsHeadParser(lim).parse(raw, 0, False)
        assert h.status in (400, 414) and h.logs and h.logs[0][1].startswith(("AH00565", "AH00561", "AH00563"))


def test_engine_selection(monkeypatch):
    monkeypatch.delenv("APACHEPY_ENGINE", raising=False)
    assert engine_name() == engine_name("auto") == "httptools"
    assert engine_class("python") is HeadParser
    assert engine_class("httptools") is HttptoolsHeadParser
    monkeypatch.setenv("APACHEPY_ENGINE", "python")
    assert engine_class("httptools") is HeadParser      # the environment wins (tests)
    monkeypatch.setenv("APACHEPY_ENGINE", "httptools")
    assert engine_class("python") is HttptoolsHeadParser
    monkeypatch.delenv("APACHEPY_ENGINE")
    monkeypatch.setattr(parser_mod, "httptools_available", lambda: False)
    assert engine_name() == "python"                    # auto without httptools


def _loaded_in(pid: int) -> bool:
    """Whether httptools' C parser is mapped into the process (it was imported there)."""
    with open(f"/proc/{pid}/maps") as f:
        return "httptools" in f.read()


@pytest.mark.parametrize("conf,env,want", [
    ("", None, HttptoolsHeadParser),                          # auto: installed, so httptools
    ("ProtocolEngine python\n", None, HeadParser),
    ("ProtocolEngine httptools\n", None, HttptoolsHeadParser),
    ("ProtocolEngine httptools\n", "python", HeadParser),    # the environment wins
    ("ProtocolEngine python\n", "httptools", HttptoolsHeadParser),
])
def test_site_and_connection_use_the_chosen_engine(monkeypatch, tmp_path, conf, env, want):
    from apachepy.http.connection import Connection
    from tests.support.pure import PureSite
    if env is None:
        monkeypatch.delenv("APACHEPY_ENGINE", raising=False)
    else:
        monkeypatch.setenv("APACHEPY_ENGINE", env)
    (tmp_path / "index.html").write_text("hi\n")
    site = PureSite("ServerName localhost\nLoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
                    f"{conf}<Directory @DOCROOT@>\nRequire all granted\n</Directory>\n", tmp_path)
    try:
        c = Connection(site.site, ("127.0.0.1", site.port), ("127.0.0.1", 40000))
        assert type(c.parser) is want
        out = site.request(b"GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert out.startswith(b"HTTP/1.1 200 OK\r\n") and out.endswith(b"\r\n\r\nhi\n")
    finally:
        site.close()


@pytest.mark.parametrize("engine", ["python", "httptools"])
def test_live_server_runs_the_engine_of_the_environment(monkeypatch, engine):
    """What tests/conftest.py relies on: APACHEPY_ENGINE reaches the serving process."""
    import shutil
    import tempfile
    from tests.support.servers import ApachepyServer, raw_request
    monkeypatch.setenv("APACHEPY_ENGINE", engine)
    docroot = Path(tempfile.mkdtemp(prefix="ap-engine."))     # readable by www-data children
    try:
        (docroot / "index.html").write_text("hi\n")
        docroot.chmod(0o755)
        (docroot / "index.html").chmod(0o644)
        conf = ("ServerName localhost\nLoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
                "<Directory @DOCROOT@>\nRequire all granted\n</Directory>\n")
        with ApachepyServer(conf, docroot) as srv:
            out = raw_request(srv.port, b"GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            assert out.startswith(b"HTTP/1.1 200 OK\r\n"), out[:300]
            assert _loaded_in(srv.pid) == (engine == "httptools")
    finally:
        shutil.rmtree(docroot, ignore_errors=True)
