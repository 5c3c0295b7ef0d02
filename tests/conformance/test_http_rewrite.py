"""mod_rewrite served as Debian's apache2 serves it: rules in server context, in <Directory>
and .htaccess files (the front controllers of the corpus), a certbot-style https redirect
vhost, and a table of focused rules per flag, variable, condition type and map.

Each request is sent to both servers; status line, headers, body, access log line and the
error log (LogLevel rewrite:trace8 lines included, with the request/server ids masked) must
be identical."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .http_oracle import OraclePair, _diff, available, docroot_dir, make_tree

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
CORPUS = Path("/work/shared/corpus")
HEAD = f"""
ServerName localhost
ServerAdmin admin@example.com
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule authz_host_module {M}/mod_authz_host.so
LoadModule rewrite_module {M}/mod_rewrite.so
LoadModule alias_module {M}/mod_alias.so
LoadModule dir_module {M}/mod_dir.so
LoadModule mime_module {M}/mod_mime.so
LoadModule headers_module {M}/mod_headers.so
LoadModule env_module {M}/mod_env.so
LoadModule setenvif_module {M}/mod_setenvif.so
TypesConfig /etc/mime.types
LogFormat "%r %>s %b %{{FOO}}e %{{SCRIPT_URL}}e %{{SCRIPT_URI}}e %{{REDIRECT_URL}}e %{{HTTP_AUTHORIZATION}}e %{{proto}}e %f %U %q" rw
CustomLog logs/access_log rw
<Directory />
  Require all denied
  AllowOverride None
</Directory>
<Directory @DOCROOT@>
  Require all granted
  AllowOverride All
