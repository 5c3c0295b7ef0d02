"""mod_version: Configuration sections conditional on the server version."""
from apachepy.config.registry import EXEC_ON_READ, OR_ALL, TAKE123, D, Module

MODULE = Module("version_module", "mod_version.c", debian="static",
                doc="Configuration sections conditional on the server version", directives=[
    D("<IfVersion", TAKE123, EXEC_ON_READ | OR_ALL, "a comparison operator, a version (and a delimiter)",
      doc="Process the enclosed block only when the running version matches a comparison"),
])
