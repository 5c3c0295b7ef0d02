"""mod_ssl on Python's ssl module: contexts per virtual host, SNI, and the TLS connection
filters.

Contexts (`TLSContexts.build(site)`) are made once per configuration generation, in the
master, from the values apachepy/modules/ssl.py stored for each server: SSLEngine,
SSLCertificateFile / SSLCertificateKeyFile (one pair per key type), SSLCertificateChainFile,
SSLProtocol, SSLCipherSuite, SSLHonorCipherOrder, SSLSessionTickets.  A connection to an
address whose address-based virtual host has SSLEngine on gets the "SSL/TLS Filter" pair
(CONNECTION + 5, like mod_ssl); the handshake picks the name-based virtual host of the SNI
name (ServerName/ServerAlias among the vhosts of that address) and its certificate.

The filters are sans-IO (ssl.SSLObject over two MemoryBIOs): the input filter pulls ciphertext
from the network filter below it, the output filter pushes ciphertext down; neither ever
blocks on its own, so TLS connections are async-compatible: the listener thread runs the
handshake and reads request heads, keep-alive waits and write completion stay with the
listener as for plain HTTP.  (httpd's mod_ssl is async-compatible too since 2.4.7.)

Plain HTTP sent to a TLS port is answered as mod_ssl does: the filters step aside, a fake
`GET / HTTP/1.0` request is read, and it gets a 400 whose error notes say "You're speaking
plain HTTP to an SSL-enabled server port".
"""
from __future__ import annotations

import os
import ssl
import tempfile
import warnings

from .buckets import EOS, FileBucket, Metadata, flatten, is_file
from .chain import INIT, READBYTES
from .registry import CONNECTION, register_input_filter, register_output_filter
from .tls_vars import Cert

SSL_FTYPE = CONNECTION + 5
RECORD = 16384
FILE_CHUNK = 65536
HTTP_ON_HTTPS = b"GET / HTTP/1.0\r\n\r\n"
PLAIN_HTTP_NOTES = ("Reason: You're speaking plain HTTP to an SSL-enabled server port.<br />\n"
                    " Instead use the HTTPS scheme to access this URL, please.<br />\n")

_VERSIONS = {"TLSv1": ssl.TLSVersion.TLSv1, "TLSv1.1": ssl.TLSVersion.TLSv1_1, "TLSv1.2": ssl.TLSVersion.TLSv1_2,
             "TLSv1.3": ssl.TLSVersion.TLSv1_3}
_ORDER = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
_NO_FLAGS = {"TLSv1": ssl.OP_NO_TLSv1, "TLSv1.1": ssl.OP_NO_TLSv1_1, "TLSv1.2": ssl.OP_NO_TLSv1_2,
             "TLSv1.3": ssl.OP_NO_TLSv1_3}
DEFAULT_PROTOCOLS = frozenset(_ORDER)          # "all -SSLv3" on an OpenSSL without SSLv3


def library_version() -> str:
    """"OpenSSL/3.0.19": the version component mod_ssl adds to the server banner."""
    words = ssl.OPENSSL_VERSION.split()
    return f"{words[0]}/{words[1]}" if len(words) > 1 else words[0]


def _flag(v) -> bool:
    if isinstance(v, list):
        v = v[-1] if v else None
        if isinstance(v, list):
            v = v[0] if v else None
    return v is True or str(v).lower() == "on"


def _last(values: dict, conf_values: dict, name: str):
    if name in values:
        return values[name]
    v = conf_values.get(name)
    if v:
        last = v[-1]
        return last[0] if isinstance(last, list) and len(last) == 1 else last
    return None


