"""mod_socache_dc: Shared object cache backed by the distcache daemon."""
from apachepy.config.registry import Module

MODULE = Module("socache_dc_module", "mod_socache_dc.c", debian="absent",
                doc="Shared object cache backed by the distcache daemon")
