"""mpm_netware MPM: NetWare multi-processing module built on threads."""
from apachepy.modules.catalog._listen import LISTEN_COMMANDS
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("mpm_netware_module", "mpm_netware.c", debian="absent",
                doc="NetWare multi-processing module built on threads", directives=[
    *LISTEN_COMMANDS,
    D("StartThreads", TAKE1, RSRC_CONF, "Number of worker threads launched at server startup",
      doc="Worker threads created at startup"),
    D("MinSpareThreads", TAKE1, RSRC_CONF, "Minimum number of idle threads, to handle request spikes",
      doc="Fewest idle threads kept ready for new requests"),
    D("MaxSpareThreads", TAKE1, RSRC_CONF, "Maximum number of idle threads",
      doc="Most idle threads kept before some are stopped"),
    D("MaxThreads", TAKE1, RSRC_CONF, "Maximum number of worker threads alive at the same time",
      doc="Largest number of worker threads alive at once", default="2048"),
])
