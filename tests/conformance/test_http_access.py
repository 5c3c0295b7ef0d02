"""Per-directory configuration: <Directory>/<DirectoryMatch>/<Files>/<FilesMatch>/<Location>/
<LocationMatch>/<If> merging, Options and symlinks, .htaccess files, AcceptPathInfo, Require
(all, ip, env, method, expr, RequireAny/All/None, <Limit>), Order/Allow/Deny, mod_setenvif,
LimitRequestBody, TraceEnable, ErrorDocument kinds, against Debian's apache2."""
from __future__ import annotations


import pytest

from .http_oracle import serve_pair, available, check

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule authz_host_module {M}/mod_authz_host.so
LoadModule access_compat_module {M}/mod_access_compat.so
LoadModule mime_module {M}/mod_mime.so
LoadModule dir_module {M}/mod_dir.so
LoadModule headers_module {M}/mod_headers.so
LoadModule setenvif_module {M}/mod_setenvif.so
LoadModule env_module {M}/mod_env.so
TypesConfig /etc/mime.types
LogFormat "\\"%r\\" %>s %b %{{FOO}}e %{{M}}e %{{X-Req}}i %{{MATCH_NAME}}e" t
CustomLog logs/access_log t
SetEnvIf User-Agent "^Bot" FOO=bot
BrowserMatch "Mozilla/(\\d)" M=moz$1
RequestHeader set X-Req fromconf
<Directory />
  Require all denied
</Directory>
<Directory @DOCROOT@>
  Require all granted
  AllowOverride All
  Options FollowSymLinks
</Directory>
<Directory @DOCROOT@/a>
  Header set X-Dir a
  AddType text/x-dat .dat
</Directory>
<Directory @DOCROOT@/a/b>
  Header set X-Dir b
  Header append X-Multi one
</Directory>
<DirectoryMatch "^@DOCROOT@/a/(?<name>b)">
  Header append X-Multi two
</DirectoryMatch>
<Directory @DOCROOT@/nolink>
  Options -FollowSymLinks
</Directory>
<Directory @DOCROOT@/own>
  Options SymLinksIfOwnerMatch
</Directory>
<Directory @DOCROOT@/pi>
  AcceptPathInfo On
</Directory>
<Directory @DOCROOT@/nohta>
  AllowOverride None
</Directory>
<Files "*.dat">
  Header set X-Dat yes
</Files>
<FilesMatch "^f\\.txt$">
  Header set X-F f
</FilesMatch>
<Location /a>
  Header set X-Loc yes
</Location>
<LocationMatch "^/a/b">
  Header unset X-Dir
</LocationMatch>
<Directory @DOCROOT@/if>
  <If "%{{HTTP:X-Test}} == 'yes'">
    Header set X-If matched
  </If>
  <ElseIf "%{{QUERY_STRING}} == 'q'">
    Header set X-If elseif
  </ElseIf>
  <Else>
    Header set X-If else
  </Else>
</Directory>
<Location /lim>
  <Limit POST>
    Require all denied
  </Limit>
</Location>
<Location /limex>
  <LimitExcept GET>
    Require all denied
  </LimitExcept>
</Location>
<Location /compat>
  Order deny,allow
  Deny from all
  Allow from 127.0.0.1
</Location>
<Location /compat2>
  Order allow,deny
  Allow from 10.0.0.0/8
</Location>
<Location /compat3>
  Order allow,deny
  Allow from env=FOO
</Location>
<Location /any>
  <RequireAny>
    Require ip 10.1.2.3
    Require env FOO
  </RequireAny>
</Location>
<Location /none>
  <RequireAll>
    Require all granted
    <RequireNone>
      Require ip 127.0.0.1
    </RequireNone>
  </RequireAll>
</Location>
<Location /meth>
  Require method GET
</Location>
<Location /ex>
  Require expr "%{{HTTP:X-Key}} == 'k'"
</Location>
<Location /local>
  Require local
</Location>
<Location /iprange>
  Require ip 127.0
</Location>
<Location /body>
  LimitRequestBody 10
</Location>
<Location /body/deny>
  Require all denied
