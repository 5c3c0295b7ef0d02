"""mod_ssl's config-time checks: certificate, key and CA paths must exist when the configuration
is read (except in dump modes such as -S and -M, as httpd), and SSLProtocol must name protocols
Debian's OpenSSL 3 build offers."""
from __future__ import annotations

import os

from ..config.args import getword
from ..config.walk import Cmd
from .base import handles

FILE_DIRECTIVES = ["SSLCertificateFile", "SSLCertificateKeyFile", "SSLCertificateChainFile",
                   "SSLCACertificateFile", "SSLCADNRequestFile", "SSLCARevocationFile",
                   "SSLProxyCACertificateFile", "SSLProxyCARevocationFile", "SSLProxyMachineCertificateFile",
                   "SSLProxyMachineCertificateChainFile", "SSLSRPVerifierFile", "SSLSessionTicketKeyFile",
                   "SSLOCSPResponderCertificateFile"]
DIR_DIRECTIVES = ["SSLCACertificatePath", "SSLCADNRequestPath", "SSLCARevocationPath",
                  "SSLProxyCACertificatePath", "SSLProxyCARevocationPath", "SSLProxyMachineCertificatePath"]
# certificate and key may name a PKCS#11 object instead of a file
ENGINE_ALLOWED = {"SSLCertificateFile", "SSLCertificateKeyFile"}


def check_file(cmd: Cmd, arg: str) -> tuple[str, str | None]:
    if cmd.config.values.get("run_mode") == "dump":
        return arg, None
    path = cmd.reader.server_root_relative(arg)
    try:
        ok = os.path.isfile(path) and os.path.getsize(path) > 0
    except OSError:
        ok = False
    if ok:
        return path, None
    return path, f"{cmd.cmd.name}: file '{path}' does not exist or is empty"


def check_dir(cmd: Cmd, arg: str) -> tuple[str, str | None]:
    path = cmd.reader.server_root_relative(arg)
    if os.path.isdir(path):
        return path, None
    return path, f"{cmd.cmd.name}: directory '{path}' does not exist"


def _file_handler(cmd: Cmd, arg: str):
    if cmd.cmd.name in ENGINE_ALLOWED and arg.startswith("pkcs11:"):
        path = arg
    else:
        path, err = check_file(cmd, arg)
        if err:
            return err
    if cmd.cmd.name in ENGINE_ALLOWED:   # one per key type (RSA, ECDSA), in order
        cmd.server.values.setdefault(cmd.cmd.name, []).append(path)
    else:
        _store_ca(cmd, path)
    return None


def _dir_handler(cmd: Cmd, arg: str):
    path, err = check_dir(cmd, arg)
    if err:
        return err
    _store_ca(cmd, path)
    return None


# per-directory CA locations only serve a renegotiation (which apachepy refuses): kept in their
# section, they must not replace the server's
CA_DIRECTIVES = {"SSLCACertificateFile", "SSLCACertificatePath"}


def _store_ca(cmd: Cmd, path: str) -> None:
    if cmd.cmd.name in CA_DIRECTIVES and cmd.path is not None:
        cmd.store(path)
    else:
        cmd.server.values[cmd.cmd.name] = path


for _name in FILE_DIRECTIVES:
    handles(_name)(_file_handler)
for _name in DIR_DIRECTIVES:
    handles(_name)(_dir_handler)


def parse_protocols(cmd: Cmd, arg: str) -> tuple[set[str], str | None]:
    """ssl_cmd_protocol_parse against Debian's OpenSSL 3 (no SSLv2, no SSLv3)."""
    known = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
    enabled: set[str] = set()
    pos = 0
    while pos < len(arg):
        w, pos = getword(arg, pos)
        action = ""
        if w[:1] in "+-" and w:
            action, w = w[0], w[1:]
        if w == "SSLv2":
            if action == "-":
                continue
            return enabled, "SSLProtocol: SSLv2 is no longer supported"
        if w == "SSLv3":
            if action != "-":
                return enabled, "SSLv3 not supported by this version of OpenSSL"
            continue
        if w == "all":
            these = set(known)
        elif w in known:
            these = {w}
        else:
            return enabled, f"{cmd.cmd.name}: Illegal protocol '{w}'"
        if action == "-":
            enabled -= these
        elif action == "+":
            enabled |= these
        else:
            enabled = set(these)
    return enabled, None


@handles("SSLProtocol", "SSLProxyProtocol")
def ssl_protocol(cmd: Cmd, arg: str):
    enabled, err = parse_protocols(cmd, arg)
    if err:
        return err
    cmd.server.values[cmd.cmd.name] = enabled
    return None


# -- serving: TLS on connections, SNI checks, HTTPS variables (apachepy/filters/tls.py) --------

