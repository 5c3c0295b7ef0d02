"""mod_allowmethods: Restriction of the HTTP methods a resource accepts."""
from apachepy.config.registry import ACCESS_CONF, TAKE_ARGV, D, Module

MODULE = Module("allowmethods_module", "mod_allowmethods.c", debian="shared",
                doc="Restriction of the HTTP methods a resource accepts", directives=[
    D("AllowMethods", TAKE_ARGV, ACCESS_CONF, "only allow specific methods",
      doc="HTTP methods accepted for the resource; other methods are refused", default="reset"),
])
