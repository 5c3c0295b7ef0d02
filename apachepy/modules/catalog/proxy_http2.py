"""mod_proxy_http2: HTTP/2 backend support for the proxy."""
from apachepy.config.registry import Module

MODULE = Module("proxy_http2_module", "mod_proxy_http2.c", debian="shared",
                doc="HTTP/2 backend support for the proxy")
