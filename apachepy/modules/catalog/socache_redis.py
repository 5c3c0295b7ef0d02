"""mod_socache_redis: Shared object cache backed by Redis."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("socache_redis_module", "mod_socache_redis.c", debian="shared",
                doc="Shared object cache backed by Redis", directives=[
    D("RedisConnPoolTTL", TAKE1, RSRC_CONF, "TTL used for the connection pool with the Redis server(s)",
      doc="Idle time after which a pooled Redis connection is closed", default="15s"),
    D("RedisTimeout", TAKE1, RSRC_CONF, "R/W timeout used for the connection with the Redis server(s)",
      doc="Read/write timeout of Redis connections", default="5s"),
])
