"""Filters on live servers: mod_deflate and mod_include against Debian's apache2 (same config,
same raw bytes), mod_status's pages, TLS (handshake, SNI, plain HTTP on the TLS port, the
corpus's httpd-ssl.conf), and the MPM's worker fallback for an async-incompatible connection
filter, all through real processes and sockets on 127.0.0.1."""
from __future__ import annotations

import gzip
import os
import random
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from tests.conformance.http_oracle import OraclePair, available, check, docroot_dir, make_tree, normalise
from tests.support.servers import ApacheServer, ApachepyServer, apachepy_serving, free_port, raw_request

pytestmark = pytest.mark.skipif(not available() or not apachepy_serving(),
                                reason="needs Debian's apache2 and apachepy's MPM")

M = "/usr/lib/apache2/modules"
HERE = Path(__file__).resolve().parent


def split(resp: bytes) -> tuple[bytes, bytes]:
    """(head, body) with a chunked body decoded."""
    head, _, body = resp.partition(b"\r\n\r\n")
    if b"\r\nTransfer-Encoding: chunked" in head:
        out = b""
        while body:
            line, _, rest = body.partition(b"\r\n")
            n = int(line.split(b";")[0], 16)
            if n == 0:
                break
            out += rest[:n]
            body = rest[n + 2:]
        body = out
    return head, body


# -- mod_deflate ------------------------------------------------------------------------------

DEFLATE_CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule deflate_module {M}/mod_deflate.so
LoadModule filter_module {M}/mod_filter.so
LoadModule headers_module {M}/mod_headers.so
LoadModule env_module {M}/mod_env.so
TypesConfig /etc/mime.types
<Directory />
  Require all denied
</Directory>
<Directory @DOCROOT@>
  Require all granted
</Directory>
<Directory @DOCROOT@/gz>
  SetOutputFilter DEFLATE
</Directory>
<Directory @DOCROOT@/bytype>
  AddOutputFilterByType DEFLATE text/plain
</Directory>
<Directory @DOCROOT@/hdr>
  SetOutputFilter DEFLATE
  Header append X-Test yes
  Header append Vary User-Agent env=!dont-vary
</Directory>
<Directory @DOCROOT@/nogzip>
  SetOutputFilter DEFLATE
  SetEnv no-gzip 1
</Directory>
<Directory @DOCROOT@/level>
  SetOutputFilter DEFLATE
</Directory>
<Directory @DOCROOT@/ext>
  AddOutputFilter DEFLATE .html
</Directory>
<Directory @DOCROOT@/ext/sub>
  RemoveOutputFilter .html
