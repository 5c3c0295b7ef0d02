"""mod_asis: Sending files that already contain their own HTTP headers."""
from apachepy.config.registry import Module

MODULE = Module("asis_module", "mod_asis.c", debian="shared",
                doc="Sending files that already contain their own HTTP headers")
