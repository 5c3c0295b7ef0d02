"""mod_lbmethod_heartbeat: Load balancer method driven by heartbeat announcements."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("lbmethod_heartbeat_module", "mod_lbmethod_heartbeat.c", debian="shared",
                doc="Load balancer method driven by heartbeat announcements", directives=[
    D("HeartbeatStorage", TAKE1, RSRC_CONF, "Path to read heartbeat data.",
      doc="File from which heartbeat data is read", default="logs/hb.dat"),
])
