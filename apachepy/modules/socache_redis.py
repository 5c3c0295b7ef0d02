"""mod_socache_redis: connection TTL and timeout, checked as httpd does.

Stored per server (server.values): "RedisConnPoolTTL", "RedisTimeout" (microseconds).
"""
from __future__ import annotations

from .base import handles
from .socache_memcache import ttl_setting

handles("RedisConnPoolTTL", "RedisTimeout")(ttl_setting)
