"""mod_userdir: Per-user web directories under ~user URLs."""
from apachepy.config.registry import RAW_ARGS, RSRC_CONF, D, Module

MODULE = Module("userdir_module", "mod_userdir.c", debian="shared",
                doc="Per-user web directories under ~user URLs", directives=[
    D("UserDir", RAW_ARGS, RSRC_CONF,
      "the public subdirectory in users' home directories, or 'disabled', or 'disabled username "
      "username...', or 'enabled username username...'",
      doc="Directory under each home directory that is published, or users to enable/disable"),
])
