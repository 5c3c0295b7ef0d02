"""mod_proxy_scgi: SCGI backend support for the proxy."""
from apachepy.config.registry import ACCESS_CONF, RSRC_CONF, TAKE1, D, Module

MODULE = Module("proxy_scgi_module", "mod_proxy_scgi.c", debian="shared",
                doc="SCGI backend support for the proxy", directives=[
    D("ProxySCGISendfile", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The name of the X-Sendfile pseudo response header or On or Off",
      doc="Whether a backend header may ask the server to send a file", default="Off"),
    D("ProxySCGIInternalRedirect", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The name of the pseudo response header or On or Off",
      doc="Whether a backend header may trigger an internal redirect", default="On"),
])
