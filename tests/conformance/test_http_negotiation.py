"""mod_negotiation (MultiViews, type maps, LanguagePriority / ForceLanguagePriority, the TCN
headers, the 300/406 variant lists) and mod_mime's MultiviewsMatch, against Debian's apache2."""
from __future__ import annotations

import re

import pytest

from .http_oracle import serve_pair, available, check

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
CONF = f"""
ServerName main.example
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule authz_host_module {M}/mod_authz_host.so
LoadModule mime_module {M}/mod_mime.so
LoadModule negotiation_module {M}/mod_negotiation.so
LoadModule dir_module {M}/mod_dir.so
LoadModule setenvif_module {M}/mod_setenvif.so
LoadModule alias_module {M}/mod_alias.so
TypesConfig /etc/mime.types
LogFormat "%h \\"%r\\" %>s %b %U %f \\"%{{Content-Type}}o\\" %{{Vary}}o %{{Content-Location}}o" neg
CustomLog logs/access_log neg
AddLanguage en .en
AddLanguage fr .fr
AddLanguage de .de
AddLanguage en-gb .en-gb
AddCharset iso-8859-2 .latin2
AddCharset utf-8 .utf8
AddEncoding x-gzip .gz
AddEncoding x-compress .Z
AddType "text/html;qs=0.5" .lowq
AddHandler type-map .var
SetEnvIf User-Agent ^NoGzip no-gzip
SetEnvIf User-Agent ^GzHtml gzip-only-text/html=1
SetEnvIf User-Agent ^PreferDe prefer-language=de
<Directory />
  Require all denied
</Directory>
<Directory @DOCROOT@>
  Require all granted
  Options MultiViews
  AllowOverride All
</Directory>
<Directory @DOCROOT@/prio>
  LanguagePriority fr en de
</Directory>
<Directory @DOCROOT@/prio/fb>
  ForceLanguagePriority Fallback
</Directory>
<Directory @DOCROOT@/prio/none>
  ForceLanguagePriority None
</Directory>
<Directory @DOCROOT@/prio/both>
  ForceLanguagePriority Prefer Fallback
  LanguagePriority de
</Directory>
<Directory @DOCROOT@/debian>
  # Debian's mods-available/negotiation.conf, and the manual's way of serving type maps
  Include /etc/apache2/mods-available/negotiation.conf
  <Files *.html>
    SetHandler type-map
  </Files>
</Directory>
SetEnvIf Request_URI ^/debian/(de|fr)/ prefer-language=$1
AliasMatch ^/debian/(?:de|fr)/(.*)$ @DOCROOT@/debian/$1
<Directory @DOCROOT@/dir2>
  DirectoryIndex index.html index.htm
</Directory>
<Directory @DOCROOT@/nomulti>
  Options -MultiViews
</Directory>
<Directory @DOCROOT@/handlers>
  MultiviewsMatch Handlers
</Directory>
<Directory @DOCROOT@/any>
  MultiviewsMatch Any
</Directory>
<Directory @DOCROOT@/denied>
  <Files "secret.html.en">
    Require all denied
  </Files>
</Directory>
ErrorDocument 404 "nothing here"
<VirtualHost 127.0.0.1:@PORT@>
  ServerName localhost
</VirtualHost>
<VirtualHost 127.0.0.1:@PORT@>
  ServerName cached.example
  CacheNegotiatedDocs On
</VirtualHost>
"""

MAP = b"""# a type map
URI: doc

URI: doc.html.en
Content-Type: text/html
Content-Language: en

URI: doc.html.fr
Content-Type: text/html; charset=iso-8859-1
Content-Language: fr
Description: "en fran\xe7ais"

URI: doc.txt
Content-Type: text/plain; qs=0.4
Content-Length: 4
"""

BODYMAP = b"""URI: inline
Content-Type: text/html
Content-Language: en
Body:----en----
<p>hello</p>
----en----

URI: inline
Content-Type: text/plain
Content-Language: de
Body:==de==
Hallo
==de==
"""

