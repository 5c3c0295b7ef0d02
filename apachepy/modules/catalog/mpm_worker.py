"""worker MPM: Hybrid multi-process, multi-threaded multi-processing module."""
from apachepy.modules.catalog._listen import LISTEN_COMMANDS
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("mpm_worker_module", "worker.c", debian="shared",
                doc="Hybrid multi-process, multi-threaded multi-processing module", directives=[
    *LISTEN_COMMANDS,
    D("StartServers", TAKE1, RSRC_CONF, "Number of child processes launched at server startup",
      doc="Child processes created at startup"),
    D("MinSpareThreads", TAKE1, RSRC_CONF, "Minimum number of idle threads, to handle request spikes",
      doc="Fewest idle threads kept ready for new requests"),
    D("MaxSpareThreads", TAKE1, RSRC_CONF, "Maximum number of idle threads",
      doc="Most idle threads kept before some are stopped"),
    D("MaxRequestWorkers", TAKE1, RSRC_CONF, "Maximum number of threads alive at the same time",
      doc="Largest number of requests served at once"),
    D("MaxClients", TAKE1, RSRC_CONF, "Deprecated name of MaxRequestWorkers",
      doc="Deprecated name of MaxRequestWorkers"),
    D("ThreadsPerChild", TAKE1, RSRC_CONF, "Number of threads each child creates",
      doc="Worker threads created by each child process"),
    D("ServerLimit", TAKE1, RSRC_CONF, "Maximum number of child processes for this run of Apache",
      doc="Upper bound on the number of child processes for the server's lifetime"),
    D("ThreadLimit", TAKE1, RSRC_CONF,
      "Maximum number of worker threads per child process for this run of Apache - Upper limit for "
      "ThreadsPerChild",
      doc="Upper bound on ThreadsPerChild for the server's lifetime"),
    D("GracefulShutdownTimeout", TAKE1, RSRC_CONF,
      "Maximum time in seconds to wait for child processes to complete transactions during shutdown",
      doc="How long a graceful stop waits for requests in progress", default="0"),
])
