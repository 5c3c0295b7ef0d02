"""mod_include's exec (mod_cgi/mod_cgid's handler) against Debian's apache2: `exec cmd`,
`exec cgi` (path info and query of the document, redirects as links, nph refused), and
IncludesNOEXEC / no CGI module refusing it.  Bodies are compared dechunked: where the output
of a command is cut into chunks depends on when its writes arrive."""
from __future__ import annotations

import os
import shutil

import pytest

from tests.conformance.http_oracle import OraclePair, available, docroot_dir, make_tree
from tests.conformance.test_http_cgi import parsed, req

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule alias_module {M}/mod_alias.so
LoadModule env_module {M}/mod_env.so
LoadModule include_module {M}/mod_include.so
@CGI@
TypesConfig /etc/mime.types
LogFormat "%r %>s %b" t
CustomLog logs/access_log t
SetEnv PATH /usr/bin:/bin
<Directory @DOCROOT@>
  Require all granted
</Directory>
<Directory @DOCROOT@/ssi>
  Options +Includes
  AcceptPathInfo On
  AddOutputFilter INCLUDES .shtml
</Directory>
<Directory @DOCROOT@/noexec>
  Options +IncludesNOEXEC
  AddOutputFilter INCLUDES .shtml
</Directory>
ScriptAlias /cgi-bin/ @DOCROOT@/cgi/
"""

EXEC_DOC = (b"A<!--#exec cmd=\"echo hi; echo $QUERY_STRING_UNESCAPED; echo $PATH_INFO; pwd; echo $DOCUMENT_NAME\" -->"
            b"B<!--#exec cgi=\"/cgi-bin/env1.sh\" -->"
            b"C<!--#exec cgi=\"/cgi-bin/loc.sh\" -->"
            b"D<!--#exec cgi=\"/cgi-bin/nph-x.sh\" -->"
            b"E<!--#exec cgi=\"/cgi-bin/env1.sh?x\" -->"
            b"F<!--#exec cgi=\"/nothere\" -->"
            b"G<!--#exec foo=\"x\" -->"
            b"H<!--#exec cmd=\"echo $undefined_var\" -->I\n")
TREE = {
    "ssi/a.shtml": EXEC_DOC,
    "noexec/a.shtml": b"A<!--#exec cmd=\"echo hi\" -->B<!--#exec cgi=\"/cgi-bin/env1.sh\" -->C<!--#exec -->D\n",
    "cgi/env1.sh": (b"#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nSN=%s PI=%s QS=%s RU=%s\\n' "
                    b"\"$SCRIPT_NAME\" \"$PATH_INFO\" \"$QUERY_STRING\" \"$REQUEST_URI\"\n"),
    "cgi/loc.sh": b"#!/bin/sh\nprintf 'Location: http://example.com/a?b&c=\"d\"\\n\\n'\n",
    "cgi/nph-x.sh": b"#!/bin/sh\nprintf 'HTTP/1.0 200 OK\\r\\n\\r\\nnph'\n",
}


def _pair(cgi_line: str) -> OraclePair:
    d = make_tree(docroot_dir(), TREE)
    for k in TREE:
        if k.startswith("cgi/"):
            os.chmod(os.path.join(d, k), 0o755)
    p = OraclePair(CONF.replace("@CGI@", cgi_line), d)
    p.root = d
    return p


@pytest.fixture(scope="module", params=["cgi", "cgid", None])
def pair(request):
    mod = request.param
    p = _pair(f"LoadModule {mod}_module {M}/mod_{mod}.so" if mod else "")
    p.mod = mod
    yield p
    p.close()
    shutil.rmtree(p.root, ignore_errors=True)


def _check(pair, raw: bytes) -> bytes:
    a, b = pair.exchange(raw, 4.0)
    assert parsed(b) == parsed(a), (a, b)
    aa, oa, ae, oe = pair.new_log_lines(settle=1.5)
    assert oa == aa
    assert oe == ae
    return parsed(a)[2]


def test_exec(pair):
    body = _check(pair, req(b"/ssi/a.shtml/p%20i?x=a%20b&y"))
    if pair.mod:
        assert body.startswith(b"Ahi\nx=a b&y\n/p i\n")
        assert b"SN=/cgi-bin/env1.sh PI=/p i QS=x=a%20b&y" in body
        assert b'C<a href="http://example.com/a?b&amp;c=&quot;d&quot;">' in body
    else:
        assert body.count(b"[an error occurred while processing this directive]") == 8


def test_includes_noexec(pair):
    body = _check(pair, req(b"/noexec/a.shtml"))
    assert body.count(b"[an error occurred while processing this directive]") == 3
