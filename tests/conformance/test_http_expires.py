"""mod_expires against Debian's apache2: ExpiresActive / ExpiresDefault / ExpiresByType (exact,
major/* wildcards and their per-section reset), the access and modification bases, old "A"
codes, Cache-Control merging, responses that already have Expires, errors, 304s, redirects,
and h5bp's ExpiresByType block as its .htaccess has it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .http_oracle import OraclePair, available, check, docroot_dir, make_tree

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

H5BP = Path("/work/shared/corpus/htaccess-h5bp-dist/conf/htdocs/dist/.htaccess")


def h5bp_expires_block() -> bytes:
    """The <IfModule mod_expires.c> section of h5bp's .htaccess, as it is."""
    text = H5BP.read_text()
    start = text.index("<IfModule mod_expires.c>")
    end = text.index("</IfModule>", start) + len("</IfModule>")
    return (text[start:end] + "\n").encode()


M = "/usr/lib/apache2/modules"
CONF = f"""
ServerName main.example
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule dir_module {M}/mod_dir.so
LoadModule alias_module {M}/mod_alias.so
LoadModule headers_module {M}/mod_headers.so
LoadModule expires_module {M}/mod_expires.so
TypesConfig /etc/mime.types
AddCharset utf-8 .utf8
LogFormat "%h \\"%r\\" %>s %b \\"%{{Expires}}o\\" \\"%{{Cache-Control}}o\\"" exp
CustomLog logs/access_log exp
ExpiresActive On
ExpiresByType text/html "access plus 10 minutes"
Redirect /redir http://example.com/elsewhere
Alias /other @DOCROOT@-other
<Directory />
  Require all denied
</Directory>
<Directory @DOCROOT@-other>
  Require all granted
</Directory>
<Directory @DOCROOT@>
  Require all granted
  AllowOverride All
  ExpiresDefault "access plus 1 year"
  ExpiresByType text/css "modification plus 10 years"
  ExpiresByType image/* "access plus 1 hour"
  ExpiresByType Application/JSON "now plus 1 day 2 hours 3 minutes 4 seconds"
</Directory>
<Directory @DOCROOT@/sub>
  ExpiresByType text/plain "now plus 2 days 3 hours"
</Directory>
<Directory @DOCROOT@/activeonly>
  ExpiresActive On
</Directory>
<Directory @DOCROOT@/off>
  ExpiresActive Off
</Directory>
<Directory @DOCROOT@/mod>
  ExpiresDefault "modification plus 1 week"
</Directory>
<Directory @DOCROOT@/ed>
  ErrorDocument 404 /ed/err.html
</Directory>
<Directory @DOCROOT@/mdir>
  ExpiresByType text/html "modification plus 10 years"
</Directory>
<Location /mredir>
  # no file behind a redirect: a modification-based code sets nothing
  ExpiresByType text/html "modification plus 1 hour"
  Redirect 302 http://example.com/m
</Location>
<Files "old.js">
  ExpiresDefault A3600
</Files>
<Files "big.css">
  # 100 years of seconds overflow httpd's int: the time wraps into the past
  ExpiresByType text/css "modification plus 100 years"
</Files>
<Files "seconds.txt">
  ExpiresDefault "access plus 90 s"
</Files>
<VirtualHost 127.0.0.1:@PORT@>
  ServerName localhost
</VirtualHost>
<VirtualHost 127.0.0.1:@PORT@>
  ServerName cc.example
  Header set Cache-Control "public, no-transform" early
</VirtualHost>
<VirtualHost 127.0.0.1:@PORT@>
  ServerName exp.example
  Header set Expires "Thu, 01 Jan 2037 00:00:00 GMT" early
</VirtualHost>
<VirtualHost 127.0.0.1:@PORT@>
  ServerName late.example
  Header merge Cache-Control "immutable"
  Header unset Expires "expr=%{{CONTENT_TYPE}} =~ m#^text/plain#"
</VirtualHost>
"""

TREE = {
    "index.html": b"<p>index</p>\n", "a.txt": b"text\n", "s.css": b"body{}\n", "i.png": b"\x89PNG....",
    "v.svg": b"<svg/>\n", "d.json": b"{}\n", "x.html.utf8": b"<p>utf8</p>\n", "old.js": b"var a;\n",
    "seconds.txt": b"90s\n", "big.css": b"big{}\n", "noext": b"no type\n",
    "sub/a.txt": b"sub text\n", "sub/i.png": b"\x89PNG....", "sub/s.css": b"sub{}\n",
    "activeonly/i.png": b"\x89PNG....", "off/a.txt": b"off\n", "mod/a.txt": b"mod\n",
    "mdir/x.txt": b"x\n", "ed/err.html": b"<p>custom error</p>\n", "ed/ok.txt": b"ok\n",
    "h5bp/.htaccess": h5bp_expires_block(), "h5bp/index.html": b"<p>h5bp</p>\n", "h5bp/app.js": b"1;\n",
    "h5bp/s.css": b"h5bp{}\n", "h5bp/favicon.ico": b"\0\0\1\0", "h5bp/site.webmanifest": b"{}\n",
    "h5bp/feed.atom": b"<feed/>\n", "h5bp/data.json": b"[]\n", "h5bp/cal.ics": b"BEGIN:VCALENDAR\n",
    "h5bp/font.woff2": b"wOF2", "h5bp/readme.md": b"# md\n", "h5bp/i.png": b"\x89PNG....",
    "h5bp/sub/": None,
}
OTHER = {"o.txt": b"other\n", "o.html": b"<p>other</p>\n"}

