"""mod_log_debug: Extra debug log messages emitted at chosen processing points."""
from apachepy.config.registry import ACCESS_CONF, RSRC_CONF, TAKE123, D, Module

MODULE = Module("log_debug_module", "mod_log_debug.c", debian="shared",
                doc="Extra debug log messages emitted at chosen processing points", directives=[
    D("LogMessage", TAKE123, RSRC_CONF | ACCESS_CONF,
      "Log a debug message to the error log if this config block is used for  a request",
      doc="Message written to the error log when the enclosing section applies"),
])