TREE = {
    "index.html.en": b"<p>english index</p>\n", "index.html.fr": b"<p>index fran\xe7ais</p>\n",
    "foo.html": b"<p>foo html</p>\n", "foo.txt": b"foo text\n", "foo.html.gz": b"\x1f\x8bgzipped-ish\n",
    "bar.html.en": b"<p>bar en</p>\n", "bar.html.de": b"<p>bar de, a bit longer</p>\n",
    "bar.html.en-gb": b"<p>bar en-gb</p>\n",
    "cs.html.latin2": b"latin2\n", "cs.html.utf8": b"utf8 text\n",
    "enc.txt": b"plain\n", "enc.txt.gz": b"gz\n", "enc.txt.Z": b"Z!\n",
    "q.lowq": b"<p>low q</p>\n", "q.txt": b"q text\n",
    "only.html": b"<p>only</p>\n",
    "unknown.xyz1": b"?\n",
    "doc.var": MAP, "doc.html.en": b"<p>doc en</p>\n", "doc.html.fr": b"<p>doc fr</p>\n", "doc.txt": b"doc\n",
    "inline.var": BODYMAP,
    "badlen.var": b"URI: doc.html.en\nContent-Type: text/html\n\nURI: doc.txt\nContent-Type: text/plain\n"
                  b"Content-Length: 12x\n\nURI: doc.html.fr\nContent-Type: text/html\n",
    "noend.var": b"URI: doc.txt\nContent-Type: text/plain\n\nURI: x\nContent-Type: text/html\nBody:--end--\nno end\n",
    "ghost.var": b"URI: ghost.html\nContent-Type: text/html\n",
    "rec.var": b"URI: doc.var\nContent-Type: text/html\n",
    "cont.var": b"URI: doc.html.fr\nContent-Type: text/html;\n  qs=0.9 # trailing\n# a comment\nContent-Language:\n fr\n"
                b"Description: two\n  lines (and a comment)\n\nURI: doc.txt\nContent-Type: text/plain\n",
    "prio/p.html.en": b"<p>p en</p>\n", "prio/p.html.fr": b"<p>p fr</p>\n", "prio/p.html.de": b"<p>p de</p>\n",
    "prio/fb/p.html.en": b"<p>fb en</p>\n", "prio/fb/p.html.fr": b"<p>fb fr</p>\n",
    "prio/none/p.html.en": b"<p>none en</p>\n", "prio/none/p.html.fr": b"<p>none fr</p>\n",
    "prio/both/p.html.en": b"<p>both en</p>\n", "prio/both/p.html.de": b"<p>both de</p>\n",
    "nomulti/n.html": b"<p>n</p>\n",
    "debian/page.html": b"URI: page.html.en\nContent-Language: en\nContent-Type: text/html; charset=ISO-8859-1\n\n"
                        b"URI: page.html.fr\nContent-Language: fr\nContent-Type: text/html; charset=ISO-8859-1\n\n"
                        b"URI: page.html.pt-br\nContent-Language: pt-br\nContent-Type: text/html; charset=ISO-8859-1\n",
    "debian/page.html.en": b"<p>en</p>\n", "debian/page.html.fr": b"<p>fr</p>\n", "debian/page.html.pt-br": b"<p>pt</p>\n",
    "debian/m.html.de": b"<p>de</p>\n", "debian/m.html.zh-cn": b"<p>zh</p>\n",
    "dir2/index.html.en": b"<p>dir2 en</p>\n", "dir2/index.html.de": b"<p>dir2 de</p>\n",
    "nocolon.var": b"URI: doc.txt\nContent-Type: text/plain\nno colon here\n",
    "handlers/h.var": b"URI: h.html\nContent-Type: text/html\n", "handlers/h.html": b"<p>h</p>\n",
    "any/a.html.weird": b"<p>weird ext</p>\n",
    "denied/secret.html.en": b"<p>secret</p>\n", "denied/secret.html.fr": b"<p>secret fr</p>\n",
    "dir/index.html.en": b"<p>dir en</p>\n", "dir/index.html.de": b"<p>dir de</p>\n",
    "ht/.htaccess": b"LanguagePriority de en\nForceLanguagePriority Prefer Fallback\n",
    "ht/x.html.en": b"<p>ht en</p>\n", "ht/x.html.de": b"<p>ht de</p>\n",
}

H = b"Host: localhost\r\n"


def g(path: bytes, extra: bytes = b"", m: bytes = b"GET", proto: bytes = b"HTTP/1.1") -> bytes:
    return m + b" " + path + b" " + proto + b"\r\n" + H + extra + b"Connection: close\r\n\r\n"


