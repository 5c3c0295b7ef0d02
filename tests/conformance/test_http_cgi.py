"""CGI (mod_cgi and mod_cgid) against Debian's apache2: ScriptAlias and ExecCGI, the CGI/1.1
environment, request bodies, the script's headers, errors and their log lines, nph- scripts,
ScriptLog, timeouts and streamed output.

How a body is framed (Content-Length or chunked, and where chunks end) depends on when the
script's writes reach the server, in httpd as here, so responses are compared with the framing
taken out (`parsed`); the env a script prints is compared without REMOTE_PORT.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import time

import pytest

from tests.support.servers import ApachepyServer, raw_request

from .http_oracle import OraclePair, available, docroot_dir, make_tree

pytestmark = pytest.mark.skipif(not available() or not os.path.exists("/usr/bin/python3"),
                                reason="Debian's apache2 (and /usr/bin/python3) needed")

M = "/usr/lib/apache2/modules"
PY = "#!/usr/bin/python3\n"

CONF = f"""
ServerName localhost
ServerAdmin admin@example.com
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule alias_module {M}/mod_alias.so
LoadModule env_module {M}/mod_env.so
LoadModule headers_module {M}/mod_headers.so
LoadModule @MOD@_module {M}/mod_@MOD@.so
TypesConfig /etc/mime.types
LogFormat "%r %>s %b" t
CustomLog logs/access_log t
Timeout 2
SetEnv PATH /usr/local/bin:/usr/bin:/bin
SetEnv FROM_SETENV yes
ScriptLog @SCRIPTLOG@/script_@PORT@.log
ScriptLogBuffer 4
<Directory @DOCROOT@>
  Require all granted
</Directory>
<Directory @DOCROOT@/ex>
  Options +ExecCGI
  AddHandler cgi-script .cgi
</Directory>
<Directory @DOCROOT@/off>
  AddHandler cgi-script .cgi
</Directory>
<Directory @DOCROOT@/sethandler>
  Options ExecCGI
  SetHandler cgi-script
