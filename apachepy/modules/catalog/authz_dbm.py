"""mod_authz_dbm: Group authorization against DBM files."""
from apachepy.config.registry import OR_AUTHCFG, TAKE1, D, Module

MODULE = Module("authz_dbm_module", "mod_authz_dbm.c", debian="shared",
                doc="Group authorization against DBM files", directives=[
    D("AuthDBMGroupFile", TAKE1, OR_AUTHCFG, "database file containing group names and member user IDs",
      doc="DBM file mapping users to their groups"),
    D("AuthzDBMType", TAKE1, OR_AUTHCFG, "what type of DBM file the group file is",
      doc="DBM flavour of the group file", default="default"),
])