AL = b"Accept-Language: "
CASES = {
    # MultiViews on the language dimension, with q-values and the en-US fiddle
    "index-no-accept": g(b"/index.html"), "index-fr": g(b"/index.html", AL + b"fr\r\n"),
    "index-en-q": g(b"/index.html", AL + b"fr;q=0.5, en;q=0.8\r\n"),
    "index-prefix-fiddle": g(b"/index.html", AL + b"en-US\r\n"),
    "index-star": g(b"/index.html", AL + b"de, *;q=0.1\r\n"),
    "index-406": g(b"/index.html", AL + b"de\r\n"), "index-406-head": g(b"/index.html", AL + b"de\r\n", b"HEAD"),
    "index-slash": g(b"/", AL + b"fr\r\n"), "dir-index-406": g(b"/dir/", AL + b"fr\r\n"),
    "index-http10": g(b"/index.html", AL + b"fr\r\n", proto=b"HTTP/1.0"),
    "bar-longest-match": g(b"/bar", AL + b"en-gb, en;q=0.9\r\n"),
    "bar-en": g(b"/bar.html", AL + b"en\r\n"), "bar-none": g(b"/bar"),
    # the type and encoding dimensions
    "foo-no-accept": g(b"/foo"), "foo-text": g(b"/foo", b"Accept: text/plain\r\n"),
    "foo-html-q": g(b"/foo", b"Accept: text/plain;q=0.5, text/html\r\n"),
    "foo-wild": g(b"/foo", b"Accept: text/*;q=0.3, */*;q=0.1\r\n"),
    "foo-gzip": g(b"/foo", b"Accept: text/html, application/gzip\r\nAccept-Encoding: gzip\r\n"),
    "foo-identity-0": g(b"/foo", b"Accept: text/html;q=0.9, application/*\r\nAccept-Encoding: gzip, identity;q=0\r\n"),
    "foo-406-type": g(b"/foo", b"Accept: image/png\r\n"),
    "foo-post": g(b"/foo", b"Content-Length: 0\r\n", b"POST"),
    "foo-args": g(b"/foo?a=b"), "foo-path-info": g(b"/foo/extra"),
    "enc-x-gzip": g(b"/enc", b"Accept-Encoding: x-gzip\r\n"),
    "enc-compress": g(b"/enc", b"Accept-Encoding: compress;q=0.9, gzip;q=0.5, identity;q=0.1\r\n"),
    "enc-no-gzip-env": g(b"/enc", b"Accept-Encoding: gzip, identity;q=0\r\nUser-Agent: NoGzip\r\n"),
    "enc-gzip-only-html": g(b"/enc", b"Accept-Encoding: gzip\r\nUser-Agent: GzHtml\r\n"),
    "file-gz-fix-encoding": g(b"/enc.txt.gz", b"Accept-Encoding: gzip\r\n"),
    "file-gz-x-encoding": g(b"/enc.txt.gz", b"Accept-Encoding: x-gzip\r\n"),
    # charsets, source quality
    "cs-latin2": g(b"/cs", b"Accept-Charset: iso-8859-2\r\n"), "cs-none": g(b"/cs"),
    "cs-406": g(b"/cs", b"Accept-Charset: koi8-r\r\n"), "cs-star": g(b"/cs", b"Accept-Charset: *;q=0.5, utf-8\r\n"),
    "qs-low": g(b"/q"), "qs-accept-html": g(b"/q", b"Accept: text/html\r\n"),
    # transparent negotiation (RFC 2295)
    "tcn-trans": g(b"/index.html", b"Negotiate: trans\r\n" + AL + b"fr\r\n"),
    "tcn-vlist": g(b"/foo", b"Negotiate: vlist\r\n"), "tcn-rvsa": g(b"/bar", b"Negotiate: 1.0\r\n" + AL + b"de\r\n"),
    "tcn-rvsa-indefinite": g(b"/bar", b"Negotiate: 1.0\r\n"), "tcn-star": g(b"/foo", b"Negotiate: *\r\n"),
    "tcn-lynx": g(b"/foo", b"Negotiate: trans\r\nUser-Agent: Lynx/2.8\r\n"),
    "single-variant": g(b"/only"), "single-variant-10": g(b"/only", proto=b"HTTP/1.0"),
    "index-http10-cached": g(b"/index.html", AL + b"fr\r\nHost: cached.example\r\n", proto=b"HTTP/1.0"),
    "map-http10": g(b"/doc.var", AL + b"fr\r\n", proto=b"HTTP/1.0"),
    "map-http10-cached": g(b"/doc.var", AL + b"fr\r\nHost: cached.example\r\n", proto=b"HTTP/1.0"),
    # nothing to negotiate, or not allowed to
    "unknown-ext-404": g(b"/unknown"), "missing-404": g(b"/nothing"), "nomulti": g(b"/nomulti/n"),
    "denied-variant": g(b"/denied/secret", AL + b"en\r\n"),
    # type maps
    "map-en": g(b"/doc.var", AL + b"en\r\n"), "map-fr": g(b"/doc.var", AL + b"fr\r\n"),
    "map-text": g(b"/doc.var", b"Accept: text/plain\r\n"), "map-406": g(b"/doc.var", b"Accept: image/*\r\n"),
    "map-args": g(b"/doc.var?x=1", AL + b"fr\r\n"), "map-post": g(b"/doc.var", b"Content-Length: 0\r\n", b"POST"),
    "map-bad-length": g(b"/badlen.var", b"Accept: text/plain\r\n"), "map-no-end-tag": g(b"/noend.var"),
    "map-ghost": g(b"/ghost.var"), "map-recursive-506": g(b"/rec.var"),
    "map-continuations": g(b"/cont.var", b"Accept: image/png\r\n"), "map-continuations-ok": g(b"/cont.var"),
    "map-inline-en": g(b"/inline.var", AL + b"en\r\n"), "map-inline-de": g(b"/inline.var", AL + b"de\r\n"),
    "map-inline-head": g(b"/inline.var", AL + b"de\r\n", b"HEAD"),
    "map-inline-put": g(b"/inline.var", b"Content-Length: 0\r\n", b"PUT"),
    "multimatch-handlers": g(b"/handlers/h"), "multimatch-default": g(b"/h"),
    "multimatch-any": g(b"/any/a.html"),
    # LanguagePriority / ForceLanguagePriority
    "prio-none-accept": g(b"/prio/p"), "prio-tie": g(b"/prio/p", AL + b"en, de\r\n"),
    "prio-406-default": g(b"/prio/p", AL + b"it\r\n"), "prio-fallback": g(b"/prio/fb/p", AL + b"it\r\n"),
    "prio-force-none": g(b"/prio/none/p"), "prio-force-none-406": g(b"/prio/none/p", AL + b"it\r\n"),
    "prio-both": g(b"/prio/both/p", AL + b"it\r\n"), "prio-prefer-language-env": g(b"/bar", b"User-Agent: PreferDe\r\n"),
    "debian-map": g(b"/debian/page.html"), "debian-map-fr": g(b"/debian/page.html", AL + b"fr, en;q=0.5\r\n"),
    "debian-map-fallback": g(b"/debian/page.html", AL + b"ja\r\n"),
    "debian-map-prefix": g(b"/debian/page.html", AL + b"pt\r\n"),
    "debian-prefer-language": g(b"/debian/fr/page.html", AL + b"en\r\n"),
    "debian-multiviews-fallback": g(b"/debian/m", AL + b"it\r\n"),
    "debian-multiviews-zh": g(b"/debian/m", AL + b"zh-CN, de;q=0.2\r\n"),
    "dir2-index": g(b"/dir2/", AL + b"de\r\n"), "dir2-index-406": g(b"/dir2/", AL + b"fr\r\n"),
    "htaccess-prio": g(b"/ht/x"), "htaccess-fallback": g(b"/ht/x", AL + b"it\r\n"),
}


