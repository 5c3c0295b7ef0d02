"""mod_case_filter_in: Example input filter that upper-cases request data."""
from apachepy.config.registry import FLAG, RSRC_CONF, D, Module

MODULE = Module("case_filter_in_module", "mod_case_filter_in.c", debian="shared",
                doc="Example input filter that upper-cases request data", directives=[
    D("CaseFilterIn", FLAG, RSRC_CONF, "Run an input case filter on this host",
      doc="Whether the upper-casing input filter runs"),
])
