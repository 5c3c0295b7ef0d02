"""mod_session_cookie: the session cookie's names and attributes, checked as httpd does.

Stored per directory (context.values): "SessionCookieName"/"SessionCookieName2" as
(cookie name, attribute text), "SessionCookieRemove" (bool).
"""
from __future__ import annotations

import re

from ..config.walk import Cmd
from .base import handles


def cookie_name(cmd: Cmd, args: str, forbidden: str, message: str, empty: str | None = None) -> str | None:
    """apr_strtok's first word (space/tab) as the name, the rest (left-trimmed) as attributes;
    `empty` is the complaint about a missing name when it differs from `message`."""
    m = re.match(r"[ \t]*([^ \t]*)[ \t]?(.*)", args, re.S)
    name, rest = m.group(1), m.group(2).lstrip(" \t\n\v\f\r")
    cmd.context.values[cmd.cmd.name] = (name, rest)
    if not name:
        return f"{cmd.directive.name} {empty or message}"
    if any(c in name for c in forbidden):
        return f"{cmd.directive.name} {message}"
    return None


@handles("SessionCookieName", "SessionCookieName2")
def set_cookie_name(cmd: Cmd, args: str):
    return cookie_name(cmd, args, "=&", "cannot be empty, or contain '=' or '&'.")


@handles("SessionCookieRemove")
def remove(cmd: Cmd, flag: bool):
    cmd.context.values["SessionCookieRemove"] = flag
    return None
