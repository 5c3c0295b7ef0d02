"""HTTP Digest authentication (mod_auth_digest with mod_authn_file, mod_authz_user,
mod_authz_groupfile) and anonymous Basic users (mod_authn_anon) against Debian's apache2.

Nonces (and the hashes in AH01776) are random per server, so each server gets a request
built from its own challenge and the answers are compared with those values masked; the
status, headers, body, challenge fields and error-log lines must otherwise be the same."""
from __future__ import annotations

import base64
import hashlib
import re
import shutil
import time

import httpx
import pytest

from tests.support.servers import raw_request

from .http_oracle import OraclePair, available, docroot_dir, make_tree, normalise

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
REALM = "private area"
CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule authn_core_module {M}/mod_authn_core.so
LoadModule authn_file_module {M}/mod_authn_file.so
LoadModule authn_anon_module {M}/mod_authn_anon.so
LoadModule auth_basic_module {M}/mod_auth_basic.so
LoadModule auth_digest_module {M}/mod_auth_digest.so
LoadModule authz_user_module {M}/mod_authz_user.so
LoadModule authz_groupfile_module {M}/mod_authz_groupfile.so
LogLevel warn auth_digest:debug auth_basic:info authn_file:info authn_anon:info authz_core:info
LogFormat "\\"%r\\" %>s %b \\"%u\\"" t
CustomLog logs/access_log t
<Directory />
  Require all granted
</Directory>
<Location /d>
  AuthType Digest
  AuthName "{REALM}"
  AuthUserFile @DOCROOT@/htdigest
  Require valid-user
</Location>
<Location /d/bob>
  Require user bob
</Location>
<Location /dom>
  AuthType digest
  AuthName "{REALM}"
  AuthDigestProvider file
  AuthDigestDomain /dom/ http://other.example/x
  AuthDigestDomain /more
  AuthDigestAlgorithm md5
  AuthDigestNonceLifetime 2
  AuthUserFile @DOCROOT@/htdigest
  Require valid-user
</Location>
<Location /dom/inner>
  Require valid-user
</Location>
<Location /forever>
  AuthType Digest
  AuthName "{REALM}"
  AuthDigestNonceLifetime -1
  AuthUserFile @DOCROOT@/htdigest
  Require valid-user
</Location>
<Location /nc>
  AuthType Digest
  AuthName "{REALM}"
  AuthDigestNcCheck On
  AuthUserFile @DOCROOT@/htdigest
  Require valid-user
</Location>
<Location /otn>
  AuthType Digest
  AuthName "{REALM}"
  AuthDigestNonceLifetime 0
  AuthUserFile @DOCROOT@/htdigest
  Require valid-user
</Location>
<Location /grp>
  AuthType Digest
  AuthName "{REALM}"
  AuthUserFile @DOCROOT@/htdigest
  AuthGroupFile @DOCROOT@/htgroup
  Require group admins
</Location>
<Location /other>
  AuthType Digest
  AuthName other
  AuthUserFile @DOCROOT@/htdigest
  Require valid-user
</Location>
<Location /noname>
  AuthType Digest
  AuthUserFile @DOCROOT@/htdigest
  Require valid-user
</Location>
<Location /nofile>
  AuthType Digest
  AuthName "{REALM}"
  AuthUserFile @DOCROOT@/missing
  Require valid-user
</Location>
<Location /anon>
  AuthType Basic
  AuthName anon
  AuthBasicProvider anon file
  AuthUserFile @DOCROOT@/htpasswd
  Anonymous guest "Anonymous"
  Anonymous_VerifyEmail On
  Require valid-user
</Location>
<Location /anon/inner>
  Require valid-user
</Location>
<Location /anon/lax>
  Anonymous *
  Anonymous_NoUserId On
  Anonymous_MustGiveEmail Off
  Anonymous_LogEmail Off
