"""mod_lbmethod_byrequests: Load balancer method that spreads requests by count."""
from apachepy.config.registry import Module

MODULE = Module("lbmethod_byrequests_module", "mod_lbmethod_byrequests.c", debian="shared",
                doc="Load balancer method that spreads requests by count")
