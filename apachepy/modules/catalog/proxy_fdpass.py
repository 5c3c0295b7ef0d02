"""mod_proxy_fdpass: Handing client sockets to an external process via a Unix socket."""
from apachepy.config.registry import Module

MODULE = Module("proxy_fdpass_module", "mod_proxy_fdpass.c", debian="shared",
                doc="Handing client sockets to an external process via a Unix socket")
