"""mod_unixd: Unix process identity and privileges for the server's children."""
from apachepy.config.registry import FLAG, RSRC_CONF, TAKE1, D, Module

MODULE = Module("unixd_module", "mod_unixd.c", debian="static",
                doc="Unix process identity and privileges for the server's children", directives=[
    D("User", TAKE1, RSRC_CONF, "Effective user id for this server",
      doc="User the child processes run as", default="#-1"),
    D("Group", TAKE1, RSRC_CONF, "Effective group id for this server",
      doc="Group the child processes run as", default="#-1"),
    D("ChrootDir", TAKE1, RSRC_CONF, "The directory to chroot(2) into",
      doc="Directory the server chroots into after startup"),
    D("Suexec", FLAG, RSRC_CONF, "Enable or disable suEXEC support",
      doc="Whether suEXEC is used when it is available"),
])
