"""mpmt_os2 MPM: OS/2 hybrid multi-process, multi-threaded multi-processing module."""
from apachepy.modules.catalog._listen import LISTEN_COMMANDS
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("mpm_mpmt_os2_module", "mpmt_os2.c", debian="absent",
                doc="OS/2 hybrid multi-process, multi-threaded multi-processing module", directives=[
    *LISTEN_COMMANDS,
    D("StartServers", TAKE1, RSRC_CONF, "Number of child processes launched at server startup",
      doc="Child processes created at startup"),
    D("MinSpareThreads", TAKE1, RSRC_CONF, "Minimum number of idle children, to handle request spikes",
      doc="Fewest idle children kept ready"),
    D("MaxSpareThreads", TAKE1, RSRC_CONF, "Maximum number of idle children",
      doc="Most idle children kept before some are stopped"),
    D("User", TAKE1, RSRC_CONF, "Not applicable on this platform",
      doc="Accepted for compatibility; has no effect on OS/2"),
    D("Group", TAKE1, RSRC_CONF, "Not applicable on this platform",
      doc="Accepted for compatibility; has no effect on OS/2"),
    D("ScoreBoardFile", TAKE1, RSRC_CONF, "Not applicable on this platform",
      doc="Accepted for compatibility; has no effect on OS/2"),
])