class ServerTLS:
    """The TLS settings of one server (main or vhost), as mod_ssl merges them: a vhost
    inherits what it does not set from the main server."""

    def __init__(self, model, main_model=None):
        def get(name):
            v = _last(model.values, model.conf.values, name)
            if v is None and main_model is not None:
                v = _last(main_model.values, main_model.conf.values, name)
            return v
        engine = get("SSLEngine")
        self.engine = engine is not None and str(engine).lower() in ("on", "true", "optional") or engine is True
        self.certs = list(model.values.get("SSLCertificateFile") or
                          (main_model.values.get("SSLCertificateFile") if main_model else None) or [])
        self.keys = list(model.values.get("SSLCertificateKeyFile") or
                         (main_model.values.get("SSLCertificateKeyFile") if main_model else None) or [])
        self.chain = get("SSLCertificateChainFile")
        protocols = model.values.get("SSLProtocol")
        if protocols is None and main_model is not None:
            protocols = main_model.values.get("SSLProtocol")
        self.protocols = frozenset(protocols) if protocols is not None else DEFAULT_PROTOCOLS
        self.ciphers = self._ciphers(model) or (self._ciphers(main_model) if main_model else None)
        honor = get("SSLHonorCipherOrder")
        self.honor_order = honor is not None and _flag(honor)
        tickets = get("SSLSessionTickets")
        self.tickets = tickets is None or _flag(tickets)
        self.strict_sni = _flag(get("SSLStrictSNIVHostCheck")) if get("SSLStrictSNIVHostCheck") is not None else False
        # client authentication (values stored by apachepy/modules/ssl.py's handlers)
        self.verify_client = get("SSLVerifyClient") or "none"
        depth = get("SSLVerifyDepth")
        self.verify_depth = depth if isinstance(depth, int) else 1       # mod_ssl's default
        self.ca_file = get("SSLCACertificateFile")
        self.ca_path = get("SSLCACertificatePath")

    @staticmethod
    def _ciphers(model) -> str | None:
        """SSLCipherSuite for TLSv1.2 and below (an "SSL" prefix names it explicitly)."""
        for args in reversed(model.conf.values.get("SSLCipherSuite", []) or []):
            args = args if isinstance(args, list) else [args]
            if len(args) == 2 and args[0].lower() in ("ssl",):
                return args[1]
            if len(args) == 1:
                return args[0]
        return None

    def policy(self) -> tuple:
        """What makes two virtual hosts interchangeable after an SNI handshake (mod_ssl's
        'secure' SSLVHostSNIPolicy): certificates and protocol parameters."""
        return (tuple(self.certs), tuple(self.keys), self.chain, self.protocols, self.ciphers, self.honor_order,
                self.tickets, self.verify_client, self.verify_depth, self.ca_file, self.ca_path)


class TLSError(Exception):
    """A TLS configuration that cannot be loaded (httpd refuses to start)."""


def build_context(tc: ServerTLS) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    enabled = [v for v in _ORDER if v in tc.protocols]
    if not enabled:
        raise TLSError("AH02231: No SSL protocols available [hint: SSLProtocol]")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)     # TLSv1 and 1.1 are what was asked for
        try:
            ctx.minimum_version = _VERSIONS[enabled[0]]
            ctx.maximum_version = _VERSIONS[enabled[-1]]
        except (ValueError, ssl.SSLError):
            pass
    for v in _ORDER[_ORDER.index(enabled[0]):_ORDER.index(enabled[-1]) + 1]:
        if v not in enabled:
            ctx.options |= _NO_FLAGS[v]
    try:
        ctx.set_ciphers(tc.ciphers or "DEFAULT")
    except ssl.SSLError:
        raise TLSError(f"AH01898: Unable to configure permitted SSL ciphers") from None
    if tc.honor_order:
        ctx.options |= ssl.OP_CIPHER_SERVER_PREFERENCE
    if not tc.tickets:
        ctx.options |= ssl.OP_NO_TICKET
    ctx.set_alpn_protocols(["http/1.1"])
    _client_auth(ctx, tc)
    if not tc.certs:
        raise TLSError("AH02572: Failed to configure at least one certificate and key")
    for i, cert in enumerate(tc.certs):
        key = tc.keys[i] if i < len(tc.keys) else None
        try:
            if tc.chain:
                _load_with_chain(ctx, cert, key, tc.chain)
            else:
                ctx.load_cert_chain(cert, key)
        except (ssl.SSLError, OSError) as e:
            raise TLSError(f"AH02565: Certificate and private key {cert} from {cert} and {key or cert} "
                           f"do not match ({e})") from None
    return ctx


