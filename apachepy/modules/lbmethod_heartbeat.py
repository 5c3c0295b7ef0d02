"""mod_lbmethod_heartbeat: the heartbeat storage file it reads (HeartbeatStorage is shared
with mod_heartmonitor; heartmonitor.py's handler serves both and checks GLOBAL_ONLY)."""