</Directory>
ScriptAlias /cgi-bin/ @DOCROOT@/cgi/
ScriptAliasMatch ^/re-cgi/(.*) @DOCROOT@/cgi/$1
ErrorDocument 404 /cgi-bin/env.py
"""

ENV_PY = PY + """import os, sys
body = "".join(f"{k}={v}\\n" for k, v in sorted(os.environ.items()) if k != "REMOTE_PORT")
body += "ARGV=" + repr(sys.argv[1:]) + "\\n"
sys.stdout.write("Content-Type: text/plain\\n\\n" + body)
"""
TREE = {
    "cgi/env.py": ENV_PY,
    "cgi/noexec.sh": "#!/bin/sh\necho hi\n",
    "cgi/bad.sh": "#!/bin/sh\ncat >/dev/null\nprintf 'X-Ok: 1\\ngarbage line\\n\\nbody'\n",
    "cgi/dup.sh": ("#!/bin/sh\nprintf 'X-A: 1\\nX-A: 2\\nSet-Cookie: a=1\\nSet-Cookie: b=2\\n"
                   "Content-Type: Text/HTML; Charset=UTF-8\\nStatus: 201 Made\\n\\nbody\\n'\n"),
    "cgi/err.sh": "#!/bin/sh\necho 'oops on stderr' >&2\nprintf 'Status: 404 Nope\\r\\n\\r\\n'\n",
    "cgi/empty.sh": "#!/bin/sh\necho 'to stderr' >&2\n",
    "cgi/premature.sh": "#!/bin/sh\nprintf 'Content-Type: text/plain\\n'\n",
    "cgi/loc.sh": "#!/bin/sh\ncat >/dev/null\nprintf 'Location: /static.txt?q=1\\n\\nignored'\n",
    "cgi/locabs.sh": "#!/bin/sh\nprintf 'Location: http://example.com/x\\n\\n'\n",
    "cgi/loc303.sh": "#!/bin/sh\nprintf 'Status: 303 See Other\\nLocation: http://example.com/y\\n\\nsee'\n",
    "cgi/lastmod.sh": ("#!/bin/sh\nprintf 'Content-Type: text/plain\\nLast-Modified: Tue, 14 Nov 2023 22:13:20 GMT\\n"
                       "ETag: \"e1\"\\nContent-Length: 99\\n\\nlm'\n"),
    "cgi/nph-a.sh": "#!/bin/sh\nprintf 'HTTP/1.0 299 Odd\\r\\nX-Nph: 1\\r\\n\\r\\nnph body\\n'\n",
    "cgi/post.sh": "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nCL=%s CT=%s\\n' \"$CONTENT_LENGTH\" \"$CONTENT_TYPE\"\ncat\n",
    "cgi/hello.sh": "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nhello\\n'\n",
    "cgi/slow.sh": "#!/bin/sh\nsleep 3\necho 'Content-Type: text/plain'\necho\n",
    "cgi/stream.sh": "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nfirst\\n'\nsleep 1\nprintf 'second\\n'\n",
    "cgi/sub/": None,
    "ex/a.cgi": "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nex\\n'\n",
    "ex/a.txt": "plain text\n",
    "off/a.cgi": "#!/bin/sh\necho hi\n",
    "sethandler/anything.txt": "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nset handler\\n'\n",
    "static.txt": "static\n",
}


def _tree() -> str:
    d = make_tree(docroot_dir(), {k: (v.encode() if v is not None else None) for k, v in TREE.items()})
    for k in TREE:
        p = os.path.join(d, k)
        if os.path.isfile(p) and k not in ("cgi/noexec.sh", "ex/a.txt", "static.txt"):
            os.chmod(p, 0o755)
    return d


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
    """(status line, headers without Date and framing, body dechunked)."""
    head, _, body = resp.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    headers = [ln for ln in lines[1:] if not re.match(rb"(?i)(date|content-length|transfer-encoding):", ln)]
    if any(re.match(rb"(?i)transfer-encoding: chunked", ln) for ln in lines[1:]):
        body = _dechunk(body)
    return lines[0], headers, body


@pytest.fixture(scope="module", params=["cgi", "cgid"])
def pair(request):
    mod = request.param
    docroot = _tree()
    slog = tempfile.mkdtemp(prefix="ap-scriptlog.", dir="/tmp")
    os.chmod(slog, 0o777)                    # the children (www-data) write ScriptLog
    p = OraclePair(CONF.replace("@MOD@", mod).replace("@SCRIPTLOG@", slog), docroot)
    p.mod = mod
    p.slog = slog
    yield p
    p.close()
    shutil.rmtree(docroot, ignore_errors=True)
    shutil.rmtree(slog, ignore_errors=True)


H = b"Host: localhost\r\nConnection: close\r\n"


def req(path: bytes, extra: bytes = b"", m: bytes = b"GET", body: bytes = b"") -> bytes:
    return m + b" " + path + b" HTTP/1.1\r\n" + H + extra + b"\r\n" + body


def compare(pair, raw: bytes, timeout: float = 4.0):
    a, b = pair.exchange(raw, timeout)
    assert parsed(b) == parsed(a), (a, b)
    aa, oa, ae, oe = pair.new_log_lines(settle=1.5)
    assert oa == aa
    assert sorted(oe) == sorted(ae)
    return parsed(a)


CASES = {
    "env-scriptalias": req(b"/cgi-bin/env.py/extra/p%20i?a=1&b=%20x",
                           b"X-Foo-Bar: 1\r\nProxy: http://evil/\r\nAuthorization: Basic eDp5\r\nX_Under: no\r\n"
                           b"Content-Type: text/x-ignored\r\nUser-Agent: t/1\r\n"),
    "env-isindex-args": req(b"/cgi-bin/env.py?foo+bar%20baz+%3Bx"),
    "env-scriptaliasmatch": req(b"/re-cgi/env.py"),
    "env-after-errordocument": req(b"/missing/page?q=2"),
    "post-body": req(b"/cgi-bin/post.sh", b"Content-Length: 5\r\nContent-Type: text/x\r\n", b"POST", b"hello"),
    "post-chunked": req(b"/cgi-bin/post.sh", b"Transfer-Encoding: chunked\r\n", b"POST",
                        b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"),
    "execcgi-addhandler": req(b"/ex/a.cgi"),
    "execcgi-plain-file": req(b"/ex/a.txt"),
    "execcgi-off-403": req(b"/off/a.cgi"),
    "sethandler": req(b"/sethandler/anything.txt"),
    "not-executable-500": req(b"/cgi-bin/noexec.sh"),
    "malformed-header-500": req(b"/cgi-bin/bad.sh"),
    "duplicate-headers-merged": req(b"/cgi-bin/dup.sh"),
    "status-and-stderr": req(b"/cgi-bin/err.sh"),
    "no-output-500": req(b"/cgi-bin/empty.sh"),
    "premature-end-500": req(b"/cgi-bin/premature.sh"),
    "local-redirect": req(b"/cgi-bin/loc.sh", b"Content-Length: 3\r\n", b"POST", b"abc"),
    "absolute-location-302": req(b"/cgi-bin/locabs.sh"),
    "location-with-status": req(b"/cgi-bin/loc303.sh"),
    "last-modified-etag": req(b"/cgi-bin/lastmod.sh"),
    "conditional-304": req(b"/cgi-bin/lastmod.sh", b"If-None-Match: \"e1\"\r\n"),
    "head": req(b"/cgi-bin/dup.sh", m=b"HEAD"),
    "nph": req(b"/cgi-bin/nph-a.sh"),
    "missing-script-404": req(b"/cgi-bin/nothere"),
    "directory-403": req(b"/cgi-bin/sub/"),
    "timeout-504": req(b"/cgi-bin/slow.sh"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_cgi(pair, name):
    status, headers, body = compare(pair, CASES[name])
    if name.startswith("env"):
        assert b"GATEWAY_INTERFACE=CGI/1.1\n" in body and b"HTTP_PROXY" not in body
        assert b"PATH=/usr/local/bin:/usr/bin:/bin\n" in body and b"FROM_SETENV=yes\n" in body
    if name == "env-after-errordocument":
        assert b"REDIRECT_STATUS=404\n" in body and b"REDIRECT_URL=/missing/page\n" in body


def test_scriptlog(pair):
    """ScriptLog records failing scripts (request, headers, stdout, stderr) the same way."""
    compare(pair, req(b"/cgi-bin/bad.sh", b"Content-Length: 6\r\n", b"POST", b"abcdef"))
    compare(pair, req(b"/off/a.cgi"))
    logs = []
    for port in (pair.apache.port, pair.ours.port):
        with open(os.path.join(pair.slog, f"script_{port}.log"), errors="replace") as f:
            logs.append(re.sub(r"%% \[[^]]*\]", "%% [T]", f.read()))
    assert logs[0] and logs[1] == logs[0]
    assert "%request\n" in logs[0] and "\nabcd\n" in logs[0] and "%error\nOptions ExecCGI is off" in logs[0]


def test_streaming(pair):
    """A script's output reaches the client as it is written, not when the script ends."""
    for port in (pair.apache.port, pair.ours.port):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            t0 = time.monotonic()
            s.sendall(req(b"/cgi-bin/stream.sh"))
            got = b""
            while b"first" not in got:
                chunk = s.recv(4096)
                assert chunk
                got += chunk
            t_first = time.monotonic() - t0
            while not got.endswith(b"0\r\n\r\n"):
                chunk = s.recv(4096)
                if not chunk:
                    break
                got += chunk
            t_all = time.monotonic() - t0
        assert t_first < 0.8 < t_all, (port, t_first, t_all)
        assert parsed(got)[2] == b"first\nsecond\n"
    pair.new_log_lines()


