"""HTTP Basic authentication (mod_auth_basic, mod_authn_file, mod_authn_core, mod_authz_user,
mod_authz_groupfile) against Debian's apache2: challenges, the canned 401 page, the error-log
lines of each failure, %u in the access log, every htpasswd hash format, Require valid-user /
user / group with RequireAny/RequireAll, AuthMerging and AuthzSendForbiddenOnFailure."""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess

import pytest

from apachepy.modules.passwords import apr_md5_encode, sha1_base64

from .http_oracle import OraclePair, available, check, docroot_dir, make_tree

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule authz_host_module {M}/mod_authz_host.so
LoadModule authn_core_module {M}/mod_authn_core.so
LoadModule authn_file_module {M}/mod_authn_file.so
LoadModule auth_basic_module {M}/mod_auth_basic.so
LoadModule authz_user_module {M}/mod_authz_user.so
LoadModule authz_groupfile_module {M}/mod_authz_groupfile.so
LoadModule headers_module {M}/mod_headers.so
LogLevel warn auth_basic:info authn_file:info authn_core:info authz_user:info authz_groupfile:info
LogFormat "\\"%r\\" %>s %b \\"%u\\"" t
CustomLog logs/access_log t
<Directory />
  Require all granted
</Directory>
<Location /basic>
  AuthType Basic
  AuthName "Members Only"
  AuthUserFile @DOCROOT@/htpasswd
  Require valid-user
  Header always set X-User "expr=%{{REMOTE_USER}}"
</Location>
<Location /basic/none>
  AuthType None
  Require all granted
</Location>
<Location /user>
  AuthType basic
  AuthName "with \\"quotes\\""
  AuthBasicProvider file
  AuthUserFile @DOCROOT@/htpasswd
  Require user alice "bob"
</Location>
<Location /group>
  AuthType Basic
  AuthName grp
  AuthUserFile @DOCROOT@/htpasswd
  AuthGroupFile @DOCROOT@/htgroup
  Require group admins
</Location>
<Location /any>
  AuthType Basic
  AuthName any
  AuthUserFile @DOCROOT@/htpasswd
  <RequireAny>
    Require ip 10.9.9.9
    Require user carol
  </RequireAny>
</Location>
<Location /all>
  AuthType Basic
  AuthName all
  AuthUserFile @DOCROOT@/htpasswd
  <RequireAll>
    Require local
    Require user alice
  </RequireAll>
</Location>
<Location /forbid>
  AuthType Basic
  AuthName forbid
  AuthUserFile @DOCROOT@/htpasswd
  AuthzSendForbiddenOnFailure On
  Require user alice
</Location>
<Location /merged>
  AuthType Basic
  AuthName merged
  AuthUserFile @DOCROOT@/htpasswd
  Require valid-user
</Location>
<Location /merged/and>
  AuthMerging And
  Require user bob
</Location>
<Location /digestalg>
  AuthType Basic
  AuthName dig
  AuthBasicUseDigestAlgorithm MD5
  AuthUserFile @DOCROOT@/htdigest
  Require valid-user
</Location>
<Location /noname>
  AuthType Basic
  AuthUserFile @DOCROOT@/htpasswd
  Require valid-user
</Location>
<Location /nofile>
  AuthType Basic
  AuthName nofile
  AuthUserFile @DOCROOT@/missing
  Require valid-user
</Location>
<Location /nogroupfile>
  AuthType Basic
  AuthName x
  AuthUserFile @DOCROOT@/htpasswd
  Require group admins
</Location>
<Location /noreq>
  AuthType Basic
  AuthName x
  AuthUserFile @DOCROOT@/htpasswd