def _client_auth(ctx: ssl.SSLContext, tc: ServerTLS) -> None:
    """ssl_init_ctx_verify: ask for a client certificate (require: fail without one) and
    trust the SSLCACertificateFile/Path certificates for it.  Python's ssl sends no list of
    acceptable CA names in the request (httpd sends the CA subjects); clients offer their
    certificate anyway."""
    if tc.ca_file or tc.ca_path:
        try:
            ctx.load_verify_locations(cafile=tc.ca_file, capath=tc.ca_path)
        except (ssl.SSLError, OSError):
            raise TLSError("AH01895: Unable to configure verify locations for client authentication") from None
    if tc.verify_client == "require":
        ctx.verify_mode = ssl.CERT_REQUIRED
    elif tc.verify_client == "optional":
        ctx.verify_mode = ssl.CERT_OPTIONAL


def _load_with_chain(ctx: ssl.SSLContext, cert: str, key: str | None, chain: str) -> None:
    """load_cert_chain wants the chain in the certificate file: join them in a private
    temporary file that is gone as soon as the context has read it."""
    with open(cert, "rb") as f:
        data = f.read()
    with open(chain, "rb") as f:
        data += b"\n" + f.read()
    fd, path = tempfile.mkstemp(prefix="apachepy-chain.")
    try:
        os.write(fd, data)
        os.close(fd)
        ctx.load_cert_chain(path, key or cert)
    finally:
        os.unlink(path)


class TLSContexts:
    """Every TLS context of a configuration generation, by server record."""

    def __init__(self):
        self.by_server: dict[int, tuple] = {}      # id(ServerRec) -> (ServerTLS, SSLContext)

    @classmethod
    def build(cls, site) -> "TLSContexts":
        self = cls()
        main = site.main
        for s in site.servers:
            tc = ServerTLS(s.model, None if s is main else main.model)
            if not tc.engine:
                continue
            ctx = build_context(tc)
            self.by_server[id(s)] = (tc, ctx)
        return self

    def get(self, server):
        return self.by_server.get(id(server))

    def __bool__(self) -> bool:
        return bool(self.by_server)


class TLSConn:
    """The per-connection TLS state both SSL filters share."""

    def __init__(self, c, contexts: TLSContexts, server, names, lookup):
        tc, ctx = contexts.get(server)
        self.c = c
        self.contexts = contexts
        self.names = names                 # the name-based vhosts of this address
        self.lookup = lookup               # (names, base, host, port) -> server or None
        self.incoming = ssl.MemoryBIO()
        self.outgoing = ssl.MemoryBIO()
        self.server = server               # the handshake server (SNI's, else the address's)
        self.tls = tc
        ctx.sni_callback = _sni_callback
        self.obj = ctx.wrap_bio(self.incoming, self.outgoing, server_side=True)
        self.obj.apachepy_conn = self
        self.servername: str | None = None
        self.handshaken = False
        self.plain = None                  # bytes still to feed for the plain-HTTP answer
        self.disabled = False
        self.out: object = None            # the output filter instance (for handshake records)
        self.eof = False
        self.peer: Cert | None = None      # the verified client certificate

    def pending(self) -> bool:
        """Decrypted input is buffered (the socket may not be readable again)."""
        return bool(self.plain) or (not self.disabled and self.obj.pending() > 0)

    def push_out(self) -> None:
        data = self.outgoing.read()
        if data and self.out is not None:
            self.out.pass_brigade([data])


def _sni_callback(sslobj, servername, ctx):
    st = getattr(sslobj, "apachepy_conn", None)
    if st is None or servername is None:
        return None
    st.servername = servername
    s = st.lookup(st.names, st.server, servername.lower())
    if s is None:
        return None
    found = st.contexts.get(s)
    if found is None:
        return None
    st.server = s
    st.tls = found[0]
    if found[1] is not ctx:
        found[1].sni_callback = _sni_callback
        sslobj.context = found[1]
    return None


