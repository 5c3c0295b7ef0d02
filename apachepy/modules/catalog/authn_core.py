"""mod_authn_core: Common authentication settings and provider aliases."""
from apachepy.config.registry import OR_AUTHCFG, RAW_ARGS, RSRC_CONF, TAKE1, D, Module

MODULE = Module("authn_core_module", "mod_authn_core.c", debian="shared",
                doc="Common authentication settings and provider aliases", directives=[
    D("AuthType", TAKE1, OR_AUTHCFG, "an HTTP authorization type (e.g., \"Basic\")",
      doc="Kind of user authentication to require"),
    D("AuthName", TAKE1, OR_AUTHCFG, "the authentication realm (e.g. \"Members Only\")",
      doc="Realm name shown to the user in the authentication prompt"),
    D("<AuthnProviderAlias", RAW_ARGS, RSRC_CONF,
      "container for grouping an authentication provider's directives under a provider alias",
      doc="Define an alternate authentication provider with its own settings"),
])
