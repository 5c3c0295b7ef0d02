"""mod_case_filter: Example output filter that upper-cases response data."""
from apachepy.config.registry import FLAG, RSRC_CONF, D, Module

MODULE = Module("case_filter_module", "mod_case_filter.c", debian="shared",
                doc="Example output filter that upper-cases response data", directives=[
    D("CaseFilter", FLAG, RSRC_CONF, "Run a case filter on this host",
      doc="Whether the upper-casing output filter runs"),
])