def ssl_input(f, mode: str, block: str, readbytes: int) -> list:
    st: TLSConn = f.ctx
    if st.plain is not None:
        # plain HTTP on the TLS port: hand the fake request line up once, then EOF
        if st.plain:
            data, st.plain = st.plain, b""
            return [data]
        return [EOS]
    if st.disabled:
        return f.get_brigade(mode, block, readbytes)
    while True:
        try:
            if not st.handshaken:
                st.obj.do_handshake()
                st.handshaken = True
                st.push_out()
                _established(st)
            if mode == INIT:
                return []
            data = st.obj.read(max(1, min(readbytes, RECORD)))
            st.push_out()
            if not data:
                return [EOS]
            return [data]
        except ssl.SSLWantReadError:
            st.push_out()
            if st.eof:
                return [EOS]
            bb = f.get_brigade(READBYTES, block, RECORD)
            if not bb:
                return []
            if bb[0] is EOS:
                st.eof = True
                st.incoming.write_eof()
                continue
            st.incoming.write(flatten(bb))
        except ssl.SSLZeroReturnError:
            return [EOS]
        except ssl.SSLEOFError:
            return [EOS]
        except ssl.SSLError as e:
            if getattr(e, "reason", None) == "HTTP_REQUEST" and not st.handshaken:
                _log(st, "info", "AH01996: SSL handshake failed: HTTP spoken on HTTPS port; "
                                 "trying to send HTML error page")
                st.disabled = True
                st.plain = b""
                st.c.plain_http_on_tls = True
                return [HTTP_ON_HTTPS]
            _log(st, "info", f"AH02008: SSL library error {e.reason or ''} in handshake (server "
                             f"{_server_label(st)})")
            raise ConnectionError(str(e)) from None


def ssl_output(f, bb: list) -> None:
    st: TLSConn = f.ctx
    if st.disabled:
        f.pass_brigade(bb)
        return
    out: list = []
    for b in bb:
        if isinstance(b, Metadata):
            out.append(b)
            continue
        if is_file(b):
            off, left = b.offset, b.length
            while left > 0:
                n = min(left, FILE_CHUNK)
                piece = FileBucket(getattr(b, "path", None), getattr(b, "fd", None), off, n).read()
                _write(st, piece)
                off += n
                left -= n
                data = st.outgoing.read()
                if data:
                    out.append(data)
            continue
        _write(st, b)
        data = st.outgoing.read()
        if data:
            out.append(data)
    if out:
        f.pass_brigade(out)


def _write(st: TLSConn, data) -> None:
    try:
        st.obj.write(data)
    except ssl.SSLError as e:
        raise ConnectionError(str(e)) from None


def _server_label(st: TLSConn) -> str:
    s = st.server
    return f"{s.server_hostname}:{s.port or 443}"


def _log(st: TLSConn, level: str, msg: str) -> None:
    log = getattr(st.c, "log_conn", None)
    if log is not None:
        log("ssl", level, msg)


def _established(st: TLSConn) -> None:
    """After the handshake: the verified client certificate, and SSLVerifyDepth (Python's
    ssl cannot limit the chain while verifying, so it is checked on the chain just built)."""
    st.c.is_tls = True
    if st.tls.verify_client == "none":
        return
    der = st.obj.getpeercert(binary_form=True)
    if not der:
        return
    st.peer = Cert(st.obj.getpeercert(), der)
    depth = _chain_depth(st.peer.info, st.obj.context.get_ca_certs())
    if depth > st.tls.verify_depth:
        _log(st, "error", f"AH02040: Certificate Verification: Certificate Chain too long (chain has {depth} "
                          f"certificates, but maximum allowed are only {st.tls.verify_depth})")
        raise ConnectionError("client certificate chain too long")


