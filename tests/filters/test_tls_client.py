"""Client certificates, live against Debian's apache2 on the same configuration: SSLVerifyClient
(optional, require), SSLCACertificateFile, SSLVerifyDepth, and the SSL_CLIENT_* variables as
they reach the access log (%{..}x, and through +StdEnvVars / +ExportCertData as %{..}e),
request headers (RequestHeader ... %{..}s) and Require expr.  Certificates are made with the
openssl command line."""
from __future__ import annotations

import os
import shutil
import ssl
import subprocess

import httpx
import pytest

from tests.conformance.http_oracle import available, docroot_dir, make_tree, normalise_access
from tests.support.servers import ApacheServer, ApachepyServer, apachepy_serving

pytestmark = pytest.mark.skipif(not available() or not apachepy_serving(),
                                reason="needs Debian's apache2 and apachepy's MPM")

M = "/usr/lib/apache2/modules"


def openssl(*args: str, cwd: str) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_pki(d: str) -> None:
    """A root CA, an intermediate CA under it, a server certificate, a client certificate
    from the root (with a multi-valued name) and one from the intermediate."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "3",
            "-subj", "/C=DE/O=Test Root/CN=Test CA", cwd=d)
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n"
                "[leaf]\nbasicConstraints=CA:FALSE\nsubjectAltName=email:alice@example.org,DNS:alice.example\n"
                "[server]\nbasicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost\n")
    for name, subj, issuer, ext in (
            ("inter", "/C=DE/O=Test Root/CN=Intermediate CA", "ca", "ca"),
            ("server", "/CN=localhost", "ca", "server"),
            ("alice", "/C=DE/ST=Berlin/O=Example, Inc./OU=Dev/OU=Ops/CN=Alice Smith/emailAddress=alice@example.org",
             "ca", "leaf"),
            ("bob", "/C=DE/O=Example/CN=bob", "inter", "leaf")):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
                "-subj", subj, cwd=d)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{issuer}.crt", "-CAkey", f"{issuer}.key",
                "-CAcreateserial", "-out", f"{name}.crt", "-days", "2", "-extfile", "ext.cnf", "-extensions", ext,
                cwd=d)
    with open(os.path.join(d, "bob-chain.crt"), "w") as f:       # what bob presents: his and the intermediate
        f.write(open(os.path.join(d, "bob.crt")).read() + open(os.path.join(d, "inter.crt")).read())
    for f in os.listdir(d):
        os.chmod(os.path.join(d, f), 0o644)


VARS = ["SSL_CLIENT_VERIFY", "SSL_CLIENT_S_DN", "SSL_CLIENT_I_DN", "SSL_CLIENT_S_DN_CN", "SSL_CLIENT_S_DN_OU",
        "SSL_CLIENT_S_DN_OU_1", "SSL_CLIENT_S_DN_Email", "SSL_CLIENT_I_DN_O", "SSL_CLIENT_M_SERIAL",
        "SSL_CLIENT_M_VERSION", "SSL_CLIENT_V_START", "SSL_CLIENT_V_END", "SSL_CLIENT_V_REMAIN",
        "SSL_CLIENT_A_SIG", "SSL_CLIENT_A_KEY", "SSL_CLIENT_SAN_Email_0", "SSL_CLIENT_SAN_DNS_0",
        "SSL_CLIENT_CERT_RFC4523_CEA", "SSL_SERVER_S_DN", "SSL_SERVER_I_DN_CN"]
ENV = ["SSL_CLIENT_S_DN", "SSL_CLIENT_S_DN_OU_1", "SSL_CLIENT_I_DN_CN", "SSL_SERVER_S_DN_CN", "SSL_CLIENT_VERIFY",
       "SSL_CLIENT_SAN_Email_0", "SSL_CLIENT_A_KEY"]


def conf(pki: str) -> str:
    fmt = " ".join(f"{v}=[%{{{v}}}x]" for v in VARS)
    env = " ".join(f"{v}=[%{{{v}}}e]" for v in ENV)
    return f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule mime_module {M}/mod_mime.so
LoadModule ssl_module {M}/mod_ssl.so
LoadModule headers_module {M}/mod_headers.so
TypesConfig /etc/mime.types
LogFormat "%r %>s {fmt} hdr=[%{{X-DN}}i] env: {env}" vars
LogFormat "%r %>s cert=[%{{SSL_CLIENT_CERT}}e] legacy=[%{{SSL_CLIENT_S_DN}}x]" pem
<VirtualHost 127.0.0.1:@PORT@>
  SSLEngine on
  SSLCertificateFile {pki}/server.crt
  SSLCertificateKeyFile {pki}/server.key
  SSLCACertificateFile {pki}/ca.crt
  SSLVerifyClient optional
  SSLVerifyDepth 2
  CustomLog @ROOT@/logs/access_log vars "expr=%{{REQUEST_URI}} !~ m#^/pem#"
  CustomLog @ROOT@/logs/pem_log pem "expr=%{{REQUEST_URI}} =~ m#^/pem#"
  RequestHeader set X-DN "%{{SSL_CLIENT_S_DN}}s"
  <Directory @DOCROOT@>
    Require all granted
    SSLOptions +StdEnvVars
  </Directory>
  <Location /alice>
    Require expr %{{SSL_CLIENT_S_DN_CN}} == 'Alice Smith' && %{{SSL_CLIENT_VERIFY}} == 'SUCCESS'
  </Location>
  <Location /pem>
    SSLOptions +ExportCertData +LegacyDNStringFormat
  </Location>
</VirtualHost>
"""


