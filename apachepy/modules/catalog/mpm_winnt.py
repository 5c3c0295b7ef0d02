"""mpm_winnt MPM: Windows multi-processing module: one child process with many threads."""
from apachepy.modules.catalog._listen import LISTEN_COMMANDS
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("mpm_winnt_module", "mpm_winnt.c", debian="absent",
                doc="Windows multi-processing module: one child process with many threads", directives=[
    *LISTEN_COMMANDS,
    D("ThreadsPerChild", TAKE1, RSRC_CONF, "Number of threads each child creates",
      doc="Worker threads created by each child process"),
    D("ThreadLimit", TAKE1, RSRC_CONF, "Maximum worker threads in a server for this run of Apache",
      doc="Upper bound on ThreadsPerChild for the server's lifetime"),
])
