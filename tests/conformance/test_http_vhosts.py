"""Virtual hosts: name-based selection (ServerName, ServerAlias with wildcards, the default
vhost of an address), an IP-based vhost on 127.0.0.2, UseCanonicalName, Host normalisation and
per-vhost keep-alive settings, against Debian's apache2."""
from __future__ import annotations

import socket

import pytest


from .http_oracle import serve_pair, available, check, normalise

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

CONF = """
ServerName main.example
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
TypesConfig /etc/mime.types
Listen 127.0.0.2:@PORT@
LogFormat "%v %V %p \\"%r\\" %>s %b %X" vh
CustomLog logs/access_log vh
ServerSignature On
<Directory @DOCROOT@>
  Require all granted
</Directory>
<VirtualHost 127.0.0.1:@PORT@>
  ServerName v1.example
  ServerAlias www.v1.example *.wild.example
  DocumentRoot @DOCROOT@/v1
</VirtualHost>
<VirtualHost 127.0.0.1:@PORT@>
  ServerName v2.example:8888
  DocumentRoot @DOCROOT@/v2
  UseCanonicalName On
  KeepAliveTimeout 7
  MaxKeepAliveRequests 3
</VirtualHost>
<VirtualHost 127.0.0.2:@PORT@>
  ServerName v3.example
  DocumentRoot @DOCROOT@/v3
</VirtualHost>
"""

TREE = {"v1/index.html": b"v1\n", "v1/d/x": b"x", "v2/index.html": b"v2\n", "v2/d/x": b"x", "v3/index.html": b"v3\n",
        "v3/d/x": b"x"}


def g(path: bytes, host: bytes, extra: bytes = b"", close: bool = True) -> bytes:
    return (b"GET " + path + b" HTTP/1.1\r\nHost: " + host + b"\r\n" + extra
            + (b"Connection: close\r\n" if close else b"") + b"\r\n")


CASES = {
    "servername": g(b"/", b"v1.example"), "case-and-dot": g(b"/", b"V1.EXAMPLE."), "alias": g(b"/", b"www.v1.example"),
    "wildcard-alias": g(b"/", b"a.wild.example"), "second-vhost": g(b"/", b"v2.example"),
    "unknown-host-default": g(b"/", b"unknown"), "main-name-not-a-vhost": g(b"/", b"main.example"),
    "canonical-name-redirect": g(b"/d", b"v2.example:1234"), "host-port-redirect": g(b"/d", b"v1.example:1234"),
    "http10-no-host": b"GET / HTTP/1.0\r\n\r\n", "missing-with-signature": g(b"/nope", b"v2.example"),
    "vhost-keepalive-max": g(b"/", b"v2.example", b"Connection: keep-alive\r\n", close=False) * 4,
    "default-keepalive": g(b"/", b"v1.example", b"Connection: keep-alive\r\n", close=False) * 2 + g(b"/", b"v1.example"),
}


@pytest.fixture(scope="module")
def pair():
    yield from serve_pair(CONF, TREE)


@pytest.mark.parametrize("name", list(CASES))
def test_vhosts(pair, name):
    check(pair, CASES[name], timeout=1.0)


def _raw_to(ip: str, port: int, data: bytes) -> bytes:
    with socket.create_connection((ip, port), timeout=2) as s:
        s.sendall(data)
        out = []
        while True:
            b = s.recv(65536)
            if not b:
                break
            out.append(b)
    return b"".join(out)


@pytest.mark.parametrize("host", [b"v3.example", b"v1.example", b"other"])
def test_ip_based_vhost(pair, host):
    """A request arriving on 127.0.0.2 is served by the vhost of that address, whatever Host says."""
    if not hasattr(pair.ours, "server"):
        pytest.skip("needs apachepy listening (MPM)")
    raw = g(b"/d", host)
    a = normalise(_raw_to("127.0.0.2", pair.apache.port, raw))
    b = normalise(_raw_to("127.0.0.2", pair.ours.port, raw))
    assert b == a
