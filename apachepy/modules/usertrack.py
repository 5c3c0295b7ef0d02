"""mod_usertrack: the user-tracking cookie, checked as httpd does.

Stored per server (server.values): "CookieExpires" (seconds).
Stored per directory (context.values): "CookieName" (name), "CookieDomain" (str),
"CookieStyle" ("netscape"|"cookie"|"cookie2"), "CookieSameSite" ("Strict"|"Lax"|"None"),
"CookieTracking", "CookieSecure", "CookieHttpOnly" (bool).
"""
from __future__ import annotations

from ..config.args import getword
from ..config.walk import Cmd
from .base import handles
from .clib import atoi, atol, isdigit
from .expires import _UNITS, _prefix


@handles("CookieExpires")
def cookie_expires(cmd: Cmd, arg: str):
    if isdigit(arg[:1]) and isdigit(arg[-1:]):
        cmd.server.values["CookieExpires"] = atol(arg)
        return None
    word, pos = getword(arg)
    if _prefix(word, "plus", 1):
        word, pos = getword(arg, pos)
    modifier = 0
    while word:
        if not isdigit(word[0]):
            return "bad expires code, numeric value expected."
        num = atoi(word)
        word, pos = getword(arg, pos)
        if not word:
            return "bad expires code, missing <type>"
        for name, n, factor in _UNITS:
            if _prefix(word, name, n):
                break
        else:
            return "bad expires code, unrecognized type"
        modifier += factor * num
        word, pos = getword(arg, pos)
    cmd.server.values["CookieExpires"] = modifier
    return None


@handles("CookieName")
def cookie_name(cmd: Cmd, name: str):
    cmd.context.values["CookieName"] = name
    return None


@handles("CookieDomain")
def cookie_domain(cmd: Cmd, name: str):
    if not name.startswith("."):
        return "CookieDomain values must begin with a dot"
    if "." not in name[1:]:
        return "CookieDomain values must contain at least one embedded dot"
    cmd.context.values["CookieDomain"] = name
    return None


@handles("CookieStyle")
def cookie_style(cmd: Cmd, name: str):
    style = {"netscape": "netscape", "cookie": "cookie", "rfc2109": "cookie", "cookie2": "cookie2",
             "rfc2965": "cookie2"}.get(name.lower())
    if style is None:
        return f"Invalid {cmd.cmd.name} keyword: '{name}'"
    cmd.context.values["CookieStyle"] = style
    return None


@handles("CookieSameSite")
def same_site(cmd: Cmd, name: str):
    value = {"strict": "Strict", "lax": "Lax", "none": "None"}.get(name.lower())
    if value is None:
        return "CookieSameSite accepts 'Strict', 'Lax', or 'None'"
    cmd.context.values["CookieSameSite"] = value
    return None


@handles("CookieTracking", "CookieSecure", "CookieHttpOnly")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None