</Location>
"""

USERS = {"alice": ("apr1", "wonder"), "bob": ("sha", "builder"), "carol": ("crypt", "c4rol"),
         "dave": ("bcrypt", "d@ve:colon"), "eve": ("plain", "plain")}


def _htpasswd_line(user: str, kind: str, password: str) -> str:
    """The line htpasswd (apache2-utils) writes, or the same format computed here without it."""
    flag = {"apr1": "-m", "sha": "-s", "crypt": "-d", "bcrypt": "-B", "plain": "-p"}[kind]
    if shutil.which("htpasswd"):
        out = subprocess.run(["htpasswd", "-nb", flag, user, password], capture_output=True, text=True,
                             timeout=30, check=True).stdout
        return out.splitlines()[0]
    if kind == "apr1":
        return f"{user}:{apr_md5_encode(password.encode(), '$apr1$' + 'Sa1tSa1t')}"
    if kind == "sha":
        return f"{user}:{sha1_base64(password.encode())}"
    return f"{user}:{password}"          # verified as a mismatch by both servers


def _files() -> dict:
    lines = [_htpasswd_line(u, k, p) for u, (k, p) in USERS.items()]
    digest = hashlib.md5(b"alice:dig:wonder").hexdigest()
    return {"htpasswd": ("# users\n\n" + "\n".join(lines) + "\n").encode(),
            "htgroup": b"admins: alice  carol\nstaff:bob\n",
            "htdigest": f"alice:dig:{digest}\nbob:other:{digest}\n".encode(),
            "basic/f.txt": b"secret\n", "basic/none/f.txt": b"open\n", "f.txt": b"f\n"}


def basic(user: str, password: str) -> bytes:
    return b"Authorization: Basic " + base64.b64encode(f"{user}:{password}".encode()) + b"\r\n"


def g(path: bytes, extra: bytes = b"", m: bytes = b"GET") -> bytes:
    return m + b" " + path + b" HTTP/1.1\r\nHost: localhost\r\n" + extra + b"Connection: close\r\n\r\n"


CASES = {
    "no-credentials": g(b"/basic/f.txt"),
    "no-credentials-head": g(b"/basic/f.txt", m=b"HEAD"),
    "right-password-apr1": g(b"/basic/f.txt", basic("alice", "wonder")),
    "wrong-password": g(b"/basic/f.txt", basic("alice", "wrong")),
    "unknown-user": g(b"/basic/f.txt", basic("mallory", "x")),
    "sha1-right": g(b"/basic/f.txt", basic("bob", "builder")),
    "sha1-wrong": g(b"/basic/f.txt", basic("bob", "Builder")),
    "crypt-right": g(b"/basic/f.txt", basic("carol", "c4rol")),
    "crypt-wrong": g(b"/basic/f.txt", basic("carol", "carol")),
    "bcrypt-password-with-colon": g(b"/basic/f.txt", basic("dave", "d@ve:colon")),
    "bcrypt-wrong": g(b"/basic/f.txt", basic("dave", "d@ve")),
    "plain-text-refused": g(b"/basic/f.txt", basic("eve", "plain")),
    "empty-user": g(b"/basic/f.txt", basic("", "")),
    "auth-type-none": g(b"/basic/none/f.txt"),
    "wrong-scheme": g(b"/basic/f.txt", b"Authorization: Digest username=alice\r\n"),
    "scheme-lowercase-spaces": g(b"/basic/f.txt", b"Authorization: basic    " +
                                 base64.b64encode(b"alice:wonder") + b"\r\n"),
    "scheme-tab": g(b"/basic/f.txt", b"Authorization: Basic\t" + base64.b64encode(b"alice:wonder") + b"\r\n"),
    "scheme-only": g(b"/basic/f.txt", b"Authorization: Basic\r\n"),
    "bad-base64": g(b"/basic/f.txt", b"Authorization: Basic !!!!\r\n"),
    "no-colon": g(b"/basic/f.txt", b"Authorization: Basic " + base64.b64encode(b"alice") + b"\r\n"),
    "unpadded-base64": g(b"/basic/f.txt", b"Authorization: Basic " +
                         base64.b64encode(b"alice:wonder!").rstrip(b"=") + b"\r\n"),
    "trailing-garbage": g(b"/basic/f.txt", b"Authorization: Basic " + base64.b64encode(b"alice:wonder") +
                          b"*junk\r\n"),
    "user-listed": g(b"/user/x", basic("bob", "builder")),
    "user-not-listed": g(b"/user/x", basic("carol", "c4rol")),
    "user-no-credentials-quoted-realm": g(b"/user/x"),
    "group-member": g(b"/group/x", basic("carol", "c4rol")),
    "group-other-group": g(b"/group/x", basic("bob", "builder")),
    "group-no-group-at-all": g(b"/group/x", basic("dave", "d@ve:colon")),
    "any-user": g(b"/any/x", basic("carol", "c4rol")),
    "any-other-user": g(b"/any/x", basic("alice", "wonder")),
    "any-anonymous": g(b"/any/x"),
    "all-local-user": g(b"/all/x", basic("alice", "wonder")),
    "all-other-user": g(b"/all/x", basic("bob", "builder")),
    "forbidden-on-failure": g(b"/forbid/x", basic("bob", "builder")),
    "merged-and-yes": g(b"/merged/and/x", basic("bob", "builder")),
    "merged-and-no": g(b"/merged/and/x", basic("alice", "wonder")),
    "digest-algorithm-right": g(b"/digestalg/x", basic("alice", "wonder")),
    "digest-algorithm-wrong": g(b"/digestalg/x", basic("alice", "nope")),
    "digest-algorithm-other-realm": g(b"/digestalg/x", basic("bob", "wonder")),
    "no-authname": g(b"/noname/x", basic("alice", "wonder")),
    "missing-user-file": g(b"/nofile/x", basic("alice", "wonder")),
    "missing-group-file": g(b"/nogroupfile/x", basic("alice", "wonder")),
    "authtype-without-require": g(b"/noreq/x"),
}


@pytest.fixture(scope="module")
def pair():
    docroot = make_tree(docroot_dir(), _files())
    p = OraclePair(CONF, docroot)
    yield p
    p.close()
    shutil.rmtree(docroot, ignore_errors=True)


@pytest.mark.parametrize("name", list(CASES))
def test_auth(pair, name):
    check(pair, CASES[name], timeout=1.0)


def test_challenge_and_page(pair):
    """Beyond being equal to apache2's: the challenge names the realm and the page is httpd's."""
    a, b = pair.exchange(CASES["no-credentials"])
    pair.new_log_lines()
    assert a == b
    assert a.startswith(b"HTTP/1.1 401 Unauthorized\r\n")
    assert b'\r\nWWW-Authenticate: Basic realm="Members Only"\r\n' in a
    assert b"browser doesn't understand how to supply\nthe credentials required.</p>" in a
