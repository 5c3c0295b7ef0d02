"""mod_info: Server configuration and module overview page."""
from apachepy.config.registry import RSRC_CONF, TAKE2, D, Module

MODULE = Module("info_module", "mod_info.c", debian="shared",
                doc="Server configuration and module overview page", directives=[
    D("AddModuleInfo", TAKE2, RSRC_CONF, "a module name and additional information on that module",
      doc="Extra text shown for a module on the info page"),
])
