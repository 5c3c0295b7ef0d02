"""mod_autoindex listings against Debian's apache2, byte for byte: the plain list, FancyIndexing
and HTMLTable layouts, IndexOptions (and their merging across sections), the query arguments,
icons/alt texts/descriptions, IndexIgnore, HeaderName/ReadmeName, style sheets, sizes across
the K/M/G boundaries and dates.  Both servers list the same tree (fixed mtimes, sparse big
files); status, headers, body (chunk breaks included) and log lines are compared."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

import pytest

from tests.support.servers import REPO

from .http_oracle import OLD_MTIME, OraclePair, available, check, docroot_dir, make_tree

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"

# the directives of Debian's stock /etc/apache2/mods-available/autoindex.conf (a typical setup)
DEBIAN_AUTOINDEX = """
IndexOptions FancyIndexing VersionSort HTMLTable NameWidth=* DescriptionWidth=* Charset=UTF-8
AddIconByEncoding (CMP,/icons/compressed.gif) x-compress x-gzip x-bzip2
AddIconByType (TXT,/icons/text.gif) text/*
AddIconByType (IMG,/icons/image2.gif) image/*
AddIconByType (SND,/icons/sound2.gif) audio/*
AddIconByType (VID,/icons/movie.gif) video/*
AddIcon /icons/binary.gif .bin .exe
AddIcon /icons/binhex.gif .hqx
AddIcon /icons/tar.gif .tar
AddIcon /icons/world2.gif .wrl .wrl.gz .vrml .vrm .iv
AddIcon /icons/compressed.gif .Z .z .tgz .gz .zip
AddIcon /icons/a.gif .ps .ai .eps
AddIcon /icons/layout.gif .html .shtml .htm .pdf
AddIcon /icons/text.gif .txt
AddIcon /icons/c.gif .c
AddIcon /icons/p.gif .pl .py
AddIcon /icons/f.gif .for
AddIcon /icons/dvi.gif .dvi
AddIcon /icons/uuencoded.gif .uu
AddIcon /icons/script.gif .conf .sh .shar .csh .ksh .tcl
AddIcon /icons/tex.gif .tex
AddIcon /icons/bomb.gif /core
AddIcon (SND,/icons/sound2.gif) .ogg
AddIcon (VID,/icons/movie.gif) .ogm
AddIcon /icons/back.gif ..
AddIcon /icons/hand.right.gif README
AddIcon /icons/folder.gif ^^DIRECTORY^^
AddIcon /icons/blank.gif ^^BLANKICON^^
AddIcon /icons/odf6odt-20x22.png .odt
AddIcon /icons/odf6ods-20x22.png .ods
DefaultIcon /icons/unknown.gif
ReadmeName README.html
HeaderName HEADER.html
IndexIgnore .??* *~ *# RCS CVS *,v *,t
"""

# option sets served on /v/NAME/ (an Alias of list/), each in its own <Location>
VARIANTS = {
    "fancy": "IndexOptions FancyIndexing -NameWidth -DescriptionWidth",
    "fancy-adjust": "IndexOptions FancyIndexing",
    "fancy-widths": "IndexOptions FancyIndexing NameWidth=12 DescriptionWidth=15 IconWidth IconHeight=10",
    "fancy-suppress": "IndexOptions FancyIndexing SuppressIcon SuppressLastModified SuppressSize SuppressRules "
                      "SuppressColumnSorting -NameWidth -DescriptionWidth",
    "fancy-nodesc": "IndexOptions FancyIndexing SuppressDescription NameWidth=30 IconsAreLinks",
    "fancy-xhtml": "IndexOptions FancyIndexing XHTML IconWidth=16 IconHeight=16 -NameWidth",
    "table-only": "IndexOptions HTMLTable",
    "table-styled": "IndexOptions FancyIndexing HTMLTable AddAltClass IconsAreLinks NameWidth=14\n"
                    "  IndexStyleSheet /css/list.css\n"
                    '  IndexHeadInsert "<meta name=\\"robots\\" content=\\"noindex\\">"',
    "table-xhtml": "IndexOptions FancyIndexing HTMLTable XHTML IconHeight IconWidth SuppressRules\n"
                   "  IndexStyleSheet /css/list.css",
    "table-suppress": "IndexOptions FancyIndexing HTMLTable SuppressIcon SuppressSize SuppressDescription "
                      "DescriptionWidth=12",
    "folders-first": "IndexOptions FancyIndexing FoldersFirst IgnoreCase -NameWidth",
    "no-version-sort": "IndexOptions FancyIndexing HTMLTable",
    "incremental": "IndexOptions +SuppressSize -HTMLTable +FoldersFirst",
    "ignore-client": "IndexOptions +IgnoreClient",
    "none": "IndexOptions None",
    "type-charset": "IndexOptions Type=text/plain Charset=",
    "charset": "IndexOptions +Charset=ISO-8859-15",
    "titles": "IndexOptions +ScanHTMLTitles",
    "titles-fancy": "IndexOptions FancyIndexing ScanHTMLTitles -DescriptionWidth",
    "forbidden": "IndexOptions +ShowForbidden",
    "order-size": "IndexOrderDefault Descending Size",
    "order-date": "IndexOrderDefault Ascending Date\n  IndexOptions FancyIndexing UseOldDateFormat",
    "order-desc": "IndexOrderDefault Descending Description",
    "track": "IndexOptions +TrackModified",
    "mixed": "IndexOptions FancyIndexing +HTMLTable -VersionSort",
}

CONF = f"""
ServerName localhost
ServerAdmin admin@example.com
ServerSignature On
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule dir_module {M}/mod_dir.so
LoadModule alias_module {M}/mod_alias.so
LoadModule headers_module {M}/mod_headers.so
LoadModule autoindex_module {M}/mod_autoindex.so
TypesConfig /etc/mime.types
AddEncoding x-gzip .gz
LogFormat "%h \\"%r\\" %>s %b %{{Content-Type}}o" t
CustomLog logs/access_log t
{DEBIAN_AUTOINDEX}
Alias /icons/ "/usr/share/apache2/icons/"
<Directory />
  Require all denied
</Directory>
<Directory @DOCROOT@>
  Require all granted
  Options Indexes
  AllowOverride None
</Directory>
<Files "secret.txt">
  Require all denied
</Files>
<Directory @DOCROOT@/list>
  Options Indexes FollowSymLinks
  AddDescription "The <b>A</b> file" a.txt
  AddDescription "V &amp; &lt;s&gt;" file1*
  AddDescription "sub dir" sub
  AddDescription "path based" list/B.txt
  AddAlt "[png picture]" *.png
  AddAltByType "PLAIN" text/plain
  AddAltByEncoding "GZ" x-gzip
  AddIcon (ARC,/icons/tar.gif) .tar.gz
  AddIcon /icons/dir.gif sub
</Directory>
<Directory @DOCROOT@/withhdr>
  Header set X-Listing yes
</Directory>
<Directory @DOCROOT@/txthdr>
  HeaderName HEADER.txt
  ReadmeName README.txt
  IndexOptions FancyIndexing
</Directory>
<Directory @DOCROOT@/amble>
  IndexOptions +SuppressHTMLPreamble
</Directory>
<Directory @DOCROOT@/nohdr>
  HeaderName /missing/HEADER.html
  ReadmeName nothere.html
  DefaultIcon /icons/generic.gif
</Directory>
<Directory @DOCROOT@/nested>
  IndexOptions FancyIndexing -NameWidth
  AddDescription "nested text" *.txt
</Directory>
<Directory @DOCROOT@/nested/child>
  IndexOptions +HTMLTable +SuppressSize
  AddDescription "child text" c*.txt
</Directory>
<Directory @DOCROOT@/nested/child/grand>
  IndexOptions -HTMLTable -SuppressSize +SuppressLastModified
</Directory>
<Directory @DOCROOT@/nested/reset>
  IndexIgnoreReset on
  IndexIgnore *.log
</Directory>
<Directory @DOCROOT@/nested/ht>
  AllowOverride Indexes
</Directory>
# httpd cuts a configured description in place (for the rest of the process): every directory
# with one too long for its column is listed by one request only
<Directory @DOCROOT@/cut1>
  IndexOptions FancyIndexing -DescriptionWidth
  AddDescription "A description long enough to be cut &amp; then <em>some</em> more" *.txt
</Directory>
<Directory @DOCROOT@/cut2>
  IndexOptions FancyIndexing HTMLTable DescriptionWidth=15
  AddDescription '<a href="x">Linked</a> text &auml;&ouml; and more text' *.txt
  AddDescription "short" *.html
</Directory>
<Directory @DOCROOT@/cut3>
  IndexOptions FancyIndexing SuppressIcon SuppressSize -DescriptionWidth
  AddDescription "Thirty-six characters of description, no more" *.txt
</Directory>
<Directory @DOCROOT@/cut4>
  IndexOptions FancyIndexing SuppressLastModified
  AddDescription "Longer than the default width by a few" .
</Directory>
<Directory @DOCROOT@/plainopts>
  IndexOptions None
  IndexIgnore *.skip
</Directory>
""" + "".join(f'Alias /v/{name}/ "@DOCROOT@/list/"\n<Location /v/{name}/>\n  {opts}\n</Location>\n'
              for name, opts in VARIANTS.items())

_TITLED = b"<html><head><TITLE>\nPage\nTitle &amp; more</title></head><body>x</body></html>\n"
TREE = {
    "list/a.txt": b"a" * 1000, "list/B.txt": b"b" * 973, "list/file1.txt": b"1", "list/file2.txt": b"22",
    "list/file10.txt": b"10" * 600, "list/file01.txt": b"", "list/File3.txt": b"3",
    "list/page.html": _TITLED, "list/other.htm": b"<title>Other</title>",
    "list/a-very-long-file-name-that-exceeds-the-width.html": b"<p>no title</p>",
    "list/we ird & <name>.txt": b"w", "list/colon:name.txt": b"c", 'list/quote"d.txt': b"q",
    "list/arch.tar.gz": b"gz" * 700, "list/image.png": b"png", "list/sound.ogg": b"ogg", "list/core": b"c",
    "list/README": b"readme", "list/script.sh": b"#!/bin/sh\n", "list/data.unknownext": b"?",
    "list/.hidden": b"h", "list/backup~": b"b", "list/RCS/": None, "list/secret.txt": b"s",
    "list/sub/x.txt": b"x", "list/withindex/index.html": b"<title>Index page</title>", "list/empty/": None,
    "list/link-to-a.txt": ("link", "a.txt"), "list/link-dir": ("link", "sub"), "list/dangling": ("link", "nowhere"),
    "withhdr/HEADER.html": b"<p>The header &amp; more</p>\n", "withhdr/README.html": b"<p>The readme</p>\n",
    "withhdr/f.txt": b"f",
    "txthdr/HEADER.txt": b"<b>plain & header</b>\n", "txthdr/README.txt": b"readme <text>\n", "txthdr/g.txt": b"g",
    "amble/HEADER.html": b"<html><body><p>own preamble</p>\n", "amble/README.html": b"<p>own end</p></body></html>\n",
    "amble/h.txt": b"h",
    "nohdr/n.txt": b"n", "nohdr/odd.qqq": b"q",
    "nested/n.txt": b"n", "nested/child/c.txt": b"c", "nested/child/d.txt": b"d", "nested/child/grand/g.txt": b"g",
    "nested/reset/r.log": b"r", "nested/reset/.dot": b"d", "nested/reset/keep~": b"k",
    "nested/ht/.htaccess": b'IndexOptions +SuppressLastModified\nAddDescription "from htaccess" *.txt\n',
    "nested/ht/t.txt": b"t",
    "plainopts/p.txt": b"p", "plainopts/q.skip": b"q",
    "cut1/a.txt": b"a", "cut1/b.txt": b"b", "cut2/c.txt": b"c", "cut2/d.html": b"d", "cut3/e.txt": b"e",
    "cut4/f.txt": b"f", "cut4/sub/": None,
    "noread/x.txt": b"x",
}
# sizes around apr_strfsize's boundaries (sparse files): bytes, K, M, G
SIZES = [972, 1023, 1024, 1025, 9 * 1024 + 972, 9 * 1024 + 973, 10 * 1024 - 1, 972 * 1024, 973 * 1024 - 1,
         973 * 1024, 1024 * 1024, 9 * 1024 * 1024 + 972 * 1024, 10 * 1024 * 1024, 973 * 1024 * 1024,
         3 * 1024 * 1024 * 1024 + 512 * 1024 * 1024]
MANY = 160          # entries of many/: the listing passes httpd's 8000-byte write buffer


def _build() -> str:
    root = docroot_dir("ap-autoindex.")
    tree = dict(TREE, **{"sizes/": None})
    for i in range(MANY):
        tree[f"many/entry-number-{i:03d}-with-a-rather-long-name.txt"] = b"m" * i
    make_tree(root, tree)
    for n in SIZES:
        with open(os.path.join(root, "sizes", f"size-{n}.bin"), "wb") as f:
            f.truncate(n)
    # distinct modification times (seconds and sub-seconds) for the date sorts
    for i, name in enumerate(sorted(os.listdir(os.path.join(root, "list")))):
        t = OLD_MTIME - 86400 * 3 * ((i * 7) % 11) - i * 61.25
        os.utime(os.path.join(root, "list", name), (t, t), follow_symlinks=False)
    t = OLD_MTIME + 3600
    os.utime(os.path.join(root, "list", "withindex", "index.html"), (t, t))
    for dirpath, dirnames, filenames in os.walk(root):
        os.utime(dirpath, (OLD_MTIME, OLD_MTIME))
        if dirpath.endswith("sizes"):
            for n in filenames:
                os.utime(os.path.join(dirpath, n), (OLD_MTIME, OLD_MTIME))
    os.chmod(os.path.join(root, "noread"), 0)
    return root


H = b"Host: localhost\r\n"


def g(path: str, m: bytes = b"GET", extra: bytes = b"") -> bytes:
    return m + b" " + path.encode("latin-1") + b" HTTP/1.1\r\n" + H + extra + b"Connection: close\r\n\r\n"


CASES = {
    # Debian's stock setup: table, version sort, icons, header/readme lookups that find nothing
    "stock": g("/list/"), "stock-head": g("/list/", b"HEAD"), "stock-http10": g("/list/").replace(b"1.1", b"1.0"),
    "sizes": g("/sizes/"), "sizes-by-size": g("/sizes/?C=S;O=D"), "subdir": g("/list/sub/"),
    "root": g("/"), "many-chunked": g("/many/"), "many-fancy": g("/many/?F=1"), "many-plain": g("/many/?F=0"),
    "header-readme-html": g("/withhdr/"), "header-with-args": g("/withhdr/?C=M;O=D"),
    "header-readme-text": g("/txthdr/"), "suppress-preamble": g("/amble/"),
    "missing-header": g("/nohdr/"), "noread": g("/noread/"),
    "nested": g("/nested/"), "nested-child": g("/nested/child/"), "nested-grand": g("/nested/child/grand/"),
    "ignore-reset": g("/nested/reset/"), "htaccess": g("/nested/ht/"), "options-none": g("/plainopts/"),
    "cut-fancy": g("/cut1/"), "cut-table": g("/cut2/"), "cut-suppressed": g("/cut3/"), "cut-parent": g("/cut4/"),
    "accept-restored": g("/withhdr/", extra=b"Accept: text/plain\r\nAccept-Encoding: gzip\r\n"),
}
for _q in ("C=N;O=D", "C=M;O=A", "C=M;O=D", "C=S;O=A", "C=S;O=D", "C=D;O=A", "C=D;O=D", "F=0", "F=1", "F=2",
           "V=0", "V=1", "F=1&V=0&C=S", "P=*.txt", "P=file*;C=M", "P=%2A.html", "P=%2F*", "P=%zz", "P=", "P=[a-c]*",
           "C=X;O=D", "O=D;C=N;junk=1;F=0", "C=N&O=D&F=1&P=f*", "F=2;V=0;P=*.t*"):
    CASES["query " + _q] = g("/list/?" + _q)
for _name in VARIANTS:
    CASES["variant " + _name] = g(f"/v/{_name}/")
for _name, _q in (("fancy", "C=S;O=D"), ("fancy", "F=2;P=*.txt"), ("ignore-client", "C=S;O=D;F=0"),
                  ("table-styled", "C=D;O=A"), ("folders-first", "C=M;O=D"), ("order-size", "O=A"),
                  ("order-desc", "F=1"), ("titles-fancy", "C=D;O=D"), ("none", "F=1")):
    CASES[f"variant {_name} ?{_q}"] = g(f"/v/{_name}/?{_q}")


@pytest.fixture(scope="module")
def pair():
    root = _build()
    p = OraclePair(CONF, root)
    yield p
    p.close()
    os.chmod(os.path.join(root, "noread"), 0o755)
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("name", list(CASES))
def test_listing(pair, name):
    check(pair, CASES[name], timeout=3.0)


BARE = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule autoindex_module {M}/mod_autoindex.so
TypesConfig /etc/mime.types
{{top}}
<Directory @DOCROOT@>
  Require all granted
  Options Indexes
</Directory>
<Directory @DOCROOT@/d>
  {{dir}}
</Directory>
"""
BARE_TREE = {"d/a.txt": b"a", "d/b-long-name-over-twenty-three.txt": b"b" * 2000, "d/sub/": None,
             "d/c.html": b"<title>C</title>", "d/.dot": b"."}


@pytest.mark.parametrize("top,dirconf", [
    ("", ""),                                                   # the plain list httpd defaults to
    ("", "IndexOptions FancyIndexing"),                         # no icons configured: blanks
    ("", "IndexOptions FancyIndexing HTMLTable\n  AddDescription \"<i>described</i> &amp; long text\" *.txt"),
    ("IndexOptions +FancyIndexing", ""),                        # server-level increments
    ("IndexOptions FancyIndexing +HTMLTable", ""),              # mixed at server level
    ("IndexOptions +FancyIndexing\n<VirtualHost 127.0.0.1:@PORT@>\n  ServerName localhost\n</VirtualHost>", ""),
    ("<VirtualHost 127.0.0.1:@PORT@>\n  ServerName localhost\n  IndexOptions FancyIndexing +HTMLTable\n"
     "</VirtualHost>", "IndexOptions +SuppressSize"),
    ("IndexOptions FancyIndexing", "IndexOptions FancyIndexing +HTMLTable +SuppressSize"),
    ("IndexIgnore a.*", "IndexOptions FancyIndexing\n  IndexIgnore *.html"),
    ("AddIcon /i/t.gif .txt\nDefaultIcon /i/d.gif", "IndexOptions FancyIndexing IconHeight IconWidth=7"),
    ("", "IndexOptions FancyIndexing NameWidth=5 DescriptionWidth=12 ScanHTMLTitles"),
])
def test_bare_config(top, dirconf):
    root = make_tree(docroot_dir("ap-autoindex."), BARE_TREE)
    p = OraclePair(BARE.format(top=top, dir=dirconf), root)
    try:
        for path in ("/d/", "/d/?F=1", "/d/?F=2;C=S;O=D", "/"):
            check(p, g(path), timeout=3.0)
    finally:
        p.close()
        shutil.rmtree(root, ignore_errors=True)


# config-time checks: apachepy -t must reject (or accept) what apache2 -t does, with its message
@pytest.mark.parametrize("line", [
    "IndexOptions Bogus", "IndexOptions +None", "IndexOptions None FancyIndexing", "IndexOptions -IconWidth=3",
    "IndexOptions NameWidth", "IndexOptions NameWidth=4", "IndexOptions NameWidth=0 DescriptionWidth=0",
    "IndexOptions -NameWidth=9", "IndexOptions DescriptionWidth=11", "IndexOptions DescriptionWidth",
    "IndexOptions -DescriptionWidth=20", "IndexOptions -IconHeight=2", "IndexOptions +", "IndexOptions None",
    "IndexOptions FancyIndexing\nIndexOptions None", "IndexOptions None\nIndexOptions FancyIndexing",
    "IndexOrderDefault Up Name", "IndexOrderDefault Ascending Color", "IndexOrderDefault descending DATE",
    "AddIcon (ALT,/i.gif .txt", "AddIcon (ALT)/i.gif .txt", "AddIconByType (X,/x.gif) text/*",
    "IndexIgnoreReset maybe", "FancyIndexing on",
])
def test_config_check(line):
    with tempfile.TemporaryDirectory(prefix="ap-aicheck.") as root:
        conf = os.path.join(root, "httpd.conf")
        with open(conf, "w") as f:
            f.write(f"ServerName localhost\nLoadModule autoindex_module {M}/mod_autoindex.so\n"
                    f"LoadModule mpm_event_module {M}/mod_mpm_event.so\nErrorLog {root}/error_log\n"
                    f"PidFile {root}/pid\n{line}\n")
        env = dict(os.environ, PYTHONPATH=str(REPO))
        a = subprocess.run(["apache2", "-d", root, "-f", conf, "-t"], capture_output=True, text=True, timeout=30)
        b = subprocess.run([sys.executable, "-m", "apachepy", "-d", root, "-f", conf, "-t"], capture_output=True,
                           text=True, timeout=30, env=env)
    assert (b.returncode, b.stderr.replace("apachepy", "apache2")) == (a.returncode, a.stderr)
