"""mod_authn_dbm: User lookup in DBM files."""
from apachepy.config.registry import OR_AUTHCFG, TAKE1, D, Module

MODULE = Module("authn_dbm_module", "mod_authn_dbm.c", debian="shared",
                doc="User lookup in DBM files", directives=[
    D("AuthDBMUserFile", TAKE1, OR_AUTHCFG, "dbm database file containing user IDs and passwords",
      doc="DBM file holding user names and password hashes"),
    D("AuthDBMType", TAKE1, OR_AUTHCFG, "what type of DBM file the user file is",
      doc="DBM flavour of the user file", default="default"),
])