from ..filters import tls as _tls                          # noqa: E402
from ..http import hooks as _hooks                         # noqa: E402
from ..http.conf import compiles as _compiles, field as _field   # noqa: E402
from ..http.hooks import DECLINED as _DECLINED, OK as _OK, hook as _hook   # noqa: E402
from ..http.server import server_compiler as _server_compiler      # noqa: E402
from .base import serves as _serves, serves_only as _serves_only   # noqa: E402

_serves("SSLEngine", "SSLCertificateFile", "SSLCertificateKeyFile", "SSLCertificateChainFile", "SSLProtocol",
        "SSLCipherSuite", "SSLHonorCipherOrder", "SSLSessionCache", "SSLSessionCacheTimeout", "SSLOptions",
        "SSLSessionTickets", "SSLRandomSeed", "SSLPassPhraseDialog")
# mod_proxy's TLS to back ends: without proxying (whose directives apachepy refuses to start
# with) these change nothing, in httpd as here, so a configuration that only sets them (httpd's
# own httpd-ssl.conf) needs nothing apachepy lacks
_serves("SSLProxyCipherSuite", "SSLProxyProtocol")


@handles("SSLEngine")
def ssl_engine(cmd: Cmd, arg: str):
    if arg.lower() not in ("on", "off", "optional"):
        return "Argument must be On, Off, or Optional"
    cmd.server.values["SSLEngine"] = arg.lower()
    return None


_OPTION_NAMES = {"stdenvvars": "StdEnvVars", "exportcertdata": "ExportCertData", "fakebasicauth": "FakeBasicAuth",
                 "strictrequire": "StrictRequire", "optrenegotiate": "OptRenegotiate",
                 "legacydnstringformat": "LegacyDNStringFormat"}


def _merge_ssl_options(base: tuple, new: tuple) -> tuple:
    """SSLOptions merge: a list without +/- replaces, +X/-X adjust the inherited set."""
    bopts, badd, brem = base
    nopts, nadd, nrem = new
    if nopts is None:
        if bopts is None:          # two +/- lists merged together (sections of one walk)
            return (None, (badd - nrem) | nadd, (brem - nadd) | nrem)
        return ((bopts | nadd) - nrem, nadd, nrem)
    return new


_field("ssl_options", (frozenset(), frozenset(), frozenset()), _merge_ssl_options)


@_compiles("SSLOptions")
def _c_ssl_options(conf, vals, ctx):
    opts = None
    add: set = set()
    rem: set = set()
    for line in vals:
        words = (line if isinstance(line, str) else " ".join(line)).split()
        for w in words:
            action = w[0] if w[:1] in "+-" else ""
            name = _OPTION_NAMES.get((w[1:] if action else w).lower())
            if name is None:
                continue
            if action == "+":
                add.add(name)
                rem.discard(name)
            elif action == "-":
                rem.add(name)
                add.discard(name)
            else:
                opts = (opts or set()) | {name}
    conf.ssl_options = (frozenset(opts) if opts is not None else None, frozenset(add), frozenset(rem))


@_server_compiler
def _tls_contexts(s, main, site):
    """Every TLS context of the generation, made in the master before it forks (the key files
    are read with its privileges)."""
    if main is not None or "ssl_module" not in site.loaded_modules:
        return
    site.mod["tls"] = _tls.TLSContexts.build(site)


def _tls_conn(r):
    return getattr(r.conn, "tls", None)


@_hook("post_read_request", "ssl_module", _hooks.MIDDLE)
def ssl_read_request(r):
    """ssl_hook_ReadReq: plain HTTP on the TLS port, SNI / Host consistency."""
    st = _tls_conn(r)
    if st is None:
        return _DECLINED
    rc = _tls.check_request(r, st)
    return rc if rc else _DECLINED


@_hook("fixups", "ssl_module", _hooks.MIDDLE)
def ssl_fixups(r):
    """ssl_hook_Fixup: HTTPS=on on TLS connections; SSLOptions +StdEnvVars adds SSL_*."""
    st = _tls_conn(r)
    if st is None or st.disabled:
        return _DECLINED
    env = r.subprocess_env
    env.set("HTTPS", "on")
    if st.servername:
        env.set("SSL_TLS_SNI", st.servername)
    opts = _tls.ssl_options(r)
    if "StdEnvVars" in opts:
        for k, v in _tls.std_env_vars(st, "LegacyDNStringFormat" in opts).items():
            env.set(k, v)
    if "ExportCertData" in opts:        # set even when empty, as mod_ssl does
        for k in ("SSL_SERVER_CERT", "SSL_CLIENT_CERT"):
            env.set(k, _tls.lookup(st, k) or "")
    return _DECLINED


