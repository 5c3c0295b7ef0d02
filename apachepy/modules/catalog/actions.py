"""mod_actions: Running CGI scripts for given media types or request methods."""
from apachepy.config.registry import ACCESS_CONF, OR_FILEINFO, RSRC_CONF, TAKE2, TAKE23, D, Module

MODULE = Module("actions_module", "mod_actions.c", debian="shared",
                doc="Running CGI scripts for given media types or request methods", directives=[
    D("Action", TAKE23, OR_FILEINFO, "a media type followed by a script name",
      doc="Script that handles requests for a handler or media type"),
    D("Script", TAKE2, ACCESS_CONF | RSRC_CONF, "a method followed by a script name",
      doc="Script that handles requests using a given HTTP method"),
])
