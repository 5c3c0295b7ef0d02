"""mod_info's server-info page, live against Debian's apache2 on the same configuration.

The page parts apachepy knows as httpd does (module list, directive tables, the configuration
listings with file and line, server settings, providers of the loaded modules) must be equal
byte for byte once the per-run values are normalised (server root, port, the MPM's daemon
count).  Which hook functions each module registers is C-level: those lists are masked here
and described in docs/differences.md.
"""
from __future__ import annotations

import os
import re
import shutil

import httpx
import pytest

from tests.conformance.http_oracle import available, docroot_dir
from tests.support.servers import ApacheServer, ApachepyServer, apachepy_serving

pytestmark = pytest.mark.skipif(not available() or not apachepy_serving(),
                                reason="needs Debian's apache2 and apachepy's MPM")

M = "/usr/lib/apache2/modules"

CONF = f"""
ServerName info.example
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule info_module {M}/mod_info.so
LoadModule mime_module {M}/mod_mime.so
LoadModule alias_module {M}/mod_alias.so
LoadModule authn_core_module {M}/mod_authn_core.so
LoadModule authn_file_module {M}/mod_authn_file.so
TypesConfig /etc/mime.types
Timeout 42
KeepAliveTimeout 7
AddModuleInfo mod_alias.c "<b>see the docs</b>"
AddModuleInfo mod_mime.c "types"
Alias /x <&y>
<Location /server-info>
  SetHandler server-info
  Require all granted
</Location>
<IfModule mod_mime.c>
  AddType text/x-foo .foo
</IfModule>
<Directory @DOCROOT@>
  <Files "*.txt">
    AddType text/plain .txt
  </Files>
  Require all granted
</Directory>
Include @DOCROOT@/extra.conf
<VirtualHost 127.0.0.1:@PORT@>
  ServerName other.example
  AddModuleInfo mod_mime.c "vhost types"
</VirtualHost>
"""

EXTRA = """<Location /a>
  Redirect /a /b
</Location>
"""

QUERIES = ["config", "server", "SERVER", "list", "providers", "mod_alias.c", "mod_mime.c", "mod_info.c",
           "core.c", "nosuch"]


def _normalise(text: str, root: str, port: int) -> str:
    text = text.replace(root, "@ROOT@").replace(f"127.0.0.1:{port}", "@HOST@")
    return re.sub(r"Max Daemons: \d+", "Max Daemons: N", text)


_MASKS = [re.compile(r"(<strong>Request Phase Participation:</strong>\n).*?(</dt>)", re.S),
          re.compile(r"(<strong>Configuration Phase Participation:</strong>\n).*?(</dt>)", re.S),
          re.compile(r"(<strong>Content handlers:</strong> ).*?(</dt>)", re.S),
          re.compile(r"(<br /><tt>\n).*?(\n  </tt>)", re.S)]


def _mask_hooks(text: str) -> str:
    for rx in _MASKS:
        text = rx.sub(r"\1HOOKS\2", text)
    return text


@pytest.fixture(scope="module")
def servers():
    root = docroot_dir()
    with open(os.path.join(root, "extra.conf"), "w") as f:
        f.write(EXTRA)
    with ApacheServer(CONF, root) as apache, ApachepyServer(CONF, root) as ours:
        yield apache, ours
    shutil.rmtree(root, ignore_errors=True)


def _get(server, query: str, method: str = "GET") -> tuple[httpx.Response, str]:
    url = f"http://127.0.0.1:{server.port}/server-info" + (f"?{query}" if query is not None else "")
    r = httpx.request(method, url, timeout=10)
    return r, _normalise(r.text, server.root, server.port)


@pytest.mark.parametrize("query", QUERIES)
def test_info_subpage_matches_apache(servers, query):
    apache, ours = servers
    a, a_text = _get(apache, query)
    o, o_text = _get(ours, query)
    assert (o.status_code, o.headers["content-type"]) == (a.status_code, a.headers["content-type"]) == \
        (200, "text/html; charset=ISO-8859-1")
    if query.endswith(".c") or query == "nosuch":
        a_text, o_text = _mask_hooks(a_text), _mask_hooks(o_text)
    assert o_text == a_text


def test_info_full_page_and_hooks_structure(servers):
    """The whole page and ?hooks: equal but for the hook lists and phase participation."""
    apache, ours = servers
    for query in (None, "hooks", "HOOKS"):
        _, a_text = _get(apache, query)
        _, o_text = _get(ours, query)
        assert _mask_hooks(o_text) == _mask_hooks(a_text)
    # apachepy lists its own request hooks, linked as httpd links them on ?hooks
    _, o_text = _get(ours, "hooks")
    assert re.search(r'&nbsp;&nbsp; \d\d <a href="\?mod_alias\.c">mod_alias\.c</a> <br/>', o_text)
    _, o_text = _get(ours, None)
    assert re.search(r'&nbsp;&nbsp; \d\d <a href="#mod_info\.c">mod_info\.c</a> <br/>', o_text)


def test_info_config_listing_details(servers):
    """The listing shows nested sections opened and closed around the module's directives,
    with the included file named, and AddModuleInfo's HTML as given."""
    _, ours = servers
    _, text = _get(ours, "mod_mime.c")
    assert "<dd><tt>&nbsp;&nbsp;&nbsp;&nbsp;:&nbsp;&nbsp;&nbsp;&lt;/Files&gt;</tt></dd>" in text
    assert "AddType <i>text/x-foo .foo</i>" in text and "Additional Information:</strong>\n</dt><dd>vhost types</dd>" in text
    _, text = _get(ours, "mod_alias.c")
    assert "<strong>In file: @ROOT@/extra.conf</strong>" not in text          # the docroot, not the server root
    assert re.search(r"In file: /tmp/ap-docroot\.\w+/extra\.conf</strong>", text)
    assert "Redirect <i>/a /b</i>" in text and "<dd><b>see the docs</b></dd>" in text


def test_info_other_methods_and_dump_config(servers):
    apache, ours = servers
    a, _ = _get(apache, None, "POST")
    o, _ = _get(ours, None, "POST")
    assert o.status_code == a.status_code
    h, _ = _get(ours, None, "HEAD")
    assert h.status_code == 200 and h.content == b""
