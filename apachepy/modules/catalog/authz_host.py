"""mod_authz_host: Authorization by client address, host name, method or local request."""
from apachepy.config.registry import Module

MODULE = Module("authz_host_module", "mod_authz_host.c", debian="shared",
                doc="Authorization by client address, host name, method or local request")
