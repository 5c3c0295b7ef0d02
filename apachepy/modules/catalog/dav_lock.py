"""mod_dav_lock: Generic locking support for WebDAV providers."""
from apachepy.config.registry import ACCESS_CONF, TAKE1, D, Module

MODULE = Module("dav_lock_module", "mod_dav_lock.c", debian="shared",
                doc="Generic locking support for WebDAV providers", directives=[
    D("DAVGenericLockDB", TAKE1, ACCESS_CONF, "specify a lock database",
      doc="Path of the generic lock database"),
])
