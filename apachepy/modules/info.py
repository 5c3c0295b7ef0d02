"""mod_info: the server-info handler (the page itself is apachepy/filters/info_page.py) and
AddModuleInfo, extra HTML shown for a module on that page.

Stored per server (server.values): "AddModuleInfo" ([(module source name, HTML text)]).
"""
from __future__ import annotations

from ..config.walk import Cmd
from ..http.hooks import DECLINED, hook
from .base import handles, serves

serves("AddModuleInfo")


@handles("AddModuleInfo")
def add_module_info(cmd: Cmd, name: str, info: str):
    cmd.server.values.setdefault("AddModuleInfo", []).append((name, info))
    return None


@hook("handler", "info_module")
def info_handler(r):
    """display_info: GET (and HEAD) only; other methods fall through to the next handler."""
    if r.handler != "server-info":
        return DECLINED
    from ..http.request import M_GET
    r.allowed |= 1 << M_GET
    if r.method_number != M_GET:
        return DECLINED
    from ..filters.info_page import render
    r.content_type = "text/html; charset=ISO-8859-1"
    r.body = render(r).encode("latin-1", "replace")
    return 0
