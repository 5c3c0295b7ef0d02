"""mod_socache_shmcb: Shared object cache backed by a cyclic shared memory buffer."""
from apachepy.config.registry import Module

MODULE = Module("socache_shmcb_module", "mod_socache_shmcb.c", debian="shared",
                doc="Shared object cache backed by a cyclic shared memory buffer")