</Directory>
"""

_IDS = re.compile(r"(sid|rid)#[0-9a-f]+")
_ROOT = re.compile(r"/tmp/ap-(apache2|apachepy)\.[^/]+")      # each server's own ServerRoot


def _norm(line: str) -> str:
    return _ROOT.sub("ROOT", _IDS.sub(r"\1#X", line))


def check(pair: OraclePair, raw: bytes, timeout: float = 2.0) -> None:
    a, b = pair.exchange(raw, timeout)
    if a != b:
        raise AssertionError("responses differ (- apache2, + apachepy):\n" + _diff(a.decode("latin-1"),
                                                                                  b.decode("latin-1")))
    aa, oa, ae, oe = pair.new_log_lines()
    assert oa == aa, "access logs differ:\n" + _diff("\n".join(aa), "\n".join(oa))
    ae = [_norm(x) for x in ae]
    oe = [_norm(x) for x in oe]
    assert oe == ae, "error logs differ:\n" + _diff("\n".join(ae), "\n".join(oe))


def g(path: str, extra: str = "", m: str = "GET", host: str = "localhost") -> bytes:
    return f"{m} {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n".encode("latin-1")


def _pair(conf: str, tree: dict):
    docroot = make_tree(docroot_dir(), tree)
    p = OraclePair(HEAD + conf, docroot)
    return p, docroot


# -- server context: one rule (or a few) per flag, variable and condition type --------------------------

SERVER_CONF = r"""
LogLevel warn rewrite:trace8
Header always set X-Foo "%{FOO}e" env=FOO
Header always set X-Baz "%{BAZ}e" env=BAZ
SetEnvIf Request_URI "^/env" BAZ=preset
Alias /aliased @DOCROOT@/other
RewriteEngine on
RewriteMap upper int:toupper
RewriteMap lower int:tolower
RewriteMap esc int:escape
RewriteMap unesc int:unescape
RewriteMap txtmap txt:@DOCROOT@/maps/map.txt
RewriteMap rndmap rnd:@DOCROOT@/maps/rnd.txt
RewriteRule ^/l/(.*)$ /index.html?l=$1 [L]
RewriteRule ^/qsa/(.*)$ /index.html?a=$1 [QSA,L]
RewriteRule ^/qsd/ /index.html [QSD,L]
RewriteRule ^/qsd2/ /index.html?new=1 [QSD,L]
RewriteRule ^/qsl/(.*)$ /index.html?$1 [QSL,L]
RewriteRule ^/trailq/ /index.html? [L]
RewriteRule ^/qsatrail/ /index.html?x=1? [QSA,L]
RewriteRule ^/r301/(.*) /target/$1 [R=301,L]
RewriteRule ^/r302/(.*) http://other.example/$1 [R,L]
RewriteRule ^/rseeother /x [R=seeother,L]
RewriteRule ^/rperm /x [R=permanent,L]
RewriteRule ^/r418 - [R=451]
RewriteRule ^/r404 /x [R=404]
RewriteRule ^/ne/(.*) /target?q=$1 [R,NE,L]
RewriteRule ^/esc/(.*) "/tar get/$1" [R,L]
RewriteRule ^/b/(.*) /index.html?q=$1 [B,L]
RewriteRule ^/bnp/(.*) /index.html?q=$1 [B,BNP,L]
RewriteRule ^/bsel/(.*) /x?q=$1 [B=&?,R,L]
RewriteRule ^/bne/(.*) /x?q=$1 [B,BNE=/,R,L]
RewriteRule ^/unsafe/(.*) /index.html$1 [L]
RewriteRule ^/allow3f/(.*) /index.html$1 [UnsafeAllow3F,L]
RewriteRule ^/f - [F]
RewriteRule ^/g - [G]
RewriteRule ^/chain/a(.*) /chained$1 [C]
RewriteRule ^/chained(.*)x$ /t.txt [L]
RewriteRule ^/skip/ - [S=1]
RewriteRule ^/skip/ /t.txt [L]
RewriteRule ^/skip/ /index.html [L]
RewriteRule ^/n/(.*)a(.*)$ /n/$1b$2 [N]
RewriteRule ^/n/ /index.html [L]
RewriteRule ^/nloop/(.*)$ /nloop/x$1 [N=5]
RewriteRule ^/env - [E=FOO:bar,E=!BAZ]
RewriteRule ^/type/ /t.txt [T=Application/X-Foo,L]
RewriteRule ^/handler/ /t.txt [H=default-handler,L]
RewriteRule ^/cookie - [CO=name:value:example.com,CO=;semi;v;example.org;0;/p;1;true;Lax]
RewriteRule ^/NoCase /index.html [NC,L]
RewriteRule ^/pt/(.*) /aliased/$1 [PT,L]
RewriteRule ^/nopt/(.*) /aliased/$1 [L]
RewriteRule ^/fs/(.*) @DOCROOT@/$1 [L]
RewriteRule ^/dslash/(.*) //index.html [L]
RewriteRule ^/rel/(.*) index.html [L]
RewriteRule ^/implicit http://localhost/index.html
RewriteRule ^/implicit-other http://elsewhere.example/index.html
RewriteCond %{QUERY_STRING} (^|&)id=(\d+)
RewriteRule ^/cond/ /index.html?got=%2 [L]
RewriteCond %{HTTP_HOST} ^www\.(.+)$ [NC]
RewriteRule ^/host/(.*) http://%1/$1 [R=301,L]
RewriteCond %{HTTP:X-Test} =yes [OR]
RewriteCond %{HTTP:X-Other} ^on$
RewriteRule ^/or/ /t.txt [L]
RewriteCond %{HTTP:X-Test} =yes [NV]
RewriteRule ^/novary/ /t.txt [L]
RewriteCond %{DOCUMENT_ROOT}/t.txt -f
RewriteCond %{DOCUMENT_ROOT}/sub -d
RewriteCond %{DOCUMENT_ROOT}/t.txt -s
RewriteCond %{DOCUMENT_ROOT}/empty -s
RewriteRule ^/files1 /index.html?fail [L]
RewriteCond %{DOCUMENT_ROOT}/t.txt -f
RewriteCond %{DOCUMENT_ROOT}/sub -d
RewriteCond %{DOCUMENT_ROOT}/link -l
RewriteCond %{DOCUMENT_ROOT}/t.txt !-x
RewriteCond %{DOCUMENT_ROOT}/empty !-s
RewriteRule ^/files2 /index.html?ok [L]
RewriteCond /t.txt -U
RewriteRule ^/lookup-u /index.html?u [L]
RewriteCond @DOCROOT@/t.txt -F
RewriteRule ^/lookup-f /index.html?f [L]
RewriteCond %{QUERY_STRING} >m
RewriteCond %{QUERY_STRING} <=zz
RewriteCond %{QUERY_STRING} !=nope
RewriteCond %{QUERY_STRING} =""
RewriteRule ^/str /index.html?empty [L]
RewriteCond %{QUERY_STRING} >m
RewriteCond %{QUERY_STRING} <=zz [NC]
RewriteRule ^/str /index.html?lex [L]
RewriteCond %{QUERY_STRING} -lt5
RewriteRule ^/int /index.html?lt5 [L]
RewriteCond %{QUERY_STRING} -ge10
RewriteCond %{QUERY_STRING} !-ne12
RewriteRule ^/int /index.html?eq12 [L]
RewriteCond %{QUERY_STRING} -gt1
RewriteRule ^/int /index.html?gt1 [L]
RewriteCond expr "%{QUERY_STRING} =~ /^v=(\d+)$/"
RewriteRule ^/expr/ /index.html?v=%1 [L]
RewriteRule ^/vars/ /x?h=%{HTTP_HOST}&u=%{REQUEST_URI}&f=%{REQUEST_FILENAME}&https=%{HTTPS}&q=%{QUERY_STRING}&m=%{REQUEST_METHOD}&s=%{REQUEST_SCHEME}&p=%{SERVER_PORT}&n=%{SERVER_NAME}&a=%{API_VERSION}&pr=%{SERVER_PROTOCOL}&sw=%{SERVER_SOFTWARE}&dr=%{DOCUMENT_ROOT}&ra=%{REMOTE_ADDR}&ua=%{HTTP_USER_AGENT}&env=%{ENV:BAZ}&x=%{HTTP:X-Test}&sub=%{IS_SUBREQ}&adm=%{SERVER_ADMIN}&pi=%{PATH_INFO}&ck=%{HTTP_COOKIE}&ref=%{HTTP_REFERER}&cp=%{CONTEXT_PREFIX}&cdr=%{CONTEXT_DOCUMENT_ROOT}&bad=%{NOPE}&lc=%{http_host} [R,NE,L]
RewriteRule ^/thereq /x?%{THE_REQUEST} [R,L]
RewriteRule ^/map/(.*) /x?u=${upper:$1}&l=${lower:$1}&t=${txtmap:$1|dflt}&r=${rndmap:$1}&e=${esc:$1}&un=${unesc:$1}&nomap=${nomap:$1|d2} [R,NE,L]
RewriteRule ^/argsq/(.*) /index.html?a=$1 [L]
RewriteRule ^/ctl/(.*) /index.html?$1 [L]
RewriteRule ^/end/ /index.html [END]
RewriteRule ^/nsub/index\.html$ /t.txt [NS,L]
RewriteRule ^/ysub/index\.html$ /t.txt [L]
RewriteRule ^/lau/ /index.html?f=%{LA-U:REQUEST_FILENAME}&s=%{IS_SUBREQ} [L]
RewriteRule "^/quoted path/" /t.txt [L]
RewriteRule !^/(index\.html|t\.txt|sub|other|aliased|maps|d|endd|lld|nsub|ysub|vary|loc|bd|nb|ns|inh|inhb|symoff|dpi|sect|x|target|elsewhere|empty|link|favicon) /index.html?notmatched [L]
"""

SERVER_TREE = {"index.html": b"hello\n", "t.txt": b"text\n", "empty": b"", "sub/a.txt": b"a\n",
               "other/o.txt": b"other\n", "link": ("link", "t.txt"),
               "nsub/index.html": b"nsub\n", "ysub/index.html": b"ysub\n",
               "maps/map.txt": b"# comment\n key value1\nabc mapped-abc\nkey2   val2 extra\nABC upper\n",
               "maps/rnd.txt": b"abc one\n"}

SERVER_CASES = {
    "L-args": g("/l/xyz"), "qsa": g("/qsa/x?orig=1"), "qsa-noargs": g("/qsa/x"), "qsd": g("/qsd/?drop=1"),
    "qsd-new": g("/qsd2/?drop=1"), "qsl": g("/qsl/a?b?c"), "trailing-q": g("/trailq/?keep=no"),
    "qsa-trailing-q": g("/qsatrail/?o=2"), "r301": g("/r301/a/b?x=1"), "r302-abs": g("/r302/p%20q?z"),
    "r-seeother": g("/rseeother"), "r-permanent": g("/rperm?q=1"), "r418": g("/r418"), "r404": g("/r404"),
    "ne": g("/ne/a%20b"), "escape-redirect": g("/esc/%C3%A9?x=%20"), "b": g("/b/a b&c?d"),
    "bnp": g("/bnp/a b&c"), "b-selected": g("/bsel/a b&c?d/e"), "bne": g("/bne/a b/c&d"),
    "unsafe-3f": g("/unsafe/%3fx=1"), "allow-3f": g("/allow3f/%3fx=1"), "forbidden": g("/f"), "gone": g("/g"),
    "chain-match": g("/chain/abcx"), "chain-nomatch": g("/chain/zzz"), "chain-second-fails": g("/chain/abc"),
    "skip": g("/skip/"), "next": g("/n/aaa"), "next-limit": g("/nloop/y"), "env": g("/env"),
    "type": g("/type/"), "handler": g("/handler/"), "cookie": g("/cookie"), "nocase": g("/nocase"),
    "passthrough-alias": g("/pt/o.txt"), "no-passthrough": g("/nopt/o.txt"), "filesystem-path": g("/fs/t.txt"),
    "double-slash": g("/dslash/x"), "relative-result": g("/rel/x"), "implicit-local": g("/implicit"),
    "implicit-other": g("/implicit-other"), "cond-backref": g("/cond/?a=1&id=42"), "cond-fails": g("/cond/?id=x"),
    "host-cond": g("/host/p?q", host="WWW.Example.com"), "or-first": g("/or/", "X-Test: yes\r\n"),
    "or-second": g("/or/", "X-Other: on\r\n"), "or-none": g("/or/", "X-Test: no\r\n"),
    "novary": g("/novary/", "X-Test: yes\r\n"), "file-tests-fail": g("/files1"), "file-tests": g("/files2"),
    "lookup-u": g("/lookup-u"), "lookup-f": g("/lookup-f"), "str-empty": g("/str"), "str-lex": g("/str?n"),
    "str-none": g("/str?zzz"), "int-lt": g("/int?3"), "int-eq": g("/int?12"), "int-gt": g("/int?7"),
    "expr-backref": g("/expr/?v=77"), "expr-fails": g("/expr/?v=x"),
    "vars": g("/vars/?a=b", "User-Agent: UA/1\r\nX-Test: t\r\nCookie: c=1\r\nReferer: http://r/\r\n"),
    "vars-head": g("/vars/", m="HEAD"), "the-request": g("/thereq?x"), "maps": g("/map/abc"),
    "maps-miss": g("/map/zz%25"), "maps-key": g("/map/key"), "args-raw-space": g("/argsq/a%20b"),
    "args-control": g("/ctl/a%01b"), "end": g("/end/"), "quoted-pattern": g("/quoted%20path/"),
    "not-match": g("/nothing/here?x=1"), "not-match-skip": g("/index.html"), "dir-slash": g("/sub"),
    "options-star": b"OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    "post": g("/l/p", "Content-Length: 3\r\n", m="POST") + b"abc",
    "nosubreq-index": g("/nsub/"), "subreq-index": g("/ysub/"), "lookahead-u": g("/lau/x"),
}


@pytest.fixture(scope="module")
def server_pair():
    p, docroot = _pair(SERVER_CONF, SERVER_TREE)
    yield p
    p.close()
    shutil.rmtree(docroot, ignore_errors=True)


@pytest.mark.parametrize("name", list(SERVER_CASES))
def test_server_context(server_pair, name):
    check(server_pair, SERVER_CASES[name])


# -- directory context: .htaccess and <Directory> rules -------------------------------------------------

DIR_CONF = r"""
LogLevel warn rewrite:trace8
<Directory @DOCROOT@/sect>
  RewriteEngine on
  RewriteRule ^a$ t.txt [L]
  RewriteRule ^r$ /elsewhere [R=307,L]
