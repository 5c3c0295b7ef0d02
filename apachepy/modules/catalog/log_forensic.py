"""mod_log_forensic: Forensic logging of each request before and after processing."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("log_forensic_module", "mod_log_forensic.c", debian="shared",
                doc="Forensic logging of each request before and after processing", directives=[
    D("ForensicLog", TAKE1, RSRC_CONF, "the filename of the forensic log",
      doc="File or pipe that receives forensic log records"),
])
