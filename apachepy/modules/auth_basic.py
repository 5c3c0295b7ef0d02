"""mod_auth_basic: Basic authentication settings, checked as httpd does.

Stored per directory (context.values): "AuthBasicProvider" (provider names in order),
"AuthBasicAuthoritative" (bool), "AuthBasicFake" (None for Off, else (user expr, password
expr) as parsed string expressions), "AuthBasicUseDigestAlgorithm" ("off"|"md5").
"""
from __future__ import annotations

from ..config.walk import Cmd
from . import providers
from .base import handles


def add_authn_provider(cmd: Cmd, name: str, scheme: str) -> str | None:
    """The authn provider lookup every auth module does (`scheme`: Basic, Digest, Form)."""
    if not providers.lookup(cmd, "authn", name):
        return f"Unknown Authn provider: {name}"
    if scheme == "Digest" and not providers.authn_digest(cmd, name):
        return f"The '{name}' Authn provider doesn't support Digest Authentication"
    cmd.context.values.setdefault(cmd.cmd.name, []).append(name)
    return None


@handles("AuthBasicProvider")
def basic_provider(cmd: Cmd, name: str):
    return add_authn_provider(cmd, name, "Basic")


@handles("AuthBasicAuthoritative")
def authoritative(cmd: Cmd, flag: bool):
    cmd.context.values["AuthBasicAuthoritative"] = flag
    return None


@handles("AuthBasicFake")
def basic_fake(cmd: Cmd, user: str, password: str | None):
    from ..expr import ExprError, parse
    if user.lower() == "off":
        cmd.context.values["AuthBasicFake"] = None
        return None
    try:
        user_expr = parse(user, string_mode=True)
    except ExprError as e:
        return f"Could not parse fake username expression '{user}': {e}"
    try:
        pass_expr = parse(password if password is not None else "password", string_mode=True)
    except ExprError as e:
        return f"Could not parse fake password expression associated to user '{user}': {e}"
    cmd.context.values["AuthBasicFake"] = (user_expr, pass_expr)
    return None


@handles("AuthBasicUseDigestAlgorithm")
def use_digest_algorithm(cmd: Cmd, alg: str):
    if alg.lower() not in ("off", "md5"):
        return f"Invalid algorithm in AuthBasicUseDigestAlgorithm: {alg}"
    cmd.context.values["AuthBasicUseDigestAlgorithm"] = alg.lower()
    return None
