"""mod_alias, mod_headers, mod_autoindex, mod_env/mod_setenvif, ErrorDocument, ServerSignature,
AddDefaultCharset and mod_log_config's format directives, against Debian's apache2."""
from __future__ import annotations

import shutil

import pytest

from .http_oracle import serve_pair, OraclePair, available, check, docroot_dir, make_tree

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
CONF = f"""
ServerName main.example
ServerAdmin admin@example.com
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule authz_host_module {M}/mod_authz_host.so
LoadModule mime_module {M}/mod_mime.so
LoadModule dir_module {M}/mod_dir.so
LoadModule alias_module {M}/mod_alias.so
LoadModule headers_module {M}/mod_headers.so
LoadModule autoindex_module {M}/mod_autoindex.so
LoadModule env_module {M}/mod_env.so
LoadModule setenvif_module {M}/mod_setenvif.so
TypesConfig /etc/mime.types
LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{{Referer}}i\\" \\"%{{User-Agent}}i\\" %v %V %p %H %m %U %q %f %X %k %B %R %{{X-Test}}o %{{Content-Type}}o %s %<s %>s %400,404{{User-Agent}}i %!200{{User-Agent}}i %{{FOO}}e %{{BAR}}e %{{c}}a %A %{{canonical}}p %I %O %S %{{cookie1}}C %{{note}}n" full
CustomLog logs/access_log full
ServerSignature On
AddDefaultCharset On
Header set X-Main main
Header always set X-Always yes
SetEnv FOO bar
SetEnvIf User-Agent "^Bot/(\\d)" BAR=bot$1
<Directory />
  Require all denied
</Directory>
<Directory @DOCROOT@>
  Require all granted
  AllowOverride None
</Directory>
<Directory @DOCROOT@/priv>
  Require ip 10.0.0.1
</Directory>
<Directory @DOCROOT@/ht>
  AllowOverride All
</Directory>
<Directory @DOCROOT@/noidx>
  Options -Indexes
  DirectoryIndex missing.html
</Directory>
<Directory @DOCROOT@/idx>
  Options +Indexes
  IndexIgnore *.bak
</Directory>
Alias /al @DOCROOT@/other
Alias /alfile @DOCROOT@/other/o.txt
AliasMatch ^/am/(.*)$ @DOCROOT@/other/$1
Redirect /old http://example.com/new
Redirect 302 /p /elsewhere
RedirectMatch 301 ^/rm/(.*)$ /x/$1
Redirect gone /gone
Redirect permanent /perm http://example.com/perm
<Location /loc>
  Header set X-Loc loc
  Require all denied
</Location>
<Location /lredir>
  Redirect 307 http://example.com/lr
</Location>
<Files "t.txt">
  Header set X-Files files
  Header append X-Files more
  Header add X-Added one
  Header add X-Added two
  Header unset X-Main
</Files>
ErrorDocument 404 "Custom not found"
ErrorDocument 410 /index.html
ErrorDocument 405 "Method %{{REQUEST_METHOD}} is not allowed here"
"""

TREE = {"index.html": b"hello\n", "t.txt": b"text file\n", "sub/a.txt": b"abc", "priv/s.txt": b"secret\n",
        "ht/a.txt": b"ht\n", "ht/.htaccess": b"Options +Indexes\nHeader set X-Ht yes\n", "noidx/f.html": b"x\n",
        "other/o.txt": b"other\n", "other/d/x.txt": b"x", "idx/b.txt": b"b", "idx/a.txt": b"a", "idx/sub/": None,
        "idx/skip.bak": b"bak", "idx/A.txt": b"A", "idx/we ird&.txt": b"w"}

H = b"Host: localhost\r\n"


def g(path: bytes, extra: bytes = b"", m: bytes = b"GET", host: bytes = H) -> bytes:
    return m + b" " + path + b" HTTP/1.1\r\n" + host + extra + b"Connection: close\r\n\r\n"