def _chain_depth(leaf: dict, cas: list[dict]) -> int:
    """The depth of the chain's top above the client certificate (mod_ssl's errdepth), found
    by following issuers through the trusted CA certificates; an issuer that is not among
    them is an intermediate the client sent, counted once."""
    by_subject = {ca.get("subject"): ca for ca in cas}
    depth, issuer = 1, leaf.get("issuer")
    seen = 0
    while seen < 32:
        ca = by_subject.get(issuer)
        if ca is None:
            return depth + 1
        if ca.get("issuer") == ca.get("subject"):
            return depth
        depth, issuer, seen = depth + 1, ca.get("issuer"), seen + 1
    return depth


SSL_IN = register_input_filter("SSL/TLS Filter", ssl_input, SSL_FTYPE, module="ssl_module")
SSL_OUT = register_output_filter("SSL/TLS Filter", ssl_output, SSL_FTYPE, module="ssl_module")


def add_tls_filters(c, filters, contexts: TLSContexts, server, names, lookup) -> TLSConn:
    """mod_ssl's pre_connection: put the TLS filter pair on a connection to a TLS address."""
    st = TLSConn(c, contexts, server, names, lookup)
    st.out = filters.add_output(SSL_OUT, st)
    filters.add_input(SSL_IN, st)
    _log(st, "info", f"AH01964: Connection to child {getattr(c, 'conn_id', 0)} established "
                     f"(server {_server_label(st)})")
    return st


# -- request side: SNI checks and the HTTPS variables ---------------------------------------------

def check_request(r, st: TLSConn) -> int | None:
    """ssl_hook_ReadReq: the plain-HTTP answer, and the SNI / Host consistency check
    (SSLVHostSNIPolicy secure: the two virtual hosts must have the same TLS settings)."""
    c = r.conn
    if getattr(c, "plain_http_on_tls", False):
        c.plain_http_on_tls = False
        r.notes.set("error-notes", PLAIN_HTTP_NOTES)
        return 400
    if st.disabled or r.main is not None or r.prev is not None:
        return None
    if st.servername:
        if not r.hostname:
            r.log_error("ssl", "error", f"AH02031: Hostname {st.servername} provided via SNI, but no hostname "
                        "provided in HTTP request")
            return 400
        what = f"Hostname {st.servername} provided via SNI"
    else:
        what = f"Hostname {st.server.server_hostname} (default host as no SNI was provided)"
    if r.server is not st.server:
        other = st.contexts.get(r.server)
        if other is None or other[0].policy() != st.tls.policy():
            r.log_error("ssl", "error", f"AH02032: {what} and hostname {r.hostname} provided via HTTP have no "
                        "compatible SSL setup for policy 'secure'")
            return 421
    return None


# ssl_hook_Fixup's list: what SSLOptions +StdEnvVars exports (then the DN parts and SANs)
STD_VARS = ["SSL_VERSION_INTERFACE", "SSL_VERSION_LIBRARY", "SSL_PROTOCOL", "SSL_SECURE_RENEG",
            "SSL_COMPRESS_METHOD", "SSL_CIPHER", "SSL_CIPHER_EXPORT", "SSL_CIPHER_USEKEYSIZE",
            "SSL_CIPHER_ALGKEYSIZE", "SSL_CLIENT_VERIFY", "SSL_CLIENT_M_VERSION", "SSL_CLIENT_M_SERIAL",
            "SSL_CLIENT_V_START", "SSL_CLIENT_V_END", "SSL_CLIENT_V_REMAIN", "SSL_CLIENT_S_DN", "SSL_CLIENT_I_DN",
            "SSL_CLIENT_A_KEY", "SSL_CLIENT_A_SIG", "SSL_CLIENT_CERT_RFC4523_CEA", "SSL_SERVER_M_VERSION",
            "SSL_SERVER_M_SERIAL", "SSL_SERVER_V_START", "SSL_SERVER_V_END", "SSL_SERVER_S_DN", "SSL_SERVER_I_DN",
            "SSL_SERVER_A_KEY", "SSL_SERVER_A_SIG", "SSL_SESSION_ID", "SSL_SESSION_RESUMED"]