</Location>
"""

TREE = {"index.html": b"index\n", "a/f.txt": b"A\n", "a/b/f.txt": b"B\n", "a/x.dat": b"x",
        "nolink/l.txt": ("link", "../a/f.txt"), "nolink/dirlink": ("link", "../a"), "nolink/real.txt": b"r",
        "own/t.txt": b"o\n", "own/same.txt": ("link", "t.txt"), "own/other.txt": ("link", "/etc/hostname"),
        "hta/f.txt": b"H\n", "hta/.htaccess": b"Require all denied\n", "htbad/f.txt": b"x\n",
        "htbad/.htaccess": b"Bogus directive\n", "htopt/q.txt": b"q\n", "htopt/ql.txt": ("link", "q.txt"),
        "htopt/.htaccess": b"Options -FollowSymLinks\nErrorDocument 404 /index.html\n",
        "nohta/f.txt": b"n\n", "nohta/.htaccess": b"Bogus directive\n",
        "pi/p.html": b"P\n", "if/i.txt": b"I\n", "body/f.txt": b"b\n"}


def g(path: bytes, extra: bytes = b"", m: bytes = b"GET", body: bytes = b"") -> bytes:
    return m + b" " + path + b" HTTP/1.1\r\nHost: localhost\r\n" + extra + b"Connection: close\r\n\r\n" + body


CASES = {
    "dir-headers": g(b"/a/f.txt"), "nested-dir-and-match": g(b"/a/b/f.txt"), "files-addtype": g(b"/a/x.dat"),
    "nofollow-link": g(b"/nolink/l.txt"), "nofollow-dirlink": g(b"/nolink/dirlink/f.txt"),
    "nofollow-plain-file": g(b"/nolink/real.txt"), "owner-match-same": g(b"/own/same.txt"),
    "owner-match-other": g(b"/own/other.txt"), "htaccess-require": g(b"/hta/f.txt"), "htaccess-bad": g(b"/htbad/f.txt"),
    "htaccess-ignored": g(b"/nohta/f.txt"), "htaccess-options-link": g(b"/htopt/ql.txt"),
    "htaccess-errordocument": g(b"/htopt/missing"), "path-info-on": g(b"/pi/p.html/extra/path"),
    "path-info-default": g(b"/a/f.txt/extra"), "if-else": g(b"/if/i.txt"), "if-match": g(b"/if/i.txt", b"X-Test: yes\r\n"),
    "if-elseif": g(b"/if/i.txt?q"), "limit-get": g(b"/lim/x"), "limit-post": g(b"/lim/x", m=b"POST"),
    "limitexcept-get": g(b"/limex/x"), "limitexcept-head": g(b"/limex/x", m=b"HEAD"), "limitexcept-post": g(b"/limex/x", m=b"POST"),
    "order-deny-allow": g(b"/compat/x"), "order-allow-deny": g(b"/compat2/x"), "allow-env-unset": g(b"/compat3/x"),
    "allow-env-set": g(b"/compat3/x", b"User-Agent: Bot 2\r\n"), "require-any": g(b"/any/x"),
    "require-any-env": g(b"/any/x", b"User-Agent: Bot 1\r\n"), "require-none": g(b"/none/x"), "require-method": g(b"/meth/x"),
    "require-method-post": g(b"/meth/x", m=b"POST"), "require-expr-no": g(b"/ex/x"), "require-expr-yes": g(b"/ex/x", b"X-Key: k\r\n"),
    "require-local": g(b"/local/x"), "require-ip-partial": g(b"/iprange/x"),
    "browsermatch-capture": g(b"/a/f.txt", b"User-Agent: Mozilla/5.0 (X)\r\n"),
    "body-over-limit": g(b"/body/f.txt", b"Content-Length: 20\r\n", m=b"POST", body=b"x" * 20),
    "chunked-over-limit": g(b"/body/f.txt", b"Transfer-Encoding: chunked\r\n", m=b"POST",
                            body=b"14\r\n" + b"x" * 20 + b"\r\n0\r\n\r\n"),
    "body-within-limit": g(b"/body/f.txt", b"Content-Length: 5\r\n", m=b"POST", body=b"hello"),
    # a body that can't be read replaces the answer being sent (with the "Additionally" note)
    "denied-bad-chunk": g(b"/body/deny", b"Transfer-Encoding: chunked\r\n", m=b"POST", body=b"3\r\nabcX\r\n0\r\n\r\n"),
    "denied-over-limit": g(b"/body/deny", b"Content-Length: 50\r\n", m=b"POST", body=b"x" * 50),
    "missing-bad-chunk": g(b"/nope", b"Transfer-Encoding: chunked\r\n", m=b"POST", body=b"zz\r\n"),
    "denied-body-then-pipelined": b"POST /body/deny HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc"
                                  b"GET /a/f.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
}


@pytest.fixture(scope="module")
def pair():
    yield from serve_pair(CONF, TREE)


@pytest.mark.parametrize("name", list(CASES))
def test_access(pair, name):
    check(pair, CASES[name], timeout=1.0)