</Directory>
DeflateCompressionLevel 1
DeflateBufferSize 4096
"""

PAGE = b"".join(b"<p>line %d of a page that compresses well</p>\n" % i for i in range(300))
NOISE = random.Random(1).randbytes(120000)       # does not compress: chunked output
DEFLATE_TREE = {"gz/page.html": PAGE, "gz/tiny.txt": b"tiny\n", "gz/noise.bin": NOISE, "gz/page.gz": PAGE,
                "bytype/a.txt": PAGE, "bytype/a.html": PAGE, "hdr/page.html": PAGE, "nogzip/page.html": PAGE,
                "level/page.html": PAGE, "ext/page.html": PAGE, "ext/sub/page.html": PAGE}

H = b"Host: localhost\r\n"


def req(path: bytes, extra: bytes = b"", method: bytes = b"GET", version: bytes = b"HTTP/1.1") -> bytes:
    return method + b" " + path + b" " + version + b"\r\n" + H + extra + b"Connection: close\r\n\r\n"


GZ = b"Accept-Encoding: gzip, deflate\r\n"
DEFLATE_CASES = {
    "gzip": req(b"/gz/page.html", GZ), "no-accept": req(b"/gz/page.html"),
    "q0": req(b"/gz/page.html", b"Accept-Encoding: gzip;q=0\r\n"), "tiny": req(b"/gz/tiny.txt", GZ),
    "chunked-big": req(b"/gz/noise.bin", GZ), "http10-big": req(b"/gz/noise.bin", GZ, version=b"HTTP/1.0"),
    "head": req(b"/gz/page.html", GZ, method=b"HEAD"), "range": req(b"/gz/page.html", GZ + b"Range: bytes=0-9\r\n"),
    "already-encoded": req(b"/gz/page.gz", GZ), "bytype-match": req(b"/bytype/a.txt", GZ),
    "bytype-other": req(b"/bytype/a.html", GZ), "headers-order": req(b"/hdr/page.html", GZ),
    "no-gzip-env": req(b"/nogzip/page.html", GZ), "missing": req(b"/gz/nope.html", GZ),
    "if-none-match": req(b"/gz/page.html", GZ + b'If-None-Match: "x"\r\n'),
    "addoutputfilter": req(b"/ext/page.html", GZ), "removeoutputfilter": req(b"/ext/sub/page.html", GZ),
}


@pytest.fixture(scope="module")
def deflate_pair():
    root = docroot_dir()
    make_tree(root, DEFLATE_TREE)
    pair = OraclePair(DEFLATE_CONF, root)
    yield pair
    pair.close()
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("name", sorted(DEFLATE_CASES))
def test_deflate_matches_apache2(deflate_pair, name):
    check(deflate_pair, DEFLATE_CASES[name])


def test_deflate_output_decompresses_to_the_file(deflate_pair):
    resp = raw_request(deflate_pair.ours.port, req(b"/gz/noise.bin", GZ))
    head, body = split(resp)
    assert b"Content-Encoding: gzip" in head and b"Transfer-Encoding: chunked" in head
    assert gzip.decompress(body) == NOISE
    head, body = split(raw_request(deflate_pair.ours.port, req(b"/gz/page.html", GZ)))
    assert gzip.decompress(body) == PAGE
    # D.9's header order
    names = [ln.split(b":")[0] for ln in head.split(b"\r\n")[1:]]
    assert names == [b"Date", b"Server", b"Last-Modified", b"ETag", b"Accept-Ranges", b"Vary",
                     b"Content-Encoding", b"Content-Length", b"Connection", b"Content-Type"]


# -- mod_include ------------------------------------------------------------------------------

SSI_CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule include_module {M}/mod_include.so
LoadModule env_module {M}/mod_env.so
TypesConfig /etc/mime.types
AddType text/html .shtml
AddOutputFilter INCLUDES .shtml
<Directory />
  Require all denied
</Directory>
<Directory @DOCROOT@>
  Require all granted
</Directory>
<Directory @DOCROOT@/ssi>
  Options +Includes
  SetEnv FROMCONF "a<b&c"
</Directory>
<Directory @DOCROOT@/noexec>
  Options +IncludesNOEXEC
</Directory>
<Directory @DOCROOT@/xbit>
  Options +Includes
  XBitHack on
</Directory>
<Directory @DOCROOT@/legacy>
  Options +Includes
  SSILegacyExprParser on
</Directory>
"""

