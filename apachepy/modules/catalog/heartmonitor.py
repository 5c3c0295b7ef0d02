"""mod_heartmonitor: Central collector of heartbeat announcements from backend servers."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("heartmonitor_module", "mod_heartmonitor.c", debian="shared",
                doc="Central collector of heartbeat announcements from backend servers", directives=[
    D("HeartbeatListen", TAKE1, RSRC_CONF, "Address to listen for heartbeat requests",
      doc="Multicast address on which heartbeats are received"),
    D("HeartbeatStorage", TAKE1, RSRC_CONF, "Path to store heartbeat data.",
      doc="File in which received heartbeat data is saved", default="logs/hb.dat"),
    D("HeartbeatMaxServers", TAKE1, RSRC_CONF,
      "Max number of servers when using slotmem (instead file) to store heartbeat data.",
      doc="Number of servers tracked when heartbeat data lives in shared memory", default="10"),
])
