"""mod_authz_user: Authorization of individual authenticated users."""
from apachepy.config.registry import Module

MODULE = Module("authz_user_module", "mod_authz_user.c", debian="shared",
                doc="Authorization of individual authenticated users")
