"""mod_reflector: Sending a request body back as the response, through the output filters."""
from apachepy.config.registry import OR_OPTIONS, TAKE12, D, Module

MODULE = Module("reflector_module", "mod_reflector.c", debian="shared",
                doc="Sending a request body back as the response, through the output filters", directives=[
    D("ReflectorHeader", TAKE12, OR_OPTIONS,
      "Header to reflect back in the response, with an optional new name.",
      doc="Request header copied into the response, optionally renamed"),
])
