"""mod_heartbeat: Periodic status announcements to a heartbeat monitor over multicast."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("heartbeat_module", "mod_heartbeat.c", debian="shared",
                doc="Periodic status announcements to a heartbeat monitor over multicast", directives=[
    D("HeartbeatAddress", TAKE1, RSRC_CONF, "Address to send heartbeat requests",
      doc="Multicast address to which heartbeats are sent"),
])
