"""mod_proxy_ajp: AJP backend support for the proxy."""
from apachepy.config.registry import Module

MODULE = Module("proxy_ajp_module", "mod_proxy_ajp.c", debian="shared",
                doc="AJP backend support for the proxy")
