"""mod_proxy_wstunnel: WebSocket tunnelling for the proxy."""
from apachepy.config.registry import ACCESS_CONF, FLAG, RSRC_CONF, D, Module

MODULE = Module("proxy_wstunnel_module", "mod_proxy_wstunnel.c", debian="shared",
                doc="WebSocket tunnelling for the proxy", directives=[
    D("ProxyWebsocketFallbackToProxyHttp", FLAG, RSRC_CONF | ACCESS_CONF,
      "whether to let mod_proxy_http handle the upgrade and tunneling, On by default",
      doc="Whether WebSocket upgrades are left to the HTTP proxy backend", default="On"),
])
