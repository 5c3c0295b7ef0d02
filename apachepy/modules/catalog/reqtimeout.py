"""mod_reqtimeout: Timeouts and minimum data rates while receiving requests."""
from apachepy.config.registry import RAW_ARGS, RSRC_CONF, D, Module

MODULE = Module("reqtimeout_module", "mod_reqtimeout.c", debian="shared",
                doc="Timeouts and minimum data rates while receiving requests", directives=[
    D("RequestReadTimeout", RAW_ARGS, RSRC_CONF,
      "Set various timeout parameters for TLS handshake and/or reading request headers and body",
      doc="Time limits and minimum rates for the handshake, headers and body",
      default="handshake=0 header=20-40,MinRate=500 body=20,MinRate=500"),
])
