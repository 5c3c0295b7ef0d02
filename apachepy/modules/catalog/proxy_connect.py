"""mod_proxy_connect: CONNECT method tunnelling for the proxy."""
from apachepy.config.registry import ITERATE, RSRC_CONF, D, Module

MODULE = Module("proxy_connect_module", "mod_proxy_connect.c", debian="shared",
                doc="CONNECT method tunnelling for the proxy", directives=[
    D("AllowCONNECT", ITERATE, RSRC_CONF, "A list of ports or port ranges which CONNECT may connect to",
      doc="Ports that CONNECT requests may reach", default="443 563"),
])
