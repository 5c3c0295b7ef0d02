"""mod_proxy_http: HTTP and HTTPS backend support for the proxy."""
from apachepy.config.registry import Module

MODULE = Module("proxy_http_module", "mod_proxy_http.c", debian="shared",
                doc="HTTP and HTTPS backend support for the proxy")
