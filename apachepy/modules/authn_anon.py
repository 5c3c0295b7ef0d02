"""mod_authn_anon: anonymous users, checked as httpd does.

Stored per directory (context.values): "Anonymous" (user ids, or ["*"] for any), and the
Anonymous_* flags (bool).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("Anonymous")
def anonymous(cmd: Cmd, arg: str):
    if not arg:
        return "Anonymous string cannot be empty, use Anonymous_NoUserId"
    users = cmd.context.values.setdefault("Anonymous", [])
    if "*" not in users:
        users.append(arg)
        if arg == "*":
            users[:] = ["*"]
    return None


@handles("Anonymous_MustGiveEmail", "Anonymous_NoUserId", "Anonymous_VerifyEmail", "Anonymous_LogEmail")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None


# -- serving: the "anon" authn provider (Basic only: it has no get_realm_hash) -----------------

from dataclasses import dataclass  # noqa: E402

from ..http.conf import compiles, field  # noqa: E402
from .authn_results import AUTH_DENIED, AUTH_GRANTED, AUTH_USER_FOUND, AUTH_USER_NOT_FOUND, \
    register_provider  # noqa: E402


@dataclass(frozen=True)
class AnonConf:
    """One section's settings; mod_authn_anon has no merger, so the innermost section that used
    any of its directives supplies all of them (httpd's defaults for the ones it left out)."""
    users: tuple = ()
    any_user: bool = False
    no_user_id: bool = False
    log_email: bool = True
    verify_email: bool = False
    must_give_email: bool = True


field("authn_anon", AnonConf())

# strcasecmp folds ASCII letters only
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@compiles("Anonymous", "Anonymous_MustGiveEmail", "Anonymous_NoUserId", "Anonymous_VerifyEmail", "Anonymous_LogEmail")
def _c_anon(conf, vals, ctx):
    v = ctx.values
    users = v.get("Anonymous", [])
    conf.authn_anon = AnonConf(tuple(u.translate(_ASCII_LOWER) for u in users if u != "*"), users == ["*"],
                               v.get("Anonymous_NoUserId", False), v.get("Anonymous_LogEmail", True),
                               v.get("Anonymous_VerifyEmail", False), v.get("Anonymous_MustGiveEmail", True))


def check_anonymous(r, user: str, password: bytes) -> str:
    conf = r.per_dir_config.authn_anon
    if not conf.users and not conf.any_user:
        return AUTH_USER_NOT_FOUND
    if not user:
        found = conf.no_user_id
    else:
        found = conf.any_user or user.translate(_ASCII_LOWER) in conf.users
    if not found:
        return AUTH_USER_NOT_FOUND
    pw = password.decode("latin-1")
    if (not conf.must_give_email or pw) and (not conf.verify_email or ("@" in pw and "." in pw)):
        if conf.log_email and r.main is None and r.prev is None:
            r.log_error("authn_anon", "info", f"AH01672: Anonymous: Passwd <{pw}> Accepted")
        return AUTH_GRANTED
    return AUTH_DENIED


register_provider("anon", "authn_anon_module", check_anonymous)

from .base import serves  # noqa: E402

serves("Anonymous", "Anonymous_MustGiveEmail", "Anonymous_NoUserId", "Anonymous_VerifyEmail", "Anonymous_LogEmail")