SSI_TREE = {
    "ssi/basic.shtml": (b"<html>\n<!--#echo var=\"DOCUMENT_NAME\" -->|<!--#echo var=\"DOCUMENT_URI\" -->\n"
                        b"<!--#set var=\"who\" value=\"world & co\" -->Hello <!--#echo var=\"who\" -->!\n"
                        b"<!--#echo encoding=\"none\" var=\"FROMCONF\" --> <!--#echo var=\"FROMCONF\" -->\n"
                        b"<!--#echo var=\"NOPE\" --> <!--#config echomsg=\"[undef]\" --><!--#echo var=\"NOPE\" -->\n"
                        b"<!--#echo encoding=\"url\" var=\"who\" --> <!--#echo encoding=\"base64\" var=\"who\" -->\n"
                        b"</html>\n"),
    "ssi/cond.shtml": (b"<!--#if expr=\"-z reqenv('NOPE')\" -->empty<!--#else -->set<!--#endif -->\n"
                       b"<!--#set var=\"n\" value=\"3\" -->"
                       b"<!--#if expr=\"v('n') == '1'\" -->one<!--#elif expr=\"v('n') == '3'\" -->three"
                       b"<!--#else -->other<!--#endif -->\n"
                       b"<!--#if expr=\"%{QUERY_STRING} =~ /x=(\\d+)/\" -->x is <!--#echo var=\"1\" -->"
                       b"<!--#endif -->\n<!--#if expr=\"1 ==\" -->bad<!--#endif -->\n"),
    "ssi/errors.shtml": (b"a<!--#bogus -->b<!--#config errmsg=\"[oops]\" --><!--#echo -->c"
                         b"<!--#include virtual=\"/nope.html\" -->d<!--#fsize file=\"../x\" -->e\n"),
    "ssi/files.shtml": (b"<!--#include virtual=\"inc.txt\" --><!--#include file=\"inc.txt\" -->"
                        b"<!--#include virtual=\"/ssi/nested.shtml\" -->\n<!--#fsize file=\"inc.txt\" -->|"
                        b"<!--#config sizefmt=\"bytes\" --><!--#fsize virtual=\"/ssi/big.txt\" -->|"
                        b"<!--#config timefmt=\"%Y-%m-%d %H:%M:%S\" --><!--#flastmod file=\"inc.txt\" -->\n"
                        b"<!--#include virtual=\"/nope\" onerror=\"inc.txt\" -->\n"),
    "ssi/nested.shtml": b"[nested <!--#echo var=\"DOCUMENT_NAME\" --> <!--#echo var=\"who\" -->]",
    "ssi/inc.txt": b"included text\n",
    "ssi/big.txt": b"x" * 123456,
    "ssi/env.shtml": b"<!--#printenv -->",
    "ssi/long.shtml": b"start\n" + b"filler line for the 8000-byte pass points\n" * 400 + b"<!--#echo var=\"DOCUMENT_URI\" -->\n",
    "noexec/page.shtml": b"<!--#include virtual=\"/noexec/img.png\" -->|<!--#include virtual=\"/ssi/inc.txt\" -->",
    "noexec/img.png": b"\x89PNG fake",
    "plain/page.shtml": b"no <!--#echo var=\"DOCUMENT_URI\" --> here",
    "xbit/exec.html": b"xbit <!--#echo var=\"DOCUMENT_URI\" -->",
    "xbit/plain.html": b"plain <!--#echo var=\"DOCUMENT_URI\" -->",
    "legacy/page.shtml": (b"<!--#set var=\"a\" value=\"abc\" -->"
                          b"<!--#if expr=\"$a = abc\" -->eq<!--#endif -->|"
                          b"<!--#if expr=\"${a} = /b(c)$/\" -->re <!--#echo var=\"1\" --><!--#endif -->|"
                          b"<!--#if expr=\"($a < b) && !($a > z)\" -->cmp<!--#endif -->|"
                          b"<!--#if expr=\"$nope || '' \" -->no<!--#else -->else<!--#endif -->|"
                          b"<!--#if expr=\"-A /legacy/page.shtml\" -->access<!--#endif -->|"
                          b"<!--#if expr=\"= x\" -->bad<!--#endif -->|"
                          b"<!--#if expr=\"(a\" -->bad<!--#endif -->\n"),
}

SSI_CASES = ["/ssi/basic.shtml", "/ssi/cond.shtml?x=42", "/ssi/errors.shtml", "/ssi/files.shtml", "/ssi/env.shtml",
             "/ssi/long.shtml", "/noexec/page.shtml", "/plain/page.shtml", "/xbit/exec.html", "/xbit/plain.html",
             "/legacy/page.shtml"]


@pytest.fixture(scope="module")
def ssi_pair():
    root = docroot_dir()
    make_tree(root, SSI_TREE)
    os.chmod(os.path.join(root, "xbit/exec.html"), 0o755)
    pair = OraclePair(SSI_CONF, root)
    yield pair
    pair.close()
    shutil.rmtree(root, ignore_errors=True)


_PORTS = re.compile(rb"REMOTE_PORT=\d+")


@pytest.mark.parametrize("path", SSI_CASES)
def test_ssi_matches_apache2(ssi_pair, path):
    raw = req(path.encode())
    a, b = ssi_pair.exchange(raw)
    ah, ab = split(a)
    oh, ob = split(b)
    assert oh == ah
    assert _PORTS.sub(b"REMOTE_PORT=N", ob) == _PORTS.sub(b"REMOTE_PORT=N", ab)
    aa, oa, ae, oe = ssi_pair.new_log_lines()
    assert oe == ae


# -- mod_status -------------------------------------------------------------------------------

STATUS_CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule status_module {M}/mod_status.so
ServerLimit 2
ThreadsPerChild 4
MaxRequestWorkers 8
StartServers 1
<Location /server-status>
  SetHandler server-status
