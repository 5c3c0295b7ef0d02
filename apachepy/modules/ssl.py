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
