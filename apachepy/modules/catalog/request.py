"""mod_request: Keeping request bodies available to filters."""
from apachepy.config.registry import ACCESS_CONF, TAKE1, D, Module

MODULE = Module("request_module", "mod_request.c", debian="shared",
                doc="Keeping request bodies available to filters", directives=[
    D("KeptBodySize", TAKE1, ACCESS_CONF, "Maximum size of request bodies kept aside for use by filters",
      doc="Largest request body kept aside for filters", default="0"),
])
