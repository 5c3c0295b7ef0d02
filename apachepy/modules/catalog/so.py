"""mod_so: Loading of modules and libraries from shared objects at startup."""
from apachepy.config.registry import EXEC_ON_READ, ITERATE, RSRC_CONF, TAKE2, D, Module

MODULE = Module("so_module", "mod_so.c", debian="static",
                doc="Loading of modules and libraries from shared objects at startup", directives=[
    D("LoadModule", TAKE2, RSRC_CONF | EXEC_ON_READ,
      "a module name and the name of a shared object file to load it from",
      doc="Load a module from a shared object and add it to the server"),
    D("LoadFile", ITERATE, RSRC_CONF | EXEC_ON_READ,
      "shared object file or library to load into the server at runtime",
      doc="Load a shared library or object file into the server without registering a module"),
])