@pytest.fixture(scope="module")
def pair():
    yield from serve_pair(CONF, TREE)


@pytest.mark.parametrize("name", list(CASES))
def test_negotiation(pair, name):
    check(pair, CASES[name], timeout=2.0)


def test_negotiated_etag_revalidates(pair):
    """The variant's ETag carries the variant list's validator (httpd drops its closing quote);
    a client revalidating with it gets the same answer from both."""
    first, ours = pair.exchange(g(b"/index.html", AL + b"fr\r\n"))
    pair.new_log_lines()
    assert first == ours
    etag = re.search(rb"\r\nETag: ([^\r]*)", first).group(1)
    assert b";" in etag
    check(pair, g(b"/index.html", AL + b"fr\r\nIf-None-Match: " + etag + b"\r\n"))
    check(pair, g(b"/index.html", AL + b"fr\r\nRange: bytes=0-3\r\nIf-Range: " + etag + b"\r\n"))


def test_map_header_without_colon(pair):
    """A type map line without ':' is a 500 (its log line ends in the raw newline)."""
    a, b = pair.exchange(g(b"/nocolon.var"))
    assert a == b and b" 500 " in a.split(b"\r\n", 1)[0]
    pair.new_log_lines()


MATCH_CHECKS = {
    "in-location": "<Location /x>\nMultiviewsMatch Any\n</Location>\n",
    "any-then-handlers": "MultiviewsMatch Any Handlers\n", "handlers-then-any": "MultiviewsMatch Handlers Any\n",
    "filters-negotiated": "MultiviewsMatch Filters NegotiatedOnly\n",
    "negotiated-filters": "MultiviewsMatch NegotiatedOnly Filters\n", "unknown": "MultiviewsMatch bogus\n",
    "handlers-filters": "MultiviewsMatch Handlers Filters\n",
    "two-lines-one-section": "<Directory /tmp>\nMultiviewsMatch any\nMultiviewsMatch negotiatedonly\n</Directory>\n",
    "two-sections": "MultiviewsMatch Any\n<Directory /tmp>\nMultiviewsMatch NegotiatedOnly\n</Directory>\n",
}


@pytest.mark.parametrize("name", list(MATCH_CHECKS))
def test_multiviews_match_checks(tmp_path, name):
    """MultiviewsMatch's config-time errors, as apache2 -t prints them."""
    from tests.unit.test_config_messages import _write, run_apache2, run_apachepy
    root = _write(tmp_path, f"LoadModule mime_module {M}/mod_mime.so\n" + MATCH_CHECKS[name])
    assert run_apachepy(root) == run_apache2(root)