</Location>
"""


def md5(text: str) -> str:
    return hashlib.md5(text.encode("latin-1")).hexdigest()


USERS = {"alice": "wonder", "bob": "builder"}


def _files() -> dict:
    lines = [f"{u}:{REALM}:{md5(f'{u}:{REALM}:{p}')}" for u, p in USERS.items()]
    lines.append(f"alice:other:{md5('alice:other:elsewhere')}")
    return {"htdigest": ("\n".join(lines) + "\n").encode(), "htgroup": b"admins: alice\n",
            "htpasswd": b"", "d/f.txt": b"secret\n", "d/bob/f.txt": b"bob\n", "dom/f.txt": b"dom\n",
            "dom/inner/f.txt": b"inner\n", "forever/f.txt": b"f\n", "nc/f.txt": b"nc\n", "otn/f.txt": b"otn\n",
            "grp/f.txt": b"grp\n", "other/f.txt": b"o\n", "anon/f.txt": b"a\n", "anon/inner/f.txt": b"a\n",
            "anon/lax/f.txt": b"a\n"}


def authorization(nonce: str, uri: str, user: str = "alice", password: str | None = None, realm: str = REALM,
                  method: str = "GET", qop: str | None = "auth", nc: str = "00000001", cnonce: str = "0a4f113b",
                  opaque: str | None = None, algorithm: str | None = None, omit: tuple = (),
                  response: str | None = None) -> str:
    """A Digest Authorization value as RFC 2617 clients compute it (qop=auth)."""
    password = USERS.get(user, "x") if password is None else password
    ha1 = md5(f"{user}:{realm}:{password}")
    ha2 = md5(f"{method}:{uri}")
    if response is None:
        response = md5(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}") if qop else md5(f"{ha1}:{nonce}:{ha2}")
    parts = {"username": f'"{user}"', "realm": f'"{realm}"', "nonce": f'"{nonce}"', "uri": f'"{uri}"',
             "response": f'"{response}"'}
    if qop is not None:
        parts.update(qop=qop, nc=nc, cnonce=f'"{cnonce}"')
    if opaque is not None:
        parts["opaque"] = f'"{opaque}"'
    if algorithm is not None:
        parts["algorithm"] = algorithm
    return "Digest " + ", ".join(f"{k}={v}" for k, v in parts.items() if k not in omit)


def get(path: str, auth: str | None = None, method: str = "GET") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: localhost\r\n"
    if auth is not None:
        head += f"Authorization: {auth}\r\n"
    return (head + "Connection: close\r\n\r\n").encode("latin-1")


_MASKS = [(re.compile(r'\b(nonce|nextnonce|rspauth)="[^"]*"'), r'\1="X"'),
          (re.compile(r'opaque="[0-9a-f]+"'), 'opaque="X"'),
          (re.compile(r"invalid nonce \S+ received - hash is not \w+"), "invalid nonce X received - hash is not X"),
          (re.compile(r"(for nonce|one-time-nonce) \S+"), r"\1 X"),
          (re.compile(r"client \d+ (found|not found|is no longer)"), r"client X \1"),
          (re.compile(r"allocated new client \d+"), "allocated new client X")]


def mask(text: str) -> str:
    for rx, repl in _MASKS:
        text = rx.sub(repl, text)
    return text


def challenge(resp: bytes) -> dict:
    """The fields of a Digest WWW-Authenticate header, in order."""
    m = re.search(rb"\r\nWWW-Authenticate: Digest (.*)\r\n", resp)
    assert m, resp
    return {k: a or b for k, a, b in re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]*))', m.group(1).decode())}


class Digest:
    """Both servers, each asked with a request built from its own challenge."""

    def __init__(self, pair: OraclePair):
        self.pair = pair
        self.ports = (pair.apache.port, pair.ours.port)

    def fields(self, path: str, auth: list[str] | None = None) -> list[dict]:
        out = [challenge(raw_request(port, get(path, auth[i] if auth else None), timeout=2))
               for i, port in enumerate(self.ports)]
        self.pair.new_log_lines()
        return out

    def nonces(self, path: str = "/d/f.txt") -> list[str]:
        return [f["nonce"] for f in self.fields(path)]

    def check(self, build, method: str = "GET") -> bytes:
        """build(i) -> the request bytes for server i (0: apache2, 1: apachepy)."""
        answers = [mask(normalise(raw_request(port, build(i), timeout=2)).decode("latin-1"))
                   for i, port in enumerate(self.ports)]
        aa, oa, ae, oe = self.pair.new_log_lines()
        assert answers[1] == answers[0]
        assert [mask(x) for x in oe] == [mask(x) for x in ae]
        assert oa == aa
        return answers[0].encode("latin-1")


@pytest.fixture(scope="module")
def pair():
    docroot = make_tree(docroot_dir(), _files())
    p = OraclePair(CONF, docroot)
    yield p
    p.close()
    shutil.rmtree(docroot, ignore_errors=True)


@pytest.fixture
def dg(pair):
    pair.new_log_lines()
    return Digest(pair)


def test_challenge_fields(dg):
    a = dg.check(lambda i: get("/d/f.txt"))
    assert a.startswith(b"HTTP/1.1 401 Unauthorized\r\n")
    assert b'WWW-Authenticate: Digest realm="private area", nonce="X", algorithm=MD5, qop="auth"\r\n' in a
    f = dg.fields("/d/f.txt")
    for fields in f:
        # base64 of an 8-byte time, then 40 hex digits of SHA-1
        assert re.fullmatch(r"[A-Za-z0-9+/]{11}=[0-9a-f]{40}", fields["nonce"])
    assert f[0].keys() == f[1].keys()


def test_domain_and_algorithm(dg):
    a = dg.check(lambda i: get("/dom/f.txt"))
    assert b'algorithm=MD5, domain="/dom/ http://other.example/x /more", qop="auth"' in a
    # a section without AuthDigest* directives keeps the outer section's settings
    assert b'domain="/dom/' in dg.check(lambda i: get("/dom/inner/f.txt"))


# (name, path, authorization keywords): each server gets a header built on its own nonce
CASES = {
    "success": ("/d/f.txt", {}),
    "success-head": ("/d/f.txt", {"method": "HEAD"}),
    "qop-uppercase": ("/d/f.txt", {"qop": "AUTH"}),
    "algorithm-lowercase": ("/d/f.txt", {"algorithm": "md5"}),
    "wrong-password": ("/d/f.txt", {"password": "wrong"}),
    "unknown-user": ("/d/f.txt", {"user": "mallory"}),
    "realm-mismatch": ("/d/f.txt", {"realm": "other", "password": "elsewhere"}),
    "rfc2069-no-qop": ("/d/f.txt", {"qop": None}),
    "qop-auth-int": ("/d/f.txt", {"qop": "auth-int"}),
    "algorithm-md5-sess": ("/d/f.txt", {"algorithm": "MD5-sess"}),
    "uri-mismatch": ("/d/f.txt", {"uri": "/d/other.txt"}),
    "uri-absolute": ("/d/f.txt", {"uri": "http://localhost/d/f.txt"}),
    "uri-absolute-wrong-port": ("/d/f.txt", {"uri": "http://localhost:1/d/f.txt"}),
    "uri-other-host": ("/d/f.txt", {"uri": "http://example.com/d/f.txt"}),
    "uri-escaped": ("/d/f.txt", {"uri": "/d/%66.txt"}),
    "uri-invalid": ("/d/f.txt", {"uri": "a:b:c"}),
    "opaque-not-hex": ("/d/f.txt", {"opaque": "zz"}),
    "opaque-unknown": ("/d/f.txt", {"opaque": "1f"}),
    "missing-cnonce": ("/d/f.txt", {"omit": ("cnonce",)}),
    "missing-realm": ("/d/f.txt", {"omit": ("realm",)}),
    "missing-username": ("/d/f.txt", {"omit": ("username",)}),
    "user-listed": ("/d/bob/f.txt", {"user": "bob"}),
    "user-not-listed": ("/d/bob/f.txt", {}),
    "group-member": ("/grp/f.txt", {}),
    "group-non-member": ("/grp/f.txt", {"user": "bob"}),
    "nonce-of-other-section": ("/forever/f.txt", {}),
    "nonce-other-realm": ("/other/f.txt", {"realm": "other", "password": "elsewhere"}),
    "no-authname": ("/noname/f.txt", {}),
    "missing-user-file": ("/nofile/f.txt", {}),
    "nc-check-without-opaque": ("/nc/f.txt", {}),
    "one-time-without-opaque": ("/otn/f.txt", {}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_digest(dg, name):
    path, kw = CASES[name]
    kw = dict(kw)
    method = kw.pop("method", "GET")
    uri = kw.pop("uri", path)
    nonces = dg.nonces()
    dg.check(lambda i: get(path, authorization(nonces[i], uri, method=method, **kw), method))


def test_success_headers(dg):
    nonces = dg.nonces()
    a = dg.check(lambda i: get("/d/f.txt", authorization(nonces[i], "/d/f.txt", cnonce="c1")))
    assert a.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b'\r\nAuthentication-Info: rspauth="X", cnonce="c1", nc=00000001, qop=auth\r\n' in a


def test_rspauth_value(pair):
    """rspauth is MD5(HA1:nonce:nc:cnonce:qop:MD5(":" uri)), as RFC 2617 says."""
    resp = raw_request(pair.ours.port, get("/d/f.txt"), timeout=2)
    nonce = challenge(resp)["nonce"]
    ok = raw_request(pair.ours.port, get("/d/f.txt", authorization(nonce, "/d/f.txt", cnonce="c1")), timeout=2)
    ha1 = md5(f"alice:{REALM}:wonder")
    want = md5(f"{ha1}:{nonce}:00000001:c1:auth:{md5(':/d/f.txt')}")
    assert f'rspauth="{want}"'.encode() in ok
    pair.new_log_lines()


@pytest.mark.parametrize("header", [
    "Basic YWxpY2U6d29uZGVy", "Digest", "digest   ", "Digest username=alice",
    'Digest username="alice", realm="private area", nonce="short", uri="/d/f.txt", response="x"',
    'Digest username="alice", realm="private area", nonce="AAAAAAAAAAAA' + "0" * 40 + '", uri="/d/f.txt", '
    'response="x", qop=auth, nc=1, cnonce=x',
    'Digest username="alice", realm="private area", nonce="AAAAAAAAAAA=' + "0" * 40 + '", uri="/d/f.txt", '
    'response="x", qop=auth, nc=1, cnonce=x',
    'Digest username="alice", realm="private area", nonce="AAAAAAAAAAA=' + "0" * 40 + '", uri="/d/f.txt", '
    'response="' + "X" * 32 + '", qop=auth, nc=1, cnonce=x',
    'Digest username = "al\\"ice" , realm=private, nonce=, uri=/d/f.txt, response=, junk, =x',
])
def test_malformed(dg, header):
    dg.check(lambda i: get("/d/f.txt", header))


def test_tampered_nonce_is_stale(dg):
    nonces = dg.nonces()
    tampered = [n[:-1] + ("0" if n[-1] != "0" else "1") for n in nonces]
    a = dg.check(lambda i: get("/d/f.txt", authorization(tampered[i], "/d/f.txt")))
    assert b", stale=true, " in a


def test_expired_nonce_is_stale(dg):
    nonces = dg.nonces("/dom/f.txt")
    ok = dg.check(lambda i: get("/dom/f.txt", authorization(nonces[i], "/dom/f.txt")))
    # a lifetime under 30 seconds: every success carries the next nonce
    assert b', nextnonce="X", cnonce=' in ok
    time.sleep(3.1)
    a = dg.check(lambda i: get("/dom/f.txt", authorization(nonces[i], "/dom/f.txt")))
    assert b'/more", stale=true, qop="auth"' in a
    # a wrong password is reported before the age of the nonce
    dg.check(lambda i: get("/dom/f.txt", authorization(nonces[i], "/dom/f.txt", password="bad")))


def test_nonce_count_check(dg):
    f = dg.fields("/nc/f.txt")
    assert all("opaque" in x for x in f)

    def send(nc, fields=f, **kw):
        return dg.check(lambda i: get("/nc/f.txt", authorization(fields[i]["nonce"], "/nc/f.txt", nc=nc,
                                                                  opaque=f[i]["opaque"], **kw)))
    assert send("00000001").startswith(b"HTTP/1.1 200")
    assert send("00000001").startswith(b"HTTP/1.1 401")          # replayed
    assert send("00000003").startswith(b"HTTP/1.1 200")
    send("0000000z")
    send("00000002")
    time.sleep(1.1)          # a newer nonce (its time differs) for the same client
    newer = dg.fields("/nc/f.txt", [authorization(f[i]["nonce"], "/nc/f.txt", opaque=f[i]["opaque"],
                                                  password="bad", nc="00000009") for i in (0, 1)])
    assert send("00000001", newer).startswith(b"HTTP/1.1 200")   # counting starts over
    send("00000010")                                             # the older nonce is refused now
    send("00000002", newer)


def test_one_time_nonces(dg):
    f = dg.fields("/otn/f.txt")

    def send(**kw):
        return dg.check(lambda i: get("/otn/f.txt", authorization(f[i]["nonce"], "/otn/f.txt",
                                                                   opaque=f[i]["opaque"], **kw)))
    ok = send()
    assert b', nextnonce="X", cnonce=' in ok
    again = send(nc="00000002")
    assert b"stale=true" in again


def test_httpx_digest_client(pair):
    """A real client's exchange (challenge, then the computed answer) gets the same results."""
    for path, user, password in (("/d/f.txt", "alice", "wonder"), ("/d/f.txt", "alice", "nope"),
                                 ("/grp/f.txt", "bob", "builder"), ("/d/bob/f.txt", "bob", "builder")):
        answers = []
        for port in (pair.apache.port, pair.ours.port):
            r = httpx.get(f"http://127.0.0.1:{port}{path}", auth=httpx.DigestAuth(user, password), timeout=5)
            answers.append((r.status_code, sorted(k for k in r.headers.keys() if k not in ("date",)), r.content,
                            # httpx picks a random cnonce
                            re.sub(r'cnonce="\w+"', "cnonce", mask(r.headers.get("authentication-info", ""))),
                            mask(r.headers.get("www-authenticate", ""))))
        assert answers[1] == answers[0]
        aa, oa, ae, oe = pair.new_log_lines()
        assert [mask(x) for x in oe] == [mask(x) for x in ae]
        assert oa == aa


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


ANON = {
    "listed-with-email": ("/anon/f.txt", basic("guest", "me@example.com")),
    "listed-case-insensitive": ("/anon/f.txt", basic("ANONYMOUS", "me@example.com")),
    "listed-not-an-email": ("/anon/f.txt", basic("guest", "me")),
    "listed-no-password": ("/anon/f.txt", basic("guest", "")),
    "not-listed": ("/anon/f.txt", basic("alice", "me@example.com")),
    "no-user-id": ("/anon/f.txt", basic("", "me@example.com")),
    "no-credentials": ("/anon/f.txt", None),
    "inner-keeps-settings": ("/anon/inner/f.txt", basic("guest", "me@example.com")),
    "any-user": ("/anon/lax/f.txt", basic("whoever", "")),
    "lax-no-user-id": ("/anon/lax/f.txt", basic("", "")),
}


@pytest.mark.parametrize("name", list(ANON))
def test_anonymous(dg, name):
    path, auth = ANON[name]
    dg.check(lambda i: get(path, auth))
