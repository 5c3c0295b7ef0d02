"""mod_authn_socache: Caching of authentication results in a shared object cache."""
from apachepy.config.registry import ACCESS_CONF, ITERATE, OR_AUTHCFG, RAW_ARGS, RSRC_CONF, TAKE1, D, Module

MODULE = Module("authn_socache_module", "mod_authn_socache.c", debian="shared",
                doc="Caching of authentication results in a shared object cache", directives=[
    D("AuthnCacheSOCache", TAKE1, RSRC_CONF, "socache provider for authn cache",
      doc="Shared object cache backend used to store credentials"),
    D("AuthnCacheEnable", RAW_ARGS, RSRC_CONF,
      "enable socache configuration in htaccess even if not enabled anywhere else",
      doc="Turn the credential cache on for use in .htaccess contexts"),
    D("AuthnCacheProvideFor", ITERATE, OR_AUTHCFG, "Determine what authn providers to cache for",
      doc="Providers whose lookups are cached"),
    D("AuthnCacheTimeout", TAKE1, OR_AUTHCFG, "Timeout (secs) for cached credentials",
      doc="Lifetime of a cached credential, in seconds", default="300"),
    D("AuthnCacheContext", TAKE1, ACCESS_CONF, "Context for authn cache",
      doc="String that scopes cache keys (directory, server or custom)", default="directory"),
])
