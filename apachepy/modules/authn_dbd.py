"""mod_authn_dbd: SQL queries for passwords, prepared through mod_dbd as httpd does.

Stored per directory (context.values): "AuthDBDUserPWQuery"/"AuthDBDUserRealmQuery" (the
label "authn_dbd_N" under which the query is prepared); the query joins the server's
"DBDPrepareSQL" ({label: query}) as mod_dbd keeps it.
"""
from __future__ import annotations

from ..config.walk import NOT_IN_HTACCESS, Cmd
from . import providers
from .base import handles


def dbd_prepare(cmd: Cmd, query: str, prefix: str, who: str) -> str | None:
    err = cmd.check_context(NOT_IN_HTACCESS)
    if err:
        return err
    if not providers.is_loaded(cmd, "dbd_module"):
        return f"You must load mod_dbd to enable {who} functions"
    n = cmd.config.values.get(f"{prefix}:labels", 0) + 1
    cmd.config.values[f"{prefix}:labels"] = n
    label = f"{prefix}_{n}"
    cmd.server.values.setdefault("DBDPrepareSQL", {})[label] = query
    cmd.context.values[cmd.cmd.name] = label
    return None


@handles("AuthDBDUserPWQuery", "AuthDBDUserRealmQuery")
def prepare(cmd: Cmd, query: str):
    return dbd_prepare(cmd, query, "authn_dbd", "AuthDBD")
