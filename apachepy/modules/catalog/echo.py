"""mod_echo: Example protocol module that echoes input back to the client."""
from apachepy.config.registry import FLAG, RSRC_CONF, D, Module

MODULE = Module("echo_module", "mod_echo.c", debian="shared",
                doc="Example protocol module that echoes input back to the client", directives=[
    D("ProtocolEcho", FLAG, RSRC_CONF, "Run an echo server on this host",
      doc="Whether connections are handled by the echo protocol", default="Off"),
])
