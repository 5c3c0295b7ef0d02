"""mod_socache_memcache: Shared object cache backed by memcached."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("socache_memcache_module", "mod_socache_memcache.c", debian="shared",
                doc="Shared object cache backed by memcached", directives=[
    D("MemcacheConnTTL", TAKE1, RSRC_CONF, "TTL used for the connection with the memcache server(s)",
      doc="Idle time after which a memcached connection is closed", default="15s"),
])
