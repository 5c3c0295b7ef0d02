"""mod_authn_dbd: User lookup through an SQL database."""
from apachepy.config.registry import ACCESS_CONF, TAKE1, D, Module

MODULE = Module("authn_dbd_module", "mod_authn_dbd.c", debian="shared",
                doc="User lookup through an SQL database", directives=[
    D("AuthDBDUserPWQuery", TAKE1, ACCESS_CONF, "Query used to fetch password for user",
      doc="SQL query returning the password hash for a user (Basic)"),
    D("AuthDBDUserRealmQuery", TAKE1, ACCESS_CONF, "Query used to fetch password for user+realm",
      doc="SQL query returning the password hash for a user and realm (Digest)"),
])