H = b"Host: localhost\r\n"


def g(path: bytes, extra: bytes = b"", m: bytes = b"GET", host: bytes = H) -> bytes:
    return m + b" " + path + b" HTTP/1.1\r\n" + host + extra + b"Connection: close\r\n\r\n"


CASES = {
    # ExpiresByType exact (case-insensitive, parameters ignored), wildcard, default
    "by-type-html": g(b"/index.html"), "by-type-json-mixed-case": g(b"/d.json"),
    "by-type-with-charset": g(b"/x.html.utf8"), "wildcard-png": g(b"/i.png"), "wildcard-svg": g(b"/v.svg"),
    "default-text": g(b"/a.txt"), "no-type-default": g(b"/noext"), "old-code": g(b"/old.js"),
    "seconds-unit": g(b"/seconds.txt"), "modification-base": g(b"/s.css"),
    "modification-in-past": g(b"/mod/a.txt"), "modification-overflow": g(b"/big.css"),
    # a section with its own ExpiresByType has no wildcards unless it declares them
    "sub-own-type": g(b"/sub/a.txt"), "sub-wildcard-reset": g(b"/sub/i.png"), "sub-inherits-exact": g(b"/sub/s.css"),
    "active-only-section": g(b"/activeonly/i.png"), "inactive": g(b"/off/a.txt"),
    "server-level-only": g(b"/other/o.html"), "server-level-no-rule": g(b"/other/o.txt"),
    # status codes
    "head": g(b"/a.txt", m=b"HEAD"), "not-found": g(b"/missing.txt"),
    "not-modified": g(b"/a.txt", b"If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT\r\n"),
    "range-206": g(b"/a.txt", b"Range: bytes=0-1\r\n"), "dir-slash-301": g(b"/sub"),
    "alias-redirect-302": g(b"/redir/x"), "modification-no-file": g(b"/mredir"),
    "modification-of-directory": g(b"/mdir"), "errordocument-local": g(b"/ed/missing"),
    "method-405": g(b"/a.txt", b"Content-Length: 0\r\n", m=b"PUT"),
    # what other modules set
    "cache-control-merged": g(b"/a.txt", host=b"Host: cc.example\r\n"),
    "expires-already-set": g(b"/a.txt", host=b"Host: exp.example\r\n"),
    "headers-after-expires": g(b"/index.html", host=b"Host: late.example\r\n"),
    "headers-unset-expires": g(b"/a.txt", host=b"Host: late.example\r\n"),
    # h5bp's block, from an .htaccess
    "h5bp-html": g(b"/h5bp/index.html"), "h5bp-js-default": g(b"/h5bp/app.js"), "h5bp-css": g(b"/h5bp/s.css"),
    "h5bp-ico": g(b"/h5bp/favicon.ico"), "h5bp-manifest": g(b"/h5bp/site.webmanifest"),
    "h5bp-atom": g(b"/h5bp/feed.atom"), "h5bp-json": g(b"/h5bp/data.json"), "h5bp-ics": g(b"/h5bp/cal.ics"),
    "h5bp-woff2": g(b"/h5bp/font.woff2"), "h5bp-md": g(b"/h5bp/readme.md"), "h5bp-png": g(b"/h5bp/i.png"),
    "h5bp-dir-redirect": g(b"/h5bp/sub"), "h5bp-404": g(b"/h5bp/nothing"),
}


@pytest.fixture(scope="module")
def pair():
    docroot = make_tree(docroot_dir(), TREE)
    make_tree(docroot + "-other", OTHER)
    p = OraclePair(CONF, docroot)
    yield p
    p.close()
    shutil.rmtree(docroot, ignore_errors=True)
    shutil.rmtree(docroot + "-other", ignore_errors=True)


def _exchange_same_second(pair, raw: bytes):
    """Expires and max-age come from the request time: ask again (bounded) when the two
    servers' requests fell in different seconds."""
    for _ in range(3):
        a, b = pair.exchange(raw, 2.0)
        if a == b:
            break
        pair.new_log_lines()
    return a, b


@pytest.mark.parametrize("name", list(CASES))
def test_expires(pair, name):
    raw = CASES[name]
    a, b = _exchange_same_second(pair, raw)
    if a != b:
        check(pair, raw)                  # reports the difference
    pair.new_log_lines()
    check(pair, raw)


def test_expiry_values(pair):
    """The headers themselves, not only their agreement: max-age is the code's seconds and
    Expires is that far from Date for access-based codes."""
    from tests.support.servers import raw_request
    from apachepy.http.dates import parse_http_date
    resp = raw_request(pair.apache.port, g(b"/d.json"), timeout=2.0).decode("latin-1")
    date = parse_http_date(re.search(r"\r\nDate: ([^\r]*)", resp).group(1))
    expires = parse_http_date(re.search(r"\r\nExpires: ([^\r]*)", resp).group(1))
    assert re.search(r"\r\nCache-Control: max-age=93784\r\n", resp)
    assert expires - date == 93784
    pair.new_log_lines()
