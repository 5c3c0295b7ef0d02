"""mod_authz_dbd: Group authorization and login tracking through an SQL database."""
from apachepy.config.registry import ACCESS_CONF, FLAG, TAKE1, D, Module

MODULE = Module("authz_dbd_module", "mod_authz_dbd.c", debian="shared",
                doc="Group authorization and login tracking through an SQL database", directives=[
    D("AuthzDBDLoginToReferer", FLAG, ACCESS_CONF, "Whether to redirect to referer on successful login",
      doc="Whether a successful login redirects back to the referring page", default="Off"),
    D("AuthzDBDQuery", TAKE1, ACCESS_CONF, "SQL query for DBD Authz or login",
      doc="SQL query for group membership or for login/logout actions"),
    D("AuthzDBDRedirectQuery", TAKE1, ACCESS_CONF, "SQL query to get per-user redirect URL after login",
      doc="SQL query returning a per-user URL to send the user to after login"),
])
