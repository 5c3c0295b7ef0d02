"""mod_authz_dbd: SQL group queries and login redirects, prepared through mod_dbd.

Stored per directory (context.values): "AuthzDBDQuery"/"AuthzDBDRedirectQuery" (the label
"authz_dbd_N" of the prepared query), "AuthzDBDLoginToReferer" (bool).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .authn_dbd import dbd_prepare
from .base import handles


@handles("AuthzDBDQuery", "AuthzDBDRedirectQuery")
def prepare(cmd: Cmd, query: str):
    return dbd_prepare(cmd, query, "authz_dbd", "AuthzDBD")


@handles("AuthzDBDLoginToReferer")
def login_to_referer(cmd: Cmd, flag: bool):
    cmd.context.values["AuthzDBDLoginToReferer"] = flag
    return None
