"""mod_env: Control over the environment passed to CGI scripts and SSI pages."""
from apachepy.config.registry import ITERATE, OR_FILEINFO, TAKE12, D, Module

MODULE = Module("env_module", "mod_env.c", debian="shared",
                doc="Control over the environment passed to CGI scripts and SSI pages", directives=[
    D("PassEnv", ITERATE, OR_FILEINFO, "a list of environment variables to pass to CGI.",
      doc="Environment variables copied from the server's own environment"),
    D("SetEnv", TAKE12, OR_FILEINFO, "an environment variable name and optional value to pass to CGI.",
      doc="Set an environment variable for scripts and later processing"),
    D("UnsetEnv", ITERATE, OR_FILEINFO, "a list of variables to remove from the CGI environment.",
      doc="Remove variables from the script environment"),
])
