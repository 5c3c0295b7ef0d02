"""mod_socache_dbm: Shared object cache backed by a DBM file."""
from apachepy.config.registry import Module

MODULE = Module("socache_dbm_module", "mod_socache_dbm.c", debian="shared",
                doc="Shared object cache backed by a DBM file")