@_hook("pre_connection", "ssl_module", _hooks.MIDDLE)
def ssl_pre_connection(c):
    """ssl_hook_pre_connection: the TLS filter pair when the connection's address-based
    virtual host has SSLEngine on."""
    contexts = c.site.mod.get("tls")
    if not contexts or contexts.get(c.base_server) is None:
        return _DECLINED
    from ..http.vhost import VhostTable
    port = c.local_port

    def lookup(names, base, host):
        if names is None:
            return base if base.matches_name(host) else None
        return VhostTable.for_request(names, base, host, port)

    c.tls = _tls.add_tls_filters(c, c.filters, contexts, c.base_server, c.vhost_names, lookup)
    return _OK


@_server_compiler
def _version_component(s, main, site):
    """mod_ssl's ap_add_version_component: "OpenSSL/x.y.z" in the server description, and in
    the banner (Server header, signatures) with ServerTokens Full."""
    if main is not None or "ssl_module" not in site.loaded_modules:
        return
    comp = _tls.library_version()
    comps = getattr(site, "version_components", None)
    if comps is None:
        comps = site.version_components = []
    comps.append(comp)
    tokens = site.config.values.get("ServerTokens") or "Full"
    if tokens == "Full":
        site.banner = f"{site.banner} {comp}"


@handles("SSLCARevocationCheck", "SSLProxyCARevocationCheck")
def crl_check(cmd: Cmd, arg: str):
    """ssl_cmd_crlcheck_parse: none|leaf|chain, then optional no_crl_for_cert_ok flags."""
    from ..config.args import getword
    w, pos = getword(arg)
    if w.lower() not in ("none", "leaf", "chain"):
        return f"{cmd.cmd.name}: Invalid argument '{w}'"
    flags = []
    while pos < len(arg):
        f, pos = getword(arg, pos)
        if f.lower() != "no_crl_for_cert_ok":
            return f"{cmd.cmd.name}: Invalid argument '{f}'"
        flags.append(f.lower())
    cmd.server.values[cmd.cmd.name] = (w.lower(), flags)
    return None


# -- client certificates ------------------------------------------------------------------------

VERIFY_WORDS = {"none": "none", "off": "none", "optional": "optional", "require": "require", "on": "require",
                "optional_no_ca": "optional_no_ca"}


@handles("SSLVerifyClient")
def verify_client(cmd: Cmd, arg: str):
    """ssl_cmd_verify_parse (case-sensitive words): the server's handshake mode, or in a
    section the per-directory mode (a renegotiation in httpd)."""
    mode = VERIFY_WORDS.get(arg)
    if mode is None:
        return f"{cmd.cmd.name}: Invalid argument '{arg}'"
    if cmd.path is not None:
        cmd.store(mode)
    else:
        cmd.server.values["SSLVerifyClient"] = mode
    return None


@handles("SSLVerifyDepth")
def verify_depth(cmd: Cmd, arg: str):
    from .clib import atoi
    depth = atoi(arg)
    if depth < 0:
        return f"{cmd.cmd.name}: Invalid argument '{arg}'"
    if cmd.path is not None:
        cmd.store(depth)
    else:
        cmd.server.values["SSLVerifyDepth"] = depth
    return None


def _verify_served(args: str) -> bool:
    """optional_no_ca needs a verify callback that accepts an unknown CA, which Python's ssl
    does not offer."""
    return VERIFY_WORDS.get(args.strip()) != "optional_no_ca"


def _verify_where(node) -> bool:
    """Only at server level: httpd renegotiates (TLS 1.2) or asks after the handshake (TLS
    1.3) for a per-directory mode, which apachepy cannot do ("none" asks for nothing)."""
    if VERIFY_WORDS.get(node.args.strip()) == "none":
        return True
    p = node.parent
    while p is not None:
        if p.name.lower() != "<virtualhost":
            return False
        p = p.parent
    return True


_serves_only("SSLVerifyClient", _verify_served, where=_verify_where)
_serves("SSLVerifyDepth", "SSLCACertificateFile", "SSLCACertificatePath")
_field("ssl_verify_client", None, lambda base, new: new if new is not None else base)


@_compiles("SSLVerifyClient")
def _c_verify_client(conf, vals, ctx):
    last = vals[-1] if vals else None
    conf.ssl_verify_client = last if isinstance(last, str) and last in VERIFY_WORDS.values() else None


@_hook("access_checker", "ssl_module", _hooks.MIDDLE)
def ssl_access(r):
    """ssl_hook_Access's per-directory SSLVerifyClient (from a .htaccess file, since sections
    with one are refused at start): where httpd would renegotiate to require a certificate the
    handshake did not give, apachepy cannot ask, so the request is forbidden as a failed
    renegotiation is."""
    st = _tls_conn(r)
    mode = r.per_dir_config.ssl_verify_client
    if st is None or st.disabled or mode != "require" or st.peer is not None:
        return _DECLINED
    r.log_error("ssl", "error", "AH02263: Re-negotiation handshake failed: Client certificate missing")
    return 403