</Directory>
<Location /loc>
  RewriteEngine on
  RewriteRule ^(.*)$ /t.txt?was=$1 [L]
</Location>
<Directory @DOCROOT@/symoff>
  Options -FollowSymLinks
</Directory>
"""

HT_ROOT = b"""RewriteEngine on
RewriteRule ^top$ t.txt [L]
"""
DIR_TREE = {
    "index.html": b"hello\n", "t.txt": b"text\n", ".htaccess": HT_ROOT,
    "d/.htaccess": b"RewriteEngine on\nRewriteRule ^y$ x.txt\nRewriteRule ^r$ target [R]\n"
                   b"RewriteRule ^abs$ http://example.com/abs [R=302]\nRewriteRule ^self$ self [L]\n"
                   b"RewriteRule ^(.*)\\.json$ x.txt?j=$1 [QSA,L]\nRewriteRule ^pi/(.*)$ x.txt [L]\n",
    "d/x.txt": b"x\n", "d/self": b"self\n", "d/sub/.keep": b"",
    "endd/.htaccess": b"RewriteEngine on\nRewriteRule ^a$ b [END]\nRewriteRule ^b$ c [L]\n",
    "endd/b": b"b\n", "endd/c": b"c\n",
    "lld/.htaccess": b"RewriteEngine on\nRewriteRule ^a$ b [L]\nRewriteRule ^b$ c [L]\n", "lld/b": b"b\n", "lld/c": b"c\n",
    "bd/.htaccess": b"RewriteEngine on\nRewriteBase /based/\nRewriteRule ^x$ t.txt [L]\nRewriteRule ^r$ t.txt [R=301,L]\n"
                    b"RewriteRule ^a$ http://localhost/PLACEHOLDER [R,L]\n",
    "bd/t.txt": b"bd\n",
    "nb/.htaccess": b"RewriteEngine on\nRewriteRule ^x$ /t.txt [L]\nRewriteRule ^in$ in.txt [DPI,L]\n",
    "nb/in.txt": b"in\n",
    "ns/.htaccess": b"RewriteEngine on\nRewriteOptions AllowNoSlash\nRewriteRule ^$ ns.txt [L]\n", "ns/ns.txt": b"ns\n",
    "inh/.htaccess": b"RewriteEngine on\nRewriteRule ^p$ /t.txt [L]\n",
    "inh/c/.htaccess": b"RewriteEngine on\nRewriteOptions Inherit\nRewriteRule ^c$ /index.html [L]\n",
    "inh/n/.htaccess": b"RewriteEngine on\nRewriteRule ^c$ /index.html [L]\n",
    "inh/o/.htaccess": b"Header set X-Other-Dir yes\n",
    "inhb/.htaccess": b"RewriteEngine on\nRewriteRule ^(.*)$ /t.txt [L]\n",
    "inhb/c/.htaccess": b"RewriteEngine on\nRewriteOptions InheritBefore\nRewriteRule ^(.*)$ /index.html [L]\n",
    "symoff/.htaccess": b"RewriteEngine on\nRewriteRule ^a$ /t.txt\n",
    "off/.htaccess": b"RewriteEngine off\nRewriteRule ^a$ /t.txt\n",
    "sect/t.txt": b"sect\n", "loc/x": b"x\n",
    "vary/.htaccess": b"RewriteEngine on\nRewriteCond %{HTTP:X-Lang} ^fr\nRewriteRule ^p$ fr.txt [T=text/x-fr,L]\n",
    "vary/fr.txt": b"fr\n", "vary/p": b"p\n",
    "dpi/.htaccess": b"RewriteEngine on\nRewriteRule ^f\\.txt/(.*)$ g.txt [L]\nRewriteRule ^h\\.txt/(.*)$ g.txt [DPI,L]\n",
    "dpi/f.txt": b"f\n", "dpi/g.txt": b"g\n", "dpi/h.txt": b"h\n",
}

DIR_CASES = {
    "root-rule": g("/top"), "internal": g("/d/y"), "perdir-redirect-physical": g("/d/r"),
    "perdir-redirect-abs": g("/d/abs?q=1"), "self-ignored": g("/d/self"), "qsa-perdir": g("/d/data.json?x=1"),
    "path-info": g("/d/pi/extra"), "subdir-unaffected": g("/d/sub/"), "no-slash-declines": g("/d"),
    "end": g("/endd/a"), "l-runs-again": g("/lld/a"), "base-internal": g("/bd/x"), "base-redirect": g("/bd/r"),
    "base-abs": g("/bd/a"), "no-base-root": g("/nb/x"), "dpi-internal": g("/nb/in"),
    "allownoslash": g("/ns"), "inherit": g("/inh/c/p"), "inherit-own": g("/inh/c/c"),
    "no-inherit": g("/inh/n/p"), "other-htaccess": g("/inh/o/p"), "inherit-before": g("/inhb/c/x"),
    "symlinks-off": g("/symoff/a"), "engine-off": g("/off/a"), "directory-section": g("/sect/a"),
    "directory-section-redirect": g("/sect/r?q=1"), "dpi-keeps": g("/dpi/f.txt/more"),
    "dpi-discards": g("/dpi/h.txt/more"), "root-index": g("/"), "vary-kept": g("/vary/p", "X-Lang: fr\r\n"),
    "vary-nomatch": g("/vary/p", "X-Lang: de\r\n"), "location-rules": g("/loc/x?q=1"),
}


@pytest.fixture(scope="module")
def dir_pair():
    p, docroot = _pair(DIR_CONF, DIR_TREE)
    yield p
    p.close()
    shutil.rmtree(docroot, ignore_errors=True)


@pytest.mark.parametrize("name", list(DIR_CASES))
def test_directory_context(dir_pair, name):
    check(dir_pair, DIR_CASES[name])


# -- the corpus' .htaccess front controllers -----------------------------------------------------------

def _read(case: str, rel: str) -> bytes:
    return (CORPUS / case / "conf" / "htdocs" / rel).read_bytes()


CORPUS_CASES = {
    # Laravel: Authorization passed on, trailing slashes redirected, everything else to index.php
    "htaccess-laravel": ({"public/.htaccess": ("htaccess-laravel", "public/.htaccess"), "public/index.php": b"<?php //laravel\n",
                          "public/css/app.css": b"body{}\n", "public/dir/": None},
                         [g("/public/"), g("/public/users/5"), g("/public/users/5/"), g("/public/css/app.css"),
                          g("/public/dir/"), g("/public/api", "Authorization: Bearer x\r\nX-XSRF-Token: t\r\n"),
                          g("/public/a?b=c")]),
    # CakePHP: the app root sends everything to webroot/, whose .htaccess has the front controller
    "htaccess-cakephp": ({"app/.htaccess": ("htaccess-cakephp", "app/.htaccess"),
                          "app/webroot/.htaccess": ("htaccess-cakephp", "webroot/.htaccess"),
                          "app/webroot/index.php": b"<?php //cake\n", "app/webroot/img/x.png": b"PNG",
                          "app/.well-known/acme": b"acme\n"},
                         [g("/app/"), g("/app/posts/view/1"), g("/app/img/x.png"), g("/app/.well-known/acme"),
                          g("/app/webroot/index.php")]),
    # Grav: exploit blocks (F), sensitive folders, index.php front controller
    "htaccess-grav": ({"grav/.htaccess": ("htaccess-grav", "grav/.htaccess"), "grav/index.php": b"<?php //grav\n",
                       "grav/user/pages/a.md": b"# a\n", "grav/user/accounts/admin.yaml": b"x: 1\n",
                       "grav/system/x.txt": b"s\n", "grav/assets/a.css": b"a{}\n", "grav/LICENSE.txt": b"L\n"},
                      [g("/grav/"), g("/grav/blog/post"), g("/grav/x?q=base64_encode(a)"), g("/grav/x?{{7*7}}"),
                       g("/grav/user/pages/a.md"), g("/grav/user/accounts/admin.yaml"), g("/grav/system/x.txt"),
                       g("/grav/assets/a.css"), g("/grav/.git/config"), g("/grav/LICENSE.txt"), g("/grav/cache/x")]),
    # October CMS: blocked and allowed folders, PHP files other than index.php
    "htaccess-octobercms": ({"october/.htaccess": ("htaccess-octobercms", "october/.htaccess"),
                             "october/index.php": b"<?php //october\n", "october/config/app.php": b"<?php\n",
                             "october/themes/demo/assets/a.css": b"a{}\n", "october/themes/demo/layout.htm": b"l\n",
                             "october/modules/x.php": b"<?php\n", "october/storage/app/media/m.jpg": b"J"},
                            [g("/october/"), g("/october/blog"), g("/october/config/app.php"),
                             g("/october/themes/demo/assets/a.css"), g("/october/themes/demo/layout.htm"),
                             g("/october/modules/x.php"), g("/october/storage/app/media/m.jpg"),
                             g("/october/x", "Authorization: Basic Zm9v\r\n")]),
    # ProcessWire: env by HTTPS, blocked paths, index.php?it= with QSA; ErrorDocument, Files, FilesMatch
    "htaccess-processwire": ({"pw/.htaccess": ("htaccess-processwire", "processwire/.htaccess"),
                              "pw/index.php": b"<?php //pw\n", "pw/site/config.php": b"<?php\n",
                              "pw/site/assets/files/a.jpg": b"J", "pw/wire/core/x.php": b"<?php\n",
                              "pw/README.md": b"r\n", "pw/favicon.ico": b"ico"},
                             [g("/pw/"), g("/pw/about/?x=1"), g("/pw/site/config.php"),
                              g("/pw/site/assets/files/a.jpg"), g("/pw/wire/core/x.php"), g("/pw/README.md"),
                              g("/pw/.htaccess"), g("/pw/favicon.ico"), g("/pw/robots.txt"), g("/pw/a%20b")]),
}


@pytest.mark.parametrize("case", list(CORPUS_CASES))
def test_corpus_htaccess(case):
    files, requests = CORPUS_CASES[case]
    tree = {"index.html": b"root\n"}
    for rel, content in files.items():
        tree[rel] = _read(*content) if isinstance(content, tuple) else content
    p, docroot = _pair("LogLevel warn rewrite:trace3\n", tree)
    try:
        for raw in requests:
            check(p, raw)
    finally:
        p.close()
        shutil.rmtree(docroot, ignore_errors=True)


# -- a certbot-style http -> https redirect vhost ------------------------------------------------------

CERTBOT_CONF = r"""
LogLevel warn rewrite:trace2
<VirtualHost *:@PORT@>
  ServerName example.com
  ServerAlias www.example.com
  RewriteEngine on
  RewriteCond %{SERVER_NAME} =www.example.com [OR]
  RewriteCond %{SERVER_NAME} =example.com
  RewriteRule ^ https://%{SERVER_NAME}%{REQUEST_URI} [END,NE,R=permanent]
