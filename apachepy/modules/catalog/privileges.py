"""mod_privileges: Solaris privilege sets and per-virtual-host identities."""
from apachepy.config.registry import ACCESS_CONF, FLAG, RSRC_CONF, TAKE1, D, Module

MODULE = Module("privileges_module", "mod_privileges.c", debian="absent",
                doc="Solaris privilege sets and per-virtual-host identities", directives=[
    D("VHostUser", TAKE1, RSRC_CONF, "Userid under which the virtualhost will run",
      doc="User a virtual host's requests run as"),
    D("VHostGroup", TAKE1, RSRC_CONF, "Group under which the virtualhost will run",
      doc="Group a virtual host's requests run as"),
    D("VHostSecure", FLAG, RSRC_CONF, "Run in enhanced security mode (default ON)",
      doc="Whether the server runs in its stricter security mode", default="On"),
    D("VHostCGIMode", TAKE1, RSRC_CONF, "Enable fork+exec for this virtualhost (Off|Secure|On)",
      doc="How CGI programs may be started for a virtual host", default="On"),
    D("DTracePrivileges", FLAG, RSRC_CONF, "Enable DTrace",
      doc="Whether the privileges needed by DTrace are kept", default="Off"),
    D("PrivilegesMode", TAKE1, RSRC_CONF | ACCESS_CONF, "tradeoff performance vs security (fast or secure)",
      doc="Trade-off between speed and isolation of per-request identities", default="FAST"),
])
