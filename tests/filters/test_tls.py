"""The TLS connection filters on their own: a real handshake between Python's client and
the filters through memory, SNI choosing the virtual host's certificate, plain HTTP on the
TLS port, and contexts built from configuration values."""
from __future__ import annotations

import ssl
import subprocess
from collections import deque

import pytest

from apachepy.filters import EOS, NETWORK, register_input_filter, register_output_filter
from apachepy.filters.chain import BLOCK, NONBLOCK, READBYTES, ConnFilters, get_brigade, pass_brigade
from apachepy.filters.tls import (HTTP_ON_HTTPS, ServerTLS, TLSContexts, add_tls_filters, build_context,
                                  check_request, library_version)


def make_cert(tmp_path, cn):
    key, crt = tmp_path / f"{cn}.key", tmp_path / f"{cn}.crt"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(crt), "-days", "2", "-subj", f"/CN={cn}"], check=True, capture_output=True)
    return str(crt), str(key)


class Model:
    """A config-model Server as mod_ssl's handlers leave it."""

    def __init__(self, **values):
        self.values = values
        self.conf = type("C", (), {"values": {}})()


class Srv:
    log = None

    def __init__(self, name, model):
        self.server_hostname = name
        self.port = 0
        self.model = model


def _net_in(f, mode, block, n):
    q = f.owner.wire_in
    if not q:
        return [] if block == NONBLOCK else [EOS]
    return [q.popleft()]


def _net_out(f, bb):
    f.owner.wire_out.extend(b for b in bb if isinstance(b, bytes))


register_input_filter("T_WIRE_IN", _net_in, NETWORK)
register_output_filter("T_WIRE_OUT", _net_out, NETWORK)


class Conn:
    pass


def setup(tmp_path, servers):
    contexts = TLSContexts()
    for s in servers:
        tc = ServerTLS(s.model)
        contexts.by_server[id(s)] = (tc, build_context(tc))
    c = Conn()
    cf = ConnFilters(c)
    cf.wire_in, cf.wire_out = deque(), []
    cf.add_output("T_WIRE_OUT")
    cf.add_input("T_WIRE_IN")
    by_name = {s.server_hostname: s for s in servers}
    st = add_tls_filters(c, cf, contexts, servers[0], None, lambda names, base, host: by_name.get(host))
    return c, cf, st


def handshake(cf, client, cin, cout):
    for _ in range(20):
        try:
            client.do_handshake()
            done = True
        except ssl.SSLWantReadError:
            done = False
        data = cout.read()
        if data:
            cf.wire_in.append(data)
        get_brigade(cf.input, READBYTES, NONBLOCK, 100)     # server side makes progress
        if cf.wire_out:
            cin.write(b"".join(cf.wire_out))
            cf.wire_out.clear()
        if done:
            return
    raise AssertionError("no handshake")


def client_for(name):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    cin, cout = ssl.MemoryBIO(), ssl.MemoryBIO()
    return ctx.wrap_bio(cin, cout, server_hostname=name), cin, cout


def test_handshake_sni_and_data(tmp_path):
    a = Srv("a.example", Model(SSLEngine="on", SSLCertificateFile=[make_cert(tmp_path, "a")[0]],
                               SSLCertificateKeyFile=[str(tmp_path / "a.key")]))
    b = Srv("b.example", Model(SSLEngine="on", SSLCertificateFile=[make_cert(tmp_path, "b")[0]],
                               SSLCertificateKeyFile=[str(tmp_path / "b.key")]))
    c, cf, st = setup(tmp_path, [a, b])
    client, cin, cout = client_for("b.example")
    handshake(cf, client, cin, cout)
    cert = ssl.DER_cert_to_PEM_cert(client.getpeercert(binary_form=True))
    subject = subprocess.run(["openssl", "x509", "-noout", "-subject"], input=cert.encode(), capture_output=True)
    assert subject.stdout.strip().endswith(b"CN = b")
    assert st.server is b and st.servername == "b.example" and c.is_tls
    assert client.selected_alpn_protocol() is None      # the client offered none
    client.write(b"GET / HTTP/1.1\r\n\r\n")
    cf.wire_in.append(cout.read())
    assert get_brigade(cf.input, READBYTES, NONBLOCK, 100) == [b"GET / HTTP/1.1\r\n\r\n"]
    assert get_brigade(cf.input, READBYTES, NONBLOCK, 100) == []       # would block
    pass_brigade(cf.output, [b"HTTP/1.1 200 OK\r\n\r\nhi", EOS])
    cin.write(b"".join(cf.wire_out))
    assert client.read(100) == b"HTTP/1.1 200 OK\r\n\r\nhi"


def test_plain_http_on_tls_port(tmp_path):
    a = Srv("a.example", Model(SSLEngine="on", SSLCertificateFile=[make_cert(tmp_path, "a")[0]],
                               SSLCertificateKeyFile=[str(tmp_path / "a.key")]))
    c, cf, st = setup(tmp_path, [a])
    cf.wire_in.append(b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
    assert get_brigade(cf.input, READBYTES, BLOCK, 8192) == [HTTP_ON_HTTPS]
    assert get_brigade(cf.input, READBYTES, BLOCK, 8192) == [EOS]
    assert c.plain_http_on_tls
    # the answer goes out unencrypted
    pass_brigade(cf.output, [b"HTTP/1.1 400 Bad Request\r\n\r\n"])
    assert cf.wire_out == [b"HTTP/1.1 400 Bad Request\r\n\r\n"]


def test_context_protocols_and_ciphers(tmp_path):
    crt, key = make_cert(tmp_path, "p")
    tc = ServerTLS(Model(SSLEngine="on", SSLCertificateFile=[crt], SSLCertificateKeyFile=[key],
                         SSLProtocol={"TLSv1.2"}))
    ctx = build_context(tc)
    assert ctx.minimum_version == ssl.TLSVersion.TLSv1_2 and ctx.maximum_version == ssl.TLSVersion.TLSv1_2
    m = Model(SSLEngine="on", SSLCertificateFile=[crt], SSLCertificateKeyFile=[key])
    m.conf.values = {"SSLCipherSuite": [["HIGH:!aNULL"]], "SSLHonorCipherOrder": [[True]]}
    tc = ServerTLS(m)
    assert tc.ciphers == "HIGH:!aNULL" and tc.honor_order
    assert build_context(tc).options & ssl.OP_CIPHER_SERVER_PREFERENCE
    assert library_version().startswith("OpenSSL/")


def test_sni_host_mismatch_is_421(tmp_path):
    from apachepy.http.request import Request
    a = Srv("a.example", Model(SSLEngine="on", SSLCertificateFile=[make_cert(tmp_path, "a")[0]],
                               SSLCertificateKeyFile=[str(tmp_path / "a.key")]))
    b = Srv("b.example", Model(SSLEngine="on", SSLCertificateFile=[make_cert(tmp_path, "b")[0]],
                               SSLCertificateKeyFile=[str(tmp_path / "b.key")]))
    c, cf, st = setup(tmp_path, [a, b])
    client, cin, cout = client_for("b.example")
    handshake(cf, client, cin, cout)
    r = Request(None, None)
    r.conn = c
    r.server = a
    r.hostname = "a.example"
    assert check_request(r, st) == 421
    r.server = b
    r.hostname = "b.example"
    assert check_request(r, st) is None