</Location>
"""

AUTO_KEYS = ["ServerVersion", "ServerMPM", "Server Built", "CurrentTime", "RestartTime",
             "ParentServerConfigGeneration", "ParentServerMPMGeneration", "ServerUptimeSeconds", "ServerUptime",
             "Load1", "Load5", "Load15", "Total Accesses", "Total kBytes", "Total Duration", "CPUUser", "CPUSystem",
             "CPUChildrenUser", "CPUChildrenSystem"]


def _auto_keys(text: str) -> list[str]:
    lines = text.split("\n")
    return [ln.split(":", 1)[0] for ln in lines[1:] if ":" in ln]


def _body(resp: bytes) -> str:
    return split(resp)[1].decode("latin-1")


def test_status_pages(tmp_path):
    root = docroot_dir()
    try:
        with ApacheServer(STATUS_CONF, root) as a, ApachepyServer(STATUS_CONF, root, extra_args=["-DFOREGROUND"]) as p:
            theirs = _body(raw_request(a.port, b"GET /server-status?auto HTTP/1.0\r\n\r\n"))
            ours_resp = raw_request(p.port, b"GET /server-status?auto HTTP/1.0\r\n\r\n")
            ours = _body(ours_resp)
            assert b"Content-Type: text/plain; charset=ISO-8859-1" in ours_resp
            # the same keys in the same order (CPULoad and the per-second figures depend on load)
            drop = {"CPULoad", "ReqPerSec", "BytesPerSec", "BytesPerReq", "DurationPerReq"}
            assert [k for k in _auto_keys(ours) if k not in drop] == [k for k in _auto_keys(theirs) if k not in drop]
            assert ours.split("\n")[0] == theirs.split("\n")[0] == "localhost"
            sb = re.search(r"^Scoreboard: (.*)$", ours, re.M).group(1)
            assert len(sb) == 8 and set(sb) <= set("_SRWKLDCGI.")
            html = _body(raw_request(p.port, b"GET /server-status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            theirs_html = _body(raw_request(a.port, b"GET /server-status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            for text in (html, theirs_html):
                assert "<h1>Apache Server Status for x (via 127.0.0.1)</h1>" in text
                assert "<dt>Server MPM: event</dt>" in text
            # the async table: same header rows, one row per live process, then Sum
            head = re.search(r"<table rules=\"all\".*?</tr>\n<tr>.*?</tr>\n", html, re.S).group(0)
            assert head == re.search(r"<table rules=\"all\".*?</tr>\n<tr>.*?</tr>\n", theirs_html, re.S).group(0)
            rows = re.findall(r"<tr><td>(\d+|Sum)</td>(<td>[^<]*</td>){11}</tr>", html)
            assert [r[0] for r in rows][-1] == "Sum" and len(rows) >= 2
            assert re.search(r"<pre>[_SRWKLDCGI.]{8}</pre>", html)
            assert "<table border=\"0\"><tr><th>Srv</th>" in html
    finally:
        shutil.rmtree(root, ignore_errors=True)


# -- TLS --------------------------------------------------------------------------------------

def make_cert(directory: str, cn: str) -> tuple[str, str]:
    key, crt = os.path.join(directory, f"{cn}.key"), os.path.join(directory, f"{cn}.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt,
                    "-days", "2", "-subj", f"/CN={cn}"], check=True, capture_output=True)
    os.chmod(key, 0o644)
    return crt, key


def tls_conf(certdir: str) -> str:
    return f"""
ServerName main.example
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule ssl_module {M}/mod_ssl.so
LoadModule include_module {M}/mod_include.so
TypesConfig /etc/mime.types
AddType text/html .shtml
AddOutputFilter INCLUDES .shtml
<Directory @DOCROOT@>
  Require all granted
  Options +Includes
</Directory>
<VirtualHost 127.0.0.1:@PORT@>
  ServerName a.example
  SSLEngine on
  SSLCertificateFile {certdir}/a.example.crt
  SSLCertificateKeyFile {certdir}/a.example.key
</VirtualHost>
<VirtualHost 127.0.0.1:@PORT@>
  ServerName b.example
  SSLEngine on
  SSLCertificateFile {certdir}/b.example.crt
  SSLCertificateKeyFile {certdir}/b.example.key
