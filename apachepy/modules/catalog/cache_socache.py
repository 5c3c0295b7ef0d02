"""mod_cache_socache: Shared object cache storage backend for the HTTP cache."""
from apachepy.config.registry import ACCESS_CONF, RSRC_CONF, TAKE1, D, Module

MODULE = Module("cache_socache_module", "mod_cache_socache.c", debian="shared",
                doc="Shared object cache storage backend for the HTTP cache", directives=[
    D("CacheSocache", TAKE1, RSRC_CONF, "The shared object cache to store cache files",
      doc="Shared object cache provider used for storage"),
    D("CacheSocacheMaxTime", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The maximum cache expiry age to cache a document in seconds",
      doc="Longest time an entry is kept in the shared object cache", default="86400"),
    D("CacheSocacheMinTime", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The minimum cache expiry age to cache a document in seconds",
      doc="Shortest time an entry is kept in the shared object cache", default="600"),
    D("CacheSocacheMaxSize", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The maximum cache entry size (headers and body) to cache a document",
      doc="Largest entry (headers plus body) that is stored", default="102400"),
    D("CacheSocacheReadSize", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The maximum quantity of data to attempt to read and cache in one go",
      doc="Amount of data read before it is written into the cache", default="0"),
    D("CacheSocacheReadTime", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The maximum time taken to attempt to read and cache in go",
      doc="Time spent reading before data is written into the cache", default="0"),
])
