"""mod_include: server-side includes, checked as httpd does.

Stored per directory (context.values): "XBitHack" ("off"|"on"|"full"), "SSIErrorMsg",
"SSITimeFormat", "SSIUndefinedEcho" (str), "SSILegacyExprParser", "SSILastModified",
"SSIEtag" (bool).  Per server (server.values): "SSIStartTag", "SSIEndTag" (str).

Serving (the INCLUDES filter itself is apachepy/filters/include.py): the values above are
compiled into per-directory fields (ssi_*), and the fixup turns the `server-parsed` handler
into the default handler plus INCLUDES, and with XBitHack adds INCLUDES to user-executable
text/html files.
"""
from __future__ import annotations

import stat

from ..config.walk import Cmd
from ..filters import include as _include_filter  # noqa: F401  (registers INCLUDES)
from ..http import hooks
from ..http.conf import compiles, field
from ..http.hooks import DECLINED, hook
from .base import handles, serves

_SPACE = " \t\n\x0b\x0c\r"


@handles("XBitHack")
def xbithack(cmd: Cmd, arg: str):
    if arg.lower() not in ("off", "on", "full"):
        return "XBitHack must be set to Off, On, or Full"
    cmd.context.values["XBitHack"] = arg.lower()
    return None


@handles("SSIStartTag", "SSIEndTag")
def tag(cmd: Cmd, arg: str):
    if any(c in _SPACE for c in arg):
        return f"{cmd.cmd.name} may not contain any whitespaces"
    cmd.server.values[cmd.cmd.name] = arg
    return None


@handles("SSIErrorMsg", "SSITimeFormat", "SSIUndefinedEcho")
def text(cmd: Cmd, arg: str):
    cmd.context.values[cmd.cmd.name] = arg
    return None


@handles("SSILegacyExprParser", "SSILastModified", "SSIEtag")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None


# -- serving ----------------------------------------------------------------------------------

serves("XBitHack", "SSIErrorMsg", "SSITimeFormat", "SSIStartTag", "SSIEndTag", "SSIUndefinedEcho",
       "SSILastModified", "SSIEtag", "SSILegacyExprParser")

_FIELDS = {"XBitHack": "ssi_xbithack", "SSIErrorMsg": "ssi_errmsg", "SSITimeFormat": "ssi_timefmt",
           "SSIUndefinedEcho": "ssi_undefined_echo", "SSILastModified": "ssi_lastmodified", "SSIEtag": "ssi_etag",
           "SSILegacyExprParser": "ssi_legacy_expr"}
for _name in _FIELDS.values():
    field(_name, None)


@compiles(*_FIELDS)
def _c_ssi(conf, value, ctx):
    # each handler above keeps a single value (the last one of the section wins)
    for name, attr in _FIELDS.items():
        if name in ctx.values:
            setattr(conf, attr, ctx.values[name])


@hook("fixups", "include_module", hooks.LAST)
def include_fixup(r):
    """`server-parsed` handler: text/html by default, served by the default handler through
    INCLUDES; XBitHack on/full: user-executable text/html files get INCLUDES too."""
    if r.handler == "server-parsed":
        if not r.content_type:
            r.content_type = "text/html"
        r.handler = "default-handler"
    else:
        xb = r.per_dir_config.ssi_xbithack
        if xb is None or xb == "off":
            return DECLINED
        if r.finfo is None or not r.finfo.st_mode & stat.S_IXUSR:
            return DECLINED
        if not r.content_type or not r.content_type.startswith("text/html"):
            return DECLINED
    rf = getattr(r, "filters", None)
    if rf is not None:
        rf.add_output("INCLUDES")
    return DECLINED
