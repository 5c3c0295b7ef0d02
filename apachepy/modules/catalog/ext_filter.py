"""mod_ext_filter: Filtering response bodies through external programs."""
from apachepy.config.registry import ACCESS_CONF, ITERATE, RAW_ARGS, RSRC_CONF, D, Module

MODULE = Module("ext_filter_module", "mod_ext_filter.c", debian="shared",
                doc="Filtering response bodies through external programs", directives=[
    D("ExtFilterOptions", ITERATE, ACCESS_CONF, "valid options: LogStderr, NoLogStderr",
      doc="Options of external filters, e.g. where their stderr goes", default="NoLogStderr"),
    D("ExtFilterDefine", RAW_ARGS, RSRC_CONF, "Define an external filter",
      doc="Define an external program filter and its properties"),
])
