"""mod_ratelimit: Bandwidth limiting of responses per client."""
from apachepy.config.registry import Module

MODULE = Module("ratelimit_module", "mod_ratelimit.c", debian="shared",
                doc="Bandwidth limiting of responses per client")
