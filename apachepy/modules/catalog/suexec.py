"""mod_suexec: Running CGI programs as a chosen user and group."""
from apachepy.config.registry import RSRC_CONF, TAKE2, D, Module

MODULE = Module("suexec_module", "mod_suexec.c", debian="shared",
                doc="Running CGI programs as a chosen user and group", directives=[
    D("SuexecUserGroup", TAKE2, RSRC_CONF, "User and group for spawned processes",
      doc="User and group that CGI programs run as"),
])
