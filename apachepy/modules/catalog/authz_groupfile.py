"""mod_authz_groupfile: Group authorization against plain text group files."""
from apachepy.config.registry import OR_AUTHCFG, TAKE1, D, Module

MODULE = Module("authz_groupfile_module", "mod_authz_groupfile.c", debian="shared",
                doc="Group authorization against plain text group files", directives=[
    D("AuthGroupFile", TAKE1, OR_AUTHCFG, "text file containing group names and member user IDs",
      doc="Text file listing groups and their members"),
])