</VirtualHost>
<VirtualHost *:@PORT@>
  ServerName plain.example
  RewriteEngine On
  RewriteCond %{HTTPS} off
  RewriteRule (.*) https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]
</VirtualHost>
<VirtualHost *:@PORT@>
  ServerName inherit.example
  RewriteOptions Inherit
</VirtualHost>
RewriteEngine on
RewriteRule ^/main-only /t.txt [L]
"""


def test_certbot_redirect_vhost():
    p, docroot = _pair(CERTBOT_CONF, {"index.html": b"hello\n", "t.txt": b"t\n"})
    try:
        for raw in (g("/", host="example.com"), g("/a%20b?x=1", host="www.example.com"),
                    g("/x?y", host="plain.example"), g("/main-only", host="plain.example"),
                    g("/main-only", host="inherit.example"), g("/main-only", host="localhost"),
                    g("/p", host="other.example")):
            check(p, raw)
    finally:
        p.close()
        shutil.rmtree(docroot, ignore_errors=True)


# -- configuration errors -------------------------------------------------------------------------------

@pytest.mark.parametrize("line,message", [
    ("RewriteRule ^a b [R=418]", "RewriteRule: invalid HTTP response code '418' for flag 'R'"),
    ("RewriteRule ^a b [R=299]", "RewriteRule: invalid HTTP response code '299' for flag 'R'"),
    ("RewriteRule ^a b [BNE]", "RewriteRule: flag 'BNE' wants a list of characters (i.e. [BNE=...])"),
    ("RewriteRule ^a b [L,X]", "RewriteRule: unknown flag 'X'"),
    ("RewriteCond %{HTTPS} on [NC,Y]", "RewriteCond: unknown flag 'Y'"),
    ("RewriteBase /x", "RewriteBase: only valid in per-directory config files"),
    ("RewriteMap m int:nosuch", "RewriteMap: internal map not found:nosuch"),
    ("RewriteMap m txt:/nonexistent/map.txt", "RewriteMap: file for map m not found:/nonexistent/map.txt"),
])
def test_config_errors(tmp_path, line, message):
    import subprocess
    import sys
    from tests.support.servers import REPO
    conf = tmp_path / "httpd.conf"
    conf.write_text(f"ServerRoot {tmp_path}\nLoadModule mpm_event_module {M}/mod_mpm_event.so\n"
                    f"LoadModule rewrite_module {M}/mod_rewrite.so\n{line}\n")
    ours = subprocess.run([sys.executable, "-m", "apachepy", "-t", "-f", str(conf)], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    theirs = subprocess.run(["apache2", "-t", "-f", str(conf)], capture_output=True, text=True, timeout=60)
    assert message in theirs.stderr
    assert (ours.returncode, ours.stderr) == (theirs.returncode, theirs.stderr)