def lookup(st: TLSConn, name: str, legacy_dn: bool = False) -> str | None:
    """ssl_var_lookup_ssl: one SSL_* variable of the connection (None when it has none)."""
    if not name.startswith("SSL_"):
        return None
    var = name[4:]
    obj = st.obj
    if var == "VERSION_INTERFACE":
        return f"mod_ssl/{_compat()}"
    if var == "VERSION_LIBRARY":
        return library_version()
    try:
        if var == "PROTOCOL":
            return obj.version() or ""
        if var.startswith("CIPHER"):
            name_, _proto, bits = obj.cipher() or ("", "", 0)
            return {"": name_, "_EXPORT": "false", "_USEKEYSIZE": str(bits),
                    "_ALGKEYSIZE": str(bits)}.get(var[6:])
        if var == "SECURE_RENEG":
            return "false" if obj.version() == "TLSv1.3" else "true"
    except (ValueError, AttributeError):
        return None
    if var == "COMPRESS_METHOD":
        return "NULL"
    if var == "TLS_SNI":
        return st.servername
    if var == "SESSION_ID":
        session = obj.session
        return session.id.hex().upper() if session is not None and session.id else None
    if var == "SESSION_RESUMED":
        return "Resumed" if obj.session_reused else "Initial"
    if var == "CLIENT_VERIFY":
        return "SUCCESS" if st.peer is not None else "NONE"
    if var == "CLIENT_CERT_RFC4523_CEA":
        return st.peer.rfc4523_cea() if st.peer is not None else None
    if var.startswith("CLIENT_CERT_CHAIN_"):
        return None      # Python's ssl (before 3.13) does not give the chain the client sent
    if var.startswith("CLIENT_"):
        return st.peer.lookup(var[7:], legacy_dn) if st.peer is not None else None
    if var.startswith("SERVER_"):
        cert = _server_cert(st)
        return cert.lookup(var[7:], legacy_dn) if cert is not None else None
    return None


def _server_cert(st: TLSConn) -> Cert | None:
    """The certificate this handshake used (the first of the server's certificate files)."""
    if not st.tls.certs:
        return None
    path = st.tls.certs[0]
    cached = _SERVER_CERTS.get(path)
    if cached is None:
        try:
            info = ssl._ssl._test_decode_cert(path)      # the dict getpeercert() gives
            with open(path, "rb") as f:
                der = ssl.PEM_cert_to_DER_cert(f.read().decode("ascii", "replace").split("-----END CERTIFICATE-----")[0]
                                               + "-----END CERTIFICATE-----\n")
        except (OSError, ValueError, ssl.SSLError):
            return None
        cached = _SERVER_CERTS[path] = Cert(info, der)
    return cached


_SERVER_CERTS: dict[str, Cert] = {}


def std_env_vars(st: TLSConn, legacy_dn: bool = False) -> dict[str, str]:
    """ssl_hook_Fixup's variables for SSLOptions +StdEnvVars, in its order: the DN parts and
    subjectAltNames of the server's then the client's certificate, then its fixed list."""
    out = {}
    server = _server_cert(st)
    for prefix, cert in (("SSL_SERVER_", server), ("SSL_CLIENT_", st.peer)):
        if cert is not None:
            out.update(cert.exported(prefix))
    for name in STD_VARS:
        v = lookup(st, name, legacy_dn)
        if v:
            out[name] = v
    return out


def variables(st: TLSConn) -> dict[str, str]:
    """The connection's SSL_* variables as StdEnvVars exports them."""
    return std_env_vars(st)


def request_lookup(r, name: str) -> str | None:
    """An SSL_* variable for a request (%{..}x, %{..}s, ap_expr): None off TLS."""
    st = getattr(r.conn, "tls", None)
    if st is None or st.disabled:
        return None
    return lookup(st, name, "LegacyDNStringFormat" in ssl_options(r))


def ssl_options(r) -> frozenset:
    """The request's SSLOptions (a +X list with nothing to merge onto adds to none)."""
    opts, add, _rem = r.per_dir_config.ssl_options
    return opts if opts is not None else frozenset(add)


def _compat() -> str:
    from ..version import COMPAT_STR
    return COMPAT_STR
