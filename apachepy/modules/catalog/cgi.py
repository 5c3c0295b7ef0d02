"""mod_cgi: Running CGI scripts in a forked child."""
from apachepy.config.registry import ACCESS_CONF, RSRC_CONF, TAKE1, D, Module

MODULE = Module("cgi_module", "mod_cgi.c", debian="shared",
                doc="Running CGI scripts in a forked child", directives=[
    D("ScriptLog", TAKE1, RSRC_CONF, "the name of a log for script debugging info",
      doc="File receiving diagnostic output from failing CGI scripts"),
    D("ScriptLogLength", TAKE1, RSRC_CONF, "the maximum length (in bytes) of the script debug log",
      doc="Size at which the CGI script log stops growing", default="10385760"),
    D("ScriptLogBuffer", TAKE1, RSRC_CONF, "the maximum size (in bytes) to record of a POST request",
      doc="Amount of a request body copied into the CGI script log", default="1024"),
    D("CGIScriptTimeout", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The amount of time to wait between successful reads from the CGI script, in seconds.",
      doc="Longest wait for output from a CGI script"),
])
