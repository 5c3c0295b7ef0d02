"""mod_authnz_fcgi: FastCGI authorizers as authn/authz providers, checked as httpd does.

Process-wide (config.values): "AuthnzFcgiDefineProvider" ({name: (type, backend, host, port)});
each definition also registers the provider name (see providers.py).
Stored per directory (context.values): "AuthnzFcgiCheckAuthnProvider" ((name, {option: value})
with Authoritative/RequireBasicAuth as bool and UserExpr as a parsed string expression).
"""
from __future__ import annotations

import re

from ..config.walk import GLOBAL_ONLY, Cmd
from . import providers
from .base import handles
from .clib import atoi, sockaddr_error

_BACKEND = re.compile(r"^fcgi://(.*):(\d{1,5})/?$")


@handles("AuthnzFcgiDefineProvider")
def define_provider(cmd: Cmd, argv: list[str]):
    dname = "AuthnzFcgiDefineProvider"
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    if not argv:
        return f"{dname}: No type given"
    kind = argv[0].lower()
    if kind not in ("authn", "authz", "authnz"):
        return f"{dname}: Invalid provider type {argv[0]}"
    if len(argv) < 2:
        return f"{dname}: No provider name given"
    name = argv[1]
    if len(argv) < 3:
        return f"{dname}: No backend-address given"
    m = _BACKEND.match(argv[2])
    if not m:
        return f"{dname}: backend-address '{argv[2]}' has invalid form"
    host = m.group(1)
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    port = atoi(m.group(2))
    if port > 65535:
        return f"{dname}: backend-address '{argv[2]}' has invalid port"
    err = sockaddr_error(host)
    if err:
        cmd.reader.log.plain(f"{err}: AH02530: Address {argv[2]} could not be resolved")
        return f"{dname}: Error resolving backend address"
    if len(argv) > 3:
        return f"{dname}: Unexpected parameter {argv[3]}"
    cmd.config.values.setdefault(dname, {})[name] = (kind, argv[2], host, port)
    if kind in ("authn", "authnz"):
        providers.define(cmd, "authn", name, digest=False)
    if kind in ("authz", "authnz"):
        providers.define(cmd, "authz", name)
    return None


@handles("AuthnzFcgiCheckAuthnProvider")
def check_authn_provider(cmd: Cmd, argv: list[str]):
    from ..expr import ExprError, parse
    dname = "AuthnzFcgiCheckAuthnProvider"
    if not argv:
        return f"{dname}: No provider given"
    name = argv[0]
    options: dict = {}
    cmd.context.values[dname] = (name, options)
    if name.lower() == "none" and len(argv) > 1:
        return 'Options aren\'t supported with "None"'
    i = 1
    while i < len(argv):
        var = argv[i]
        i += 1
        if i >= len(argv):
            return f"{dname}: {var}needs an argument"
        val = argv[i]
        i += 1
        v = var.lower()
        if v in ("authoritative", "requirebasicauth"):
            if val.lower() not in ("on", "off"):
                return f"{dname}: Bad argument '{val}' to option '{var}'"
            options[v] = val.lower() == "on"
        elif v == "defaultuser":
            options[v] = val
        elif v == "userexpr":
            try:
                options[v] = parse(val, string_mode=True, restricted=True)
            except ExprError as e:
                return f"{dname}: Error parsing '{val}': '{e}'"
        else:
            return f"{dname}: Unexpected option '{var}'"
    return None
