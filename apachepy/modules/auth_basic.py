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


# -- serving: check_user_id and the Basic challenge -----------------------------------------

import hashlib  # noqa: E402

from ..http.conf import compiles, field  # noqa: E402
from ..http.hooks import DECLINED, MIDDLE, OK, hook  # noqa: E402
from .authn_core import auth_name, auth_type  # noqa: E402
from .authn_results import AUTH_DENIED, AUTH_GENERAL_ERROR, AUTH_GRANTED, AUTH_USER_FOUND, \
    AUTH_USER_NOT_FOUND, AUTHN_PROVIDERS  # noqa: E402
from .base import serves  # noqa: E402

# per-dir; each is "the innermost section that set it wins", as merge_auth_basic_dir_config
field("basic_providers", None)          # None: the default "file" provider
field("basic_authoritative", True)
field("basic_digest_md5", False)


@compiles("AuthBasicProvider")
def _c_providers(conf, vals, ctx):
    conf.basic_providers = list(vals)


@compiles("AuthBasicAuthoritative")
def _c_authoritative(conf, vals, ctx):
    conf.basic_authoritative = vals


@compiles("AuthBasicUseDigestAlgorithm")
def _c_digest(conf, vals, ctx):
    conf.basic_digest_md5 = vals == "md5"


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def base64_decode(text: str) -> bytes:
    """apr_base64_decode: decodes up to the first character outside the alphabet ('=' too);
    a trailing partial group yields the bytes its characters complete."""
    v = []
    for ch in text:
        i = _B64.find(ch)
        if i < 0:
            break
        v.append(i)
    out = bytearray()
    i, n = 0, len(v)
    while n - i > 4:
        a, b, c, d = v[i:i + 4]
        out += bytes(((a << 2 | b >> 4) & 255, (b << 4 | c >> 2) & 255, (c << 6 | d) & 255))
        i += 4
    rem = n - i
    if rem > 1:
        out.append((v[i] << 2 | v[i + 1] >> 4) & 255)
    if rem > 2:
        out.append((v[i + 1] << 4 | v[i + 2] >> 2) & 255)
    if rem > 3:
        out.append((v[i + 2] << 6 | v[i + 3]) & 255)
    return bytes(out)


def note_basic_auth_failure(r) -> None:
    r.err_headers_out.set("WWW-Authenticate", f'Basic realm="{auth_name(r)}"')


@hook("note_auth_failure", "auth_basic_module", MIDDLE)
def hook_note_basic_auth_failure(r, kind: str):
    if kind.lower() != "basic":
        return DECLINED
    note_basic_auth_failure(r)
    return OK


def _credentials(r):
    """get_basic_auth: (user, password) or an HTTP status; r.user is set before checking."""
    line = r.headers_in.get("Authorization")
    if line is None:
        note_basic_auth_failure(r)
        return 401
    end = line.find(" ")
    scheme, rest = (line, "") if end < 0 else (line[:end], line[end:].lstrip(" "))
    if scheme.lower() != "basic":
        r.log_error("auth_basic", "error", f"AH01614: client used wrong authentication scheme: {r.uri}")
        note_basic_auth_failure(r)
        return 401
    decoded = base64_decode(rest.lstrip(" \t")).split(b"\0", 1)[0]   # C strings end at NUL
    user, _, password = decoded.partition(b":")
    r.user = user.decode("latin-1")
    return r.user, password


def _check(r, name: str, user: str, password: bytes, realm: str | None) -> str:
    entry = AUTHN_PROVIDERS.get(name)
    if entry is None or entry[0] not in r.site.loaded_modules:
        r.log_error("auth_basic", "error", f"apachepy: Authn provider {name} is not implemented")
        return AUTH_GENERAL_ERROR
    _, check_password, get_realm_hash = entry
    if realm is None:
        return check_password(r, user, password)
    if get_realm_hash is None:
        r.log_error("auth_basic", "error", "AH02493: Authn provider does not support AuthBasicUseDigestAlgorithm")
        return AUTH_GENERAL_ERROR
    result, stored = get_realm_hash(r, user, realm)
    if result != AUTH_USER_FOUND:
        return result
    digest = hashlib.md5(user.encode("latin-1") + b":" + realm.encode("latin-1") + b":" + password).hexdigest()
    return AUTH_GRANTED if digest == stored else AUTH_DENIED


@hook("check_user_id", "auth_basic_module", MIDDLE)
def authenticate_basic_user(r):
    kind = auth_type(r)
    if kind is None or kind.lower() != "basic":
        return DECLINED
    if auth_name(r) is None:
        r.log_error("auth_basic", "error", f"AH01615: need AuthName: {r.uri}")
        return 500
    r.ap_auth_type = kind
    creds = _credentials(r)
    if isinstance(creds, int):
        return creds
    user, password = creds
    conf = r.per_dir_config
    realm = auth_name(r) if conf.basic_digest_md5 else None
    names = conf.basic_providers
    if names is None:
        if "authn_file_module" not in r.site.loaded_modules:
            r.log_error("auth_basic", "error", "AH01616: No Authn provider configured")
            return 500
        names = ["file"]
    result = AUTH_USER_NOT_FOUND
    for name in names:
        result = _check(r, name, user, password, realm)
        if result != AUTH_USER_NOT_FOUND:
            break
    if result == AUTH_GRANTED:
        return OK
    if not conf.basic_authoritative and result != AUTH_DENIED:
        return DECLINED
    if result == AUTH_DENIED:
        r.log_error("auth_basic", "error", f'AH01617: user {user}: authentication failure for "{r.uri}": '
                    "Password Mismatch")
    elif result == AUTH_USER_NOT_FOUND:
        r.log_error("auth_basic", "error", f"AH01618: user {user} not found: {r.uri}")
    else:
        return 500
    note_basic_auth_failure(r)
    return 401


serves("AuthBasicProvider", "AuthBasicAuthoritative", "AuthBasicUseDigestAlgorithm")
