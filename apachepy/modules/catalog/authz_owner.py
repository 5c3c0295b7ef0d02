"""mod_authz_owner: Authorization by ownership of the requested file."""
from apachepy.config.registry import Module

MODULE = Module("authz_owner_module", "mod_authz_owner.c", debian="shared",
                doc="Authorization by ownership of the requested file")