</VirtualHost>
"""


def tls_get(port: int, sni: str | None, raw: bytes) -> tuple[bytes, str]:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        with ctx.wrap_socket(s, server_hostname=sni) as t:
            der = t.getpeercert(binary_form=True)
            t.sendall(raw)
            out = b""
            while True:
                try:
                    d = t.recv(65536)
                except (ssl.SSLError, OSError):
                    break
                if not d:
                    break
                out += d
    subject = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-subject"], input=der,
                             capture_output=True).stdout.decode()
    return out, subject.strip()


@pytest.fixture(scope="module")
def tls_pair():
    certdir = docroot_dir("ap-certs.")
    make_cert(certdir, "a.example")
    make_cert(certdir, "b.example")
    root = docroot_dir()
    make_tree(root, {"index.html": b"hello\n", "env.shtml": b"<!--#echo var=\"HTTPS\" -->"})
    pair = OraclePair(tls_conf(certdir), root)
    yield pair
    pair.close()
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(certdir, ignore_errors=True)


@pytest.mark.parametrize("sni,host,expect", [("a.example", "a.example", "a.example"),
                                             ("b.example", "b.example", "b.example"),
                                             ("b.example", "a.example", "b.example"),
                                             (None, "b.example", "a.example")])
def test_tls_sni_and_vhosts(tls_pair, sni, host, expect):
    raw = b"GET /index.html HTTP/1.1\r\nHost: " + host.encode() + b"\r\nConnection: close\r\n\r\n"
    ours, subject = tls_get(tls_pair.ours.port, sni, raw)
    theirs, their_subject = tls_get(tls_pair.apache.port, sni, raw)
    assert subject.endswith("CN = " + expect) and their_subject == subject
    assert normalise(ours) == normalise(theirs)


def test_tls_https_variable(tls_pair):
    raw = b"GET /env.shtml HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n"
    ours, _ = tls_get(tls_pair.ours.port, "a.example", raw)
    assert split(ours)[1] == b"on"


def test_plain_http_to_tls_port(tls_pair):
    check(tls_pair, b"GET /index.html HTTP/1.1\r\nHost: a.example\r\n\r\n", compare_logs=False)


def test_corpus_ssl_config_serves_tls(tmp_path):
    src = Path("/work/shared/corpus/httpd-dist-ssl/conf")
    root = Path(docroot_dir("ap-corpus-ssl."))
    try:
        shutil.copytree(src, root / "conf")
        for d in ("logs", "htdocs", "cgi-bin", "error", "icons", "manual"):
            (root / d).mkdir()
        (root / "htdocs" / "index.html").write_text("<html><body><h1>It works!</h1></body></html>\n")
        plain, tls = free_port(), free_port()
        for f in (root / "conf").rglob("*.conf"):
            text = f.read_text().replace("@ROOT@", str(root))
            text = text.replace("127.0.0.1:20205", f"127.0.0.1:{plain}").replace("20206", str(tls))
            if os.geteuid() != 0:
                text = text.replace("User daemon", "").replace("Group daemon", "")
            f.write_text(text)
        os.chmod(root / "conf" / "server.key", 0o644)
        env = dict(os.environ, PYTHONPATH=str(HERE.parents[1]))
        proc = subprocess.Popen([os.sys.executable, "-m", "apachepy", "-d", str(root), "-f", "conf/corpus-main.conf",
                                 "-DFOREGROUND"], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 15
            while True:
                try:
                    socket.create_connection(("127.0.0.1", tls), timeout=0.5).close()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(proc.stdout.read().decode(errors="replace"))
                    time.sleep(0.1)
            out, subject = tls_get(tls, "www.example.com", b"GET / HTTP/1.1\r\nHost: www.example.com\r\n"
                                                           b"Connection: close\r\n\r\n")
            assert out.startswith(b"HTTP/1.1 200 OK\r\n") and b"It works!" in out
            # httpd-ssl.conf's ssl_request_log: "%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \"%r\" %b"
            log = root / "logs" / "ssl_request_log"
            deadline = time.monotonic() + 3
            while not (log.exists() and log.read_text()) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert re.search(r"\] 127\.0\.0\.1 TLSv1\.[23] \S+ \"GET / HTTP/1\.1\" \d+\n", log.read_text())
            plain_out = raw_request(tls, b"GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n")
            assert plain_out.startswith(b"HTTP/1.1 400 Bad Request\r\n")
            assert b"You're speaking plain HTTP to an SSL-enabled server port" in plain_out
        finally:
            os.kill(proc.pid, 15)
            proc.wait(timeout=15)
    finally:
        shutil.rmtree(root, ignore_errors=True)


# -- the MPM and async-incompatible connection filters -------------------------------------------

CLOG_CONF = STATUS_CONF + "KeepAliveTimeout 30\n"


def _idle_keepalive_then_status(port: int):
    """Open a keep-alive connection, finish one request on it, leave it idle, and read
    server-status?auto until the scoreboard counters have caught up (bounded)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET /server-status?auto HTTP/1.1\r\nHost: x\r\n\r\n")
    got = b""
    while b"\r\n\r\n" not in got:
        got += s.recv(65536)
    head, _, rest = got.partition(b"\r\n\r\n")
    n = int(re.search(rb"Content-Length: (\d+)", head).group(1))
    while len(rest) < n:
        rest += s.recv(65536)
    deadline = time.monotonic() + 5
    while True:
        text = _body(raw_request(port, b"GET /server-status?auto HTTP/1.0\r\n\r\n"))
        fields = dict(ln.split(": ", 1) for ln in text.split("\n")[1:] if ": " in ln)
        if "K" in fields["Scoreboard"] or int(fields["ConnsAsyncKeepAlive"]) >= 1 or time.monotonic() > deadline:
            s.close()
            return fields
        time.sleep(0.1)


