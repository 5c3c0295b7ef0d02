"""mod_session_dbd: SQL-backed sessions, checked as httpd does.

Stored per directory (context.values): the four *Label query names (str),
"SessionDBDPerUser"/"SessionDBDCookieRemove" (bool), "SessionDBDCookieName"/
"SessionDBDCookieName2" as (cookie name, attribute text).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .session_cookie import cookie_name


@handles("SessionDBDCookieName", "SessionDBDCookieName2")
def set_cookie_name(cmd: Cmd, args: str):
    # 2.4.71 words these two cases apart
    return cookie_name(cmd, args, "=;&", "cannot contain '=', ';' or '&'.", "requires at least one argument!")


@handles("SessionDBDPerUser", "SessionDBDCookieRemove")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None


@handles("SessionDBDSelectLabel", "SessionDBDInsertLabel", "SessionDBDUpdateLabel", "SessionDBDDeleteLabel")
def label(cmd: Cmd, arg: str):
    cmd.context.values[cmd.cmd.name] = arg
    return None
