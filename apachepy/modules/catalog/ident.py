"""mod_ident: RFC 1413 identity lookups of remote users."""
from apachepy.config.registry import ACCESS_CONF, FLAG, RSRC_CONF, TAKE1, D, Module

MODULE = Module("ident_module", "mod_ident.c", debian="shared",
                doc="RFC 1413 identity lookups of remote users", directives=[
    D("IdentityCheck", FLAG, RSRC_CONF | ACCESS_CONF, "Enable identd (RFC 1413) user lookups - SLOW",
      doc="Whether the remote identity is queried for each request", default="Off"),
    D("IdentityCheckTimeout", TAKE1, RSRC_CONF | ACCESS_CONF,
      "Identity check (RFC 1413) timeout duration (sec)",
      doc="How long to wait for the identity server's answer", default="30"),
])