def test_async_compatible_connection_is_not_held_by_a_worker():
    root = docroot_dir()
    try:
        with ApachepyServer(CLOG_CONF, root, extra_args=["-DFOREGROUND"]) as p:
            fields = _idle_keepalive_then_status(p.port)
            assert "K" not in fields["Scoreboard"]
            assert int(fields["ConnsAsyncKeepAlive"]) >= 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


class _ClogServer(ApachepyServer):
    def env(self):
        env = super().env()
        env["APACHEPY_MODULES"] = str(HERE / "clogmod.py")
        return env


def test_async_incompatible_connection_filter_holds_a_worker():
    root = docroot_dir()
    make_tree(root, {"t.txt": b"shout\n"})
    conf = CLOG_CONF + "LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so\nTypesConfig /etc/mime.types\n" \
                       "<Files t.txt>\n  SetOutputFilter UPPER\n</Files>\n"
    try:
        with _ClogServer(conf, root, extra_args=["-DFOREGROUND"]) as p:
            fields = _idle_keepalive_then_status(p.port)
            assert "K" in fields["Scoreboard"]          # the idle connection keeps its worker
            assert int(fields["BusyWorkers"]) >= 2
            # the user's request filter from the same module works too
            out = raw_request(p.port, b"GET /t.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert split(out)[1] == b"SHOUT\n"
    finally:
        shutil.rmtree(root, ignore_errors=True)


# -- whole-body filters keep their worker until the response is sent ------------------------------

WRITE_CONF = STATUS_CONF + f"""
LoadModule deflate_module {M}/mod_deflate.so
LoadModule mime_module {M}/mod_mime.so
TypesConfig /etc/mime.types
SendBufferSize 4096
<Directory @DOCROOT@/gz>
  SetOutputFilter DEFLATE
</Directory>
"""
BLOB = random.Random(2).randbytes(60000)      # does not compress; more than the socket buffers hold


def _stalled_client_status(port: int, path: bytes) -> list[dict]:
    """Request `path` from a client that does not read (small receive buffer), and sample
    server-status?auto meanwhile; then read the response to the end."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
    samples = []
    deadline = time.monotonic() + 2.5
    while time.monotonic() < deadline:
        text = _body(raw_request(port, b"GET /server-status?auto HTTP/1.0\r\n\r\n"))
        samples.append(dict(ln.split(": ", 1) for ln in text.split("\n")[1:] if ": " in ln))
        time.sleep(0.2)
    data = b""
    while True:
        d = s.recv(65536)
        if not d:
            break
        data += d
    s.close()
    return samples, data


def test_whole_body_filter_keeps_the_worker_until_sent():
    root = docroot_dir()
    make_tree(root, {"gz/blob.bin": BLOB, "plain/blob.bin": BLOB})
    try:
        with ApachepyServer(WRITE_CONF, root, extra_args=["-DFOREGROUND"]) as p:
            # plain file: the worker hands the unsent tail to write completion
            samples, data = _stalled_client_status(p.port, b"/plain/blob.bin")
            assert data.endswith(BLOB)
            assert any(int(x["ConnsAsyncWriting"]) >= 1 for x in samples)
            assert all(int(x["BusyWorkers"]) == 1 for x in samples[2:])     # only the status request
            # DEFLATE: the same bytes through a whole-body filter keep their worker ("W")
            samples, data = _stalled_client_status(p.port, b"/gz/blob.bin")
            assert gzip.decompress(split(data)[1]) == BLOB
            # once a worker has picked the request up (the first sample can race it on a loaded
            # machine), it stays busy for as long as the client stalls
            busy = [int(x["BusyWorkers"]) >= 2 for x in samples]
            assert True in busy[:4]
            assert all(busy[busy.index(True):])
            # (the first samples may still count the plain request: counters refresh each 0.5 s)
            assert all(int(x["ConnsAsyncWriting"]) == 0 for x in samples[4:])
    finally:
        shutil.rmtree(root, ignore_errors=True)