LIMIT_CONF = CONF.replace("Timeout 2\n", "Timeout 2\nLimitRequestBody 3\n").replace("ScriptLog @SCRIPTLOG@/script_@PORT@.log\n", "")


@pytest.mark.parametrize("mod", ["cgi", "cgid"])
def test_body_limit(mod):
    """A body over LimitRequestBody: 413 from the input filter, and the handler's AH01225/AH01270."""
    docroot = _tree()
    p = OraclePair(LIMIT_CONF.replace("@MOD@", mod), docroot)
    try:
        # (a script that reads its stdin would race httpd's mod_cgid closing the daemon socket)
        compare(p, req(b"/cgi-bin/hello.sh", b"Content-Length: 5\r\n", b"POST", b"hello"))
        compare(p, req(b"/cgi-bin/hello.sh", b"Transfer-Encoding: chunked\r\n", b"POST", b"5\r\nhello\r\n0\r\n\r\n"))
    finally:
        p.close()
        shutil.rmtree(docroot, ignore_errors=True)


def test_timeout_in_body():
    """Timeout while the body streams: AH01220 + AH00574, the response is cut."""
    docroot = _tree()
    conf = CONF.replace("@MOD@", "cgi").replace("Timeout 2", "Timeout 1").replace(
        "ScriptLog @SCRIPTLOG@/script_@PORT@.log\n", "")
    with open(os.path.join(docroot, "cgi/stream.sh"), "w") as f:
        f.write("#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nfirst\\n'\nsleep 3\nprintf 'second\\n'\n")
    p = OraclePair(conf, docroot)
    try:
        a, b = p.exchange(req(b"/cgi-bin/stream.sh"), 4.0)
        assert b.split(b"\r\n\r\n", 1)[1] == a.split(b"\r\n\r\n", 1)[1] == b"6\r\nfirst\n\r\n"
        _, _, ae, oe = p.new_log_lines(settle=1.5)
        assert oe == ae and any("AH00574" in x for x in oe)
    finally:
        p.close()
        shutil.rmtree(docroot, ignore_errors=True)


def test_script_runs_as_server_user():
    """The child runs with the worker's (dropped) user."""
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to www-data")
    docroot = make_tree(docroot_dir(), {"cgi/id.sh": b"#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\nid -un\n"})
    os.chmod(os.path.join(docroot, "cgi/id.sh"), 0o755)
    conf = CONF.replace("@MOD@", "cgi").replace("ScriptLog @SCRIPTLOG@/script_@PORT@.log\n", "")
    try:
        with ApachepyServer(conf, docroot) as s:
            resp = raw_request(s.port, req(b"/cgi-bin/id.sh"), timeout=4)
        assert parsed(resp)[2] == b"www-data\n"
    finally:
        shutil.rmtree(docroot, ignore_errors=True)
