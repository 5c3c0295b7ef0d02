"""mod_log_config: Configurable request logging to files or piped programs."""
from apachepy.config.registry import FLAG, RSRC_CONF, TAKE1, TAKE12, TAKE23, D, Module

MODULE = Module("log_config_module", "mod_log_config.c", debian="static",
                doc="Configurable request logging to files or piped programs", directives=[
    D("CustomLog", TAKE23, RSRC_CONF,
      "a file name, a custom log format string or format name, and an optional \"env=\" or \"expr=\" clause "
      "(see docs)",
      doc="Log requests to a file or pipe in a given format, optionally conditionally"),
    D("GlobalLog", TAKE23, RSRC_CONF, "Same as CustomLog, but forces virtualhosts to inherit the log",
      doc="Like CustomLog, but virtual hosts cannot opt out of it"),
    D("TransferLog", TAKE1, RSRC_CONF, "the filename of the access log",
      doc="Log requests to a file or pipe using the most recent LogFormat"),
    D("LogFormat", TAKE12, RSRC_CONF, "a log format string (see docs) and an optional format name",
      doc="Define a log format string, either as the default or under a nickname",
      default="\"%h %l %u %t \\\"%r\\\" %>s %b\""),
    D("BufferedLogs", FLAG, RSRC_CONF, "Enable Buffered Logging (experimental)",
      doc="Whether log entries are collected in memory before being written", default="Off"),
])
