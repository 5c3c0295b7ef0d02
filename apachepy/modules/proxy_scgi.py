"""mod_proxy_scgi: X-Sendfile and internal redirects from SCGI backends.

Stored per directory (context.values): "ProxySCGISendfile", "ProxySCGIInternalRedirect"
(False for Off, True for On with the default header, or the header name).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("ProxySCGISendfile", "ProxySCGIInternalRedirect")
def header_or_flag(cmd: Cmd, arg: str):
    v = {"off": False, "on": True}.get(arg.lower(), arg)
    cmd.context.values[cmd.cmd.name] = v
    return None
