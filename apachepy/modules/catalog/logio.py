"""mod_logio: Counting of bytes received and sent per request, for logging."""
from apachepy.config.registry import FLAG, OR_ALL, D, Module

MODULE = Module("logio_module", "mod_logio.c", debian="static",
                doc="Counting of bytes received and sent per request, for logging", directives=[
    D("LogIOTrackTTFB", FLAG, OR_ALL, "Set to 'ON' to enable tracking time to first byte",
      doc="Whether time to first byte is measured for the %^FB log format", default="OFF"),
])