@pytest.fixture(scope="module")
def servers():
    pki = docroot_dir("ap-pki.")
    make_pki(pki)
    root = docroot_dir()
    make_tree(root, {"index.html": b"hi\n", "alice": b"secret\n", "pem": b"pem\n"})
    with ApacheServer(conf(pki), root) as apache, ApachepyServer(conf(pki), root) as ours:
        yield pki, apache, ours
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(pki, ignore_errors=True)


def _get(server, pki: str, path: str, who: str | None, chain: bool = False) -> int:
    cert = None
    if who is not None:
        cert = (os.path.join(pki, f"{who}-chain.crt" if chain else f"{who}.crt"), os.path.join(pki, f"{who}.key"))
    ctx = ssl.create_default_context(cafile=os.path.join(pki, "ca.crt"))
    if cert is not None:
        ctx.load_cert_chain(*cert)
    with httpx.Client(verify=ctx, timeout=10) as client:
        return client.get(f"https://localhost:{server.port}{path}").status_code


def _last_line(server, name: str = "access_log") -> str:
    path = os.path.join(server.root, "logs", name)
    lines = []
    for _ in range(100):
        if os.path.exists(path):
            lines = open(path).read().splitlines()
            if lines:
                break
        import time
        time.sleep(0.03)
    return normalise_access(lines[-1]) if lines else ""


def _both(servers, path, who, log="access_log", chain=False):
    pki, apache, ours = servers
    a = _get(apache, pki, path, who, chain)
    o = _get(ours, pki, path, who, chain)
    import time
    time.sleep(0.2)       # the log entry follows the response
    return a, o, _last_line(apache, log), _last_line(ours, log)


@pytest.mark.parametrize("who,path", [("alice", "/index.html"), (None, "/index.html"), ("alice", "/alice"),
                                      (None, "/alice")])
def test_client_variables_match_apache(servers, who, path):
    a, o, a_line, o_line = _both(servers, path, who)
    assert o == a
    assert o_line == a_line
    if who == "alice" and path == "/index.html":
        assert "SSL_CLIENT_S_DN=[emailAddress=alice@example.org,CN=Alice Smith,OU=Ops,OU=Dev," \
               "O=Example\\\\, Inc.,ST=Berlin,C=DE]" in o_line     # the log escapes the backslash
        assert "SSL_CLIENT_VERIFY=[SUCCESS]" in o_line


def test_client_through_intermediate_within_depth(servers):
    a, o, a_line, o_line = _both(servers, "/index.html", "bob", chain=True)
    assert o == a == 200 and o_line == a_line and "SSL_CLIENT_S_DN_CN=[bob]" in o_line


def test_export_cert_data_and_legacy_dn(servers):
    pki, _, _ = servers
    a, o, a_line, o_line = _both(servers, "/pem", "alice", log="pem_log")
    assert o == a == 200
    assert o_line == a_line
    assert "legacy=[/C=DE/ST=Berlin/O=Example, Inc./OU=Dev/OU=Ops/CN=Alice Smith/emailAddress=alice@example.org]" \
        in o_line
    assert "-----BEGIN CERTIFICATE-----" in o_line


def _outcome(server, pki, who, chain=False):
    try:
        return _get(server, pki, "/index.html", who, chain)
    except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError):
        return "refused"


def test_require_and_depth_one(servers):
    """SSLVerifyClient require with mod_ssl's default depth 1: no certificate and a chain
    through an intermediate are both refused, as by apache2."""
    pki, _, _ = servers
    text = conf(pki).replace("SSLVerifyClient optional\n  SSLVerifyDepth 2", "SSLVerifyClient require")
    root = docroot_dir()
    make_tree(root, {"index.html": b"hi\n"})
    try:
        with ApacheServer(text, root) as apache, ApachepyServer(text, root) as ours:
            for who, chain in (("alice", False), (None, False), ("bob", True)):
                a, o = _outcome(apache, pki, who, chain), _outcome(ours, pki, who, chain)
                assert o == a == (200 if who == "alice" else "refused"), who
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _check(text: str, *extra: str) -> subprocess.CompletedProcess:
    import sys
    d = docroot_dir("ap-conf.")
    path = os.path.join(d, "httpd.conf")
    with open(path, "w") as f:
        f.write(f"ServerRoot {d}\nLoadModule mpm_event_module {M}/mod_mpm_event.so\n"
                f"LoadModule ssl_module {M}/mod_ssl.so\nServerName x\nListen 127.0.0.1:9\nErrorLog /dev/null\n" + text)
    try:
        return subprocess.run([sys.executable, "-m", "apachepy", "-t", "-f", path, *extra], capture_output=True,
                              text=True, timeout=60)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_verify_client_config_checks():
    bad = _check("SSLVerifyClient Require\n")          # the words are case-sensitive in mod_ssl
    assert bad.returncode == 1 and "SSLVerifyClient: Invalid argument 'Require'" in bad.stderr
    assert _check("SSLVerifyDepth -1\n").returncode == 1
    # a per-directory mode (a renegotiation in httpd) and optional_no_ca are not served
    report = _check("SSLVerifyClient on\n<Location /x>\n  SSLVerifyClient require\n</Location>\n"
                    "<VirtualHost *:9>\n  SSLVerifyClient optional_no_ca\n</VirtualHost>\n<Location /y>\n"
                    "  SSLVerifyClient none\n</Location>\n", "-D", "DUMP_SUPPORT")
    lines = [ln for ln in report.stdout.splitlines() if "SSLVerifyClient" in ln]
    assert [ln.split(": ")[0].rsplit(":", 1)[1] for ln in lines] == ["9", "12"], report.stdout
