"""mod_authn_file: User lookup in plain text password files."""
from apachepy.config.registry import OR_AUTHCFG, TAKE1, D, Module

MODULE = Module("authn_file_module", "mod_authn_file.c", debian="shared",
                doc="User lookup in plain text password files", directives=[
    D("AuthUserFile", TAKE1, OR_AUTHCFG, "text file containing user IDs and passwords",
      doc="Text file holding user names and password hashes"),
])
