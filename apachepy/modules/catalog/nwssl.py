"""mod_nw_ssl: SSL/TLS listeners on NetWare."""
from apachepy.config.registry import ITERATE, RSRC_CONF, TAKE2, TAKE23, D, Module

MODULE = Module("nwssl_module", "mod_nw_ssl.c", debian="absent",
                doc="SSL/TLS listeners on NetWare", directives=[
    D("SecureListen", TAKE23, RSRC_CONF,
      "specify an address and/or port with a key pair name.\nOptional third parameter of MUTUAL configures "
      "the port for mutual authentication.",
      doc="Address and port of a TLS listener with its key pair"),
    D("NWSSLUpgradeable", TAKE2, RSRC_CONF,
      "specify an address and/or port with a key pair name, that can be upgraded to an SSL connection.\nThe "
      "address and/or port must have already be defined using a Listen directive.",
      doc="Address and port whose connections may be upgraded to TLS"),
    D("NWSSLTrustedCerts", ITERATE, RSRC_CONF,
      "Adds trusted certificates that are used to create secure connections to proxied servers",
      doc="Certificates trusted when connecting to proxied servers"),
])
