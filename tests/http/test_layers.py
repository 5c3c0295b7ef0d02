"""The HTTP layer's building blocks: per-dir merging, the vhost tables, request bodies, log
formats and .htaccess caching (no sockets)."""
from __future__ import annotations

import os
import shutil
import time

import pytest

from apachepy.http.conf import (OPT_INDEXES, OPT_SYM_LINKS, OPT_UNSET, DirConfig, fnmatch_regex, fnmatch_test,
                                merge)
from apachepy.http.table import Table
from apachepy.modules.http_serving import apply_options
from apachepy.modules.log_config import LogFormatError, parse_format
from tests.conformance.http_oracle import docroot_dir, make_tree
from tests.support.pure import PureSite


def test_table_keeps_apr_placement():
    t = Table([("A", "1"), ("B", "2"), ("a", "3")])
    t.set("A", "x")
    assert t.items == [("A", "x"), ("B", "2")]
    t.merge("b", "y")
    t.add("C", "z")
    assert t.items == [("A", "x"), ("B", "2, y"), ("C", "z")]
    t2 = Table([("X", "1"), ("x", "2"), ("Y", "3")])
    t2.compress_merge()
    assert t2.items == [("X", "1, 2"), ("Y", "3")]


def test_options_relative_and_absolute_merge():
    base = DirConfig()
    base.options = (OPT_UNSET | OPT_SYM_LINKS, 0, 0)
    plus = DirConfig()
    plus.options = apply_options((OPT_UNSET, 0, 0), "+Indexes -FollowSymLinks")
    m = merge(base, plus)
    assert m.options[0] & OPT_INDEXES and not m.options[0] & OPT_SYM_LINKS
    absolute = DirConfig()
    absolute.options = apply_options((OPT_UNSET, 0, 0), "Indexes")
    assert merge(m, absolute).options == (OPT_INDEXES, 0, 0)
    assert apply_options((OPT_UNSET, 0, 0), "+Indexes FollowSymLinks") == \
        "Either all Options must start with + or -, or no Option may."
    assert apply_options((OPT_UNSET, 0, 0), "Bogus") == "Illegal option Bogus"


def test_unset_fields_inherit_and_lists_append():
    a = DirConfig()
    a.files = ["f1"]
    a.index_names = ["a.html"]
    b = DirConfig()
    b.files = ["f2"]
    m = merge(a, b)
    assert m.files == ["f1", "f2"] and m.index_names == ["a.html"]


def test_fnmatch_pathname_semantics():
    rx = fnmatch_regex("/var/www/*/x")
    assert rx.match("/var/www/a/x") and not rx.match("/var/www/a/b/x")
    assert fnmatch_test("/a/*") and fnmatch_test("/a/[bc]") and not fnmatch_test("/a/b")


CONF = """
ServerName main.example
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LogFormat "%v %h \\"%r\\" %>s %I" vh
CustomLog logs/access_log vh
<Directory @DOCROOT@>
  Require all granted
  AllowOverride All
</Directory>
<Directory @DOCROOT@/limited>
  LimitRequestBody 5
</Directory>
<VirtualHost 127.0.0.2:@PORT@>
  ServerName ip.example
  DocumentRoot @DOCROOT@/ip
</VirtualHost>
<VirtualHost *:@PORT@>
  ServerName a.example
</VirtualHost>
<VirtualHost *:@PORT@>
  ServerName b.example
  ServerAlias *.b.example
</VirtualHost>
"""


@pytest.fixture(scope="module")
def site():
    root = make_tree(docroot_dir(), {"index.html": b"main\n", "ip/index.html": b"ip\n", "limited/f": b"f",
                                     "ht/f.txt": b"x"})
    s = PureSite(CONF, root)
    yield s
    s.close()
    shutil.rmtree(root, ignore_errors=True)


def test_vhost_selection(site):
    def served(host, local="127.0.0.1"):
        from apachepy.http.connection import Connection
        from tests.support.pure import BufferIO
        c = Connection(site.site, (local, site.port), ("127.0.0.1", 1234))
        io = BufferIO()
        c.feed(b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
        c.ready()
        c.process(io)
        return c.server.server_hostname
    assert served(b"a.example") == "a.example"
    assert served(b"B.EXAMPLE.") == "b.example"
    assert served(b"x.b.example") == "b.example"
    assert served(b"unknown") == "a.example"              # the first vhost of the address
    assert served(b"b.example", local="127.0.0.2") == "ip.example"


def test_chunked_body_limit_and_continue(site):
    ok = site.request(b"POST /index.html HTTP/1.1\r\nHost: a.example\r\nTransfer-Encoding: chunked\r\n"
                      b"Connection: close\r\n\r\n3;ext=1\r\nabc\r\n0\r\nTrailer: x\r\n\r\n")
    assert ok.startswith(b"HTTP/1.1 200 OK")
    big = site.request(b"POST /limited/f HTTP/1.1\r\nHost: a.example\r\nTransfer-Encoding: chunked\r\n\r\n"
                       b"8\r\n12345678\r\n0\r\n\r\n")
    assert big.startswith(b"HTTP/1.1 413 Request Entity Too Large") and b"Content-Length" not in big
    cont = site.request(b"POST /index.html HTTP/1.1\r\nHost: a.example\r\nExpect: 100-continue\r\n"
                        b"Content-Length: 2\r\nConnection: close\r\n\r\nab")
    assert cont.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK")


def test_logio_counts_head_and_body(site):
    raw = b"POST /index.html HTTP/1.1\r\nHost: a.example\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd"
    site.request(raw)
    assert site.read_access_log().splitlines()[-1].endswith(f" 200 {len(raw)}")


def test_htaccess_is_reread_when_changed(site):
    path = os.path.join(site.docroot, "ht", ".htaccess")
    with open(path, "w") as f:
        f.write("Require all denied\n")
    assert site.request(b"GET /ht/f.txt HTTP/1.1\r\nHost: a.example\r\n\r\n").startswith(b"HTTP/1.1 403")
    time.sleep(0.01)
    with open(path, "w") as f:
        f.write("Require all granted\n# changed\n")
    assert site.request(b"GET /ht/f.txt HTTP/1.1\r\nHost: a.example\r\n\r\n").startswith(b"HTTP/1.1 200")
    with open(path, "w") as f:
        f.write("NoSuchDirective x\n")
    assert site.request(b"GET /ht/f.txt HTTP/1.1\r\nHost: a.example\r\n\r\n").startswith(b"HTTP/1.1 500")
    assert ".htaccess: Invalid command 'NoSuchDirective'" in site.read_error_log()
    os.unlink(path)


def test_log_format_parsing():
    items = parse_format('%h %{Referer}i %>s %400,501{X}i %!200e "%%"')
    keys = [(k, a) for k, a, *_ in items if k]
    assert keys == [("h", ""), ("i", "Referer"), ("s", ""), ("i", "X"), ("e", "")]
    with pytest.raises(LogFormatError, match="Unrecognized LogFormat directive %Z"):
        parse_format("%Z")
    with pytest.raises(LogFormatError, match="Ran off end"):
        parse_format("%>")
