"""mod_sed: Editing of request and response bodies with sed commands."""
from apachepy.config.registry import ACCESS_CONF, TAKE1, D, Module

MODULE = Module("sed_module", "mod_sed.c", debian="shared",
                doc="Editing of request and response bodies with sed commands", directives=[
    D("OutputSed", TAKE1, ACCESS_CONF, "Sed regular expression for Response",
      doc="sed command applied to response bodies"),
    D("InputSed", TAKE1, ACCESS_CONF, "Sed regular expression for Request",
      doc="sed command applied to request bodies"),
])
