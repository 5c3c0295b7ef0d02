"""mod_auth_form: form-based authentication settings, checked as httpd does.

Stored per directory (context.values): "AuthFormProvider" (names), the field names
("AuthFormUsername", "AuthFormPassword", "AuthFormLocation", "AuthFormMethod",
"AuthFormMimetype", "AuthFormBody": str), "AuthFormSize" (bytes), the three *Location
redirects as parsed string expressions, "AuthFormSitePassphrase" (str) and the flags (bool).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .auth_basic import add_authn_provider
from .base import handles
from .clib import strtoff


@handles("AuthFormProvider")
def form_provider(cmd: Cmd, name: str):
    return add_authn_provider(cmd, name, "Form")


@handles("AuthFormUsername", "AuthFormPassword", "AuthFormLocation", "AuthFormMethod", "AuthFormMimetype",
         "AuthFormBody")
def field(cmd: Cmd, value: str):
    cmd.context.values[cmd.cmd.name] = value
    if "=" in value or "&" in value:
        return f"{cmd.directive.name} cannot be empty, or contain '=' or '&'."
    return None


@handles("AuthFormSize")
def form_size(cmd: Cmd, arg: str):
    size = strtoff(arg)
    if size is None or size < 0:
        return "AuthCookieFormSize must be a size in bytes, or zero."
    cmd.context.values["AuthFormSize"] = size
    return None


_EXPR_WHAT = {"AuthFormLoginRequiredLocation": "login required", "AuthFormLoginSuccessLocation": "login success",
              "AuthFormLogoutLocation": "logout required"}


@handles(*_EXPR_WHAT)
def location_expr(cmd: Cmd, text: str):
    from ..expr import ExprError, parse
    try:
        cmd.context.values[cmd.cmd.name] = parse(text, string_mode=True)
    except ExprError as e:
        return f"Could not parse {_EXPR_WHAT[cmd.cmd.name]} expression '{text}': {e}"
    return None


@handles("AuthFormSitePassphrase")
def site_passphrase(cmd: Cmd, value: str):
    cmd.context.values["AuthFormSitePassphrase"] = value
    return None


@handles("AuthFormAuthoritative", "AuthFormFakeBasicAuth", "AuthFormDisableNoStore")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None
