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
        cmd.server.values[cmd.cmd.name] = path
    return None


def _dir_handler(cmd: Cmd, arg: str):
    path, err = check_dir(cmd, arg)
    if err:
        return err
    cmd.server.values[cmd.cmd.name] = path
    return None


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
from .base import serves as _serves                         # noqa: E402

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
    bopts, _badd, _brem = base
    nopts, nadd, nrem = new
    if nopts is None:
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
    opts = r.per_dir_config.ssl_options
    if "StdEnvVars" in (opts[0] or frozenset()):
        for k, v in _tls.variables(st).items():
            if v:
                env.set(k, v)
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
