"""mod_proxy_wstunnel: whether WebSocket upgrades fall back to mod_proxy_http.

Stored per directory (context.values): "ProxyWebsocketFallbackToProxyHttp" (bool).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("ProxyWebsocketFallbackToProxyHttp")
def fallback(cmd: Cmd, flag: bool):
    cmd.context.values["ProxyWebsocketFallbackToProxyHttp"] = flag
    return None