CASES = {
    "file-with-log-fields": g(b"/index.html?x=1", b"Referer: http://r/\r\nUser-Agent: UA/1.0\r\nCookie: a=1; cookie1=v1\r\n"),
    "files-section-headers": g(b"/t.txt"), "custom-404-text": g(b"/missing"), "custom-404-head": g(b"/missing", m=b"HEAD"),
    "require-ip-denied": g(b"/priv/s.txt"), "htaccess-header": g(b"/ht/a.txt"), "htaccess-indexes": g(b"/ht/"),
    "no-indexes-403": g(b"/noidx/"), "no-index-file-403": g(b"/sub/"), "autoindex": g(b"/idx/"),
    "autoindex-head": g(b"/idx/", m=b"HEAD"), "alias-file": g(b"/al/o.txt"), "alias-dir-slash": g(b"/al"),
    "alias-to-file": g(b"/alfile"), "aliasmatch": g(b"/am/o.txt"), "alias-subdir": g(b"/al/d"),
    "redirect": g(b"/old/sub?q=1"), "redirect-relative": g(b"/p"), "redirectmatch": g(b"/rm/abc"),
    "redirect-gone": g(b"/gone"), "redirect-permanent": g(b"/perm/x"), "location-redirect": g(b"/lredir/a?b=c"),
    "location-denied": g(b"/loc"), "location-denied-sub": g(b"/loc/x"), "errordoc-405-expr": g(b"/index.html", m=b"PUT"),
    "host-with-port": g(b"/nope", host=b"Host: Example.COM:9999\r\n"),
    "log-escaping": g(b"/index.html?x=1", b'User-Agent: a"b\\c\xe9\r\n'),
    "slash-redirect-host": g(b"/sub"), "slash-redirect-ip-port": g(b"/sub", host=b"Host: 127.0.0.1:8081\r\n"),
    "setenvif": g(b"/index.html", b"User-Agent: Bot/7 (x)\r\n"), "options-star": g(b"*", m=b"OPTIONS"),
}


@pytest.fixture(scope="module")
def pair():
    yield from serve_pair(CONF, TREE)


@pytest.mark.parametrize("name", list(CASES))
def test_modules(pair, name):
    check(pair, CASES[name], timeout=1.0)


TOKENS_CONF = """
ServerName localhost
ServerTokens {tokens}
ServerSignature EMail
ServerAdmin webmaster@example.com
AddDefaultCharset utf-8
FileETag {etag}
TraceEnable off
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
TypesConfig /etc/mime.types
LogFormat "%{{%Y}}t %{{sec}}t \\"%r\\" %>s %b %I %O %X %k %D" t
CustomLog logs/access_log t
<Directory @DOCROOT@>
  Require all granted
</Directory>
"""


@pytest.mark.parametrize("tokens,etag", [("Prod", "INode MTime Size"), ("Major", "None"), ("Minor", "MTime"),
                                         ("Minimal", "Size"), ("OS", "All"), ("Full", "MTime Size")])
def test_server_tokens_etag_signature(tokens, etag):
    docroot = make_tree(docroot_dir(), {"index.html": b"hello\n", "t.txt": b"text\n"})
    p = OraclePair(TOKENS_CONF.format(tokens=tokens, etag=etag), docroot)
    try:
        for raw in (g(b"/index.html"), g(b"/t.txt"), g(b"/missing"), g(b"/index.html", m=b"TRACE")):
            a, b = p.exchange(raw, 1.0)
            assert b == a, (raw, a, b)
    finally:
        p.close()
        shutil.rmtree(docroot, ignore_errors=True)


CONF2 = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule dir_module {M}/mod_dir.so
LoadModule alias_module {M}/mod_alias.so
TypesConfig /etc/mime.types
LogFormat "\\"%r\\" %>s %b %f %U %R" t
CustomLog logs/access_log t
<Directory @DOCROOT@>
  Require all granted
</Directory>
<Directory @DOCROOT@/app>
  FallbackResource /app/front.html
</Directory>
<Directory @DOCROOT@/redir>
  Redirect /redir/old http://example.com/new
  RedirectMatch 303 ^/redir/m(.*)$ http://example.com/m$1
</Directory>
<Directory @DOCROOT@/noslash>
  DirectorySlash Off
</Directory>
<Directory @DOCROOT@/idxr>
  DirectoryIndexRedirect on
</Directory>
<Location /loca>
  Redirect permanent http://example.com/loca
</Location>
ScriptAlias /cgi/ @DOCROOT@/app/
"""
TREE2 = {"app/front.html": b"front\n", "idxr/index.html": b"i\n", "noslash/x": b"x\n", "redir/": None}
CASES2 = {"fallback": g(b"/app/some/route?x=1"), "fallback-existing": g(b"/app/front.html"), "fallback-dir": g(b"/app/"),
          "dir-redirect": g(b"/redir/old/a?b"), "dir-redirectmatch": g(b"/redir/mxyz"), "no-directoryslash": g(b"/noslash"),
          "index-redirect": g(b"/idxr/"), "index-redirect-query": g(b"/idxr/?q=1"), "location-redirect-expr": g(b"/loca/x"),
          "scriptalias-without-cgi": g(b"/cgi/front.html")}


@pytest.fixture(scope="module")
def pair2():
    docroot = make_tree(docroot_dir(), TREE2)
    p = OraclePair(CONF2, docroot)
    yield p
    p.close()
    shutil.rmtree(docroot, ignore_errors=True)


@pytest.mark.parametrize("name", list(CASES2))
def test_dir_and_alias(pair2, name):
    check(pair2, CASES2[name], timeout=1.0)
