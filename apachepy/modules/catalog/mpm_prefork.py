"""prefork MPM: Non-threaded multi-processing module with one pre-forked process per connection."""
from apachepy.modules.catalog._listen import LISTEN_COMMANDS
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("mpm_prefork_module", "prefork.c", debian="shared",
                doc="Non-threaded multi-processing module with one pre-forked process per connection",
                directives=[
    *LISTEN_COMMANDS,
    D("StartServers", TAKE1, RSRC_CONF, "Number of child processes launched at server startup",
      doc="Child processes created at startup"),
    D("MinSpareServers", TAKE1, RSRC_CONF, "Minimum number of idle children, to handle request spikes",
      doc="Fewest idle child processes kept ready", default="5"),
    D("MaxSpareServers", TAKE1, RSRC_CONF, "Maximum number of idle children",
      doc="Most idle child processes kept before some are stopped", default="10"),
    D("MaxClients", TAKE1, RSRC_CONF, "Deprecated name of MaxRequestWorkers",
      doc="Deprecated name of MaxRequestWorkers"),
    D("MaxRequestWorkers", TAKE1, RSRC_CONF, "Maximum number of children alive at the same time",
      doc="Largest number of child processes serving requests at once"),
    D("ServerLimit", TAKE1, RSRC_CONF, "Maximum value of MaxRequestWorkers for this run of Apache",
      doc="Upper bound on the number of child processes for the server's lifetime"),
    D("GracefulShutdownTimeout", TAKE1, RSRC_CONF,
      "Maximum time in seconds to wait for child processes to complete transactions during shutdown",
      doc="How long a graceful stop waits for requests in progress", default="0"),
])
