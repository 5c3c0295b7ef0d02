"""mod_negotiation: Content negotiation between variants of a resource."""
from apachepy.config.registry import FLAG, ITERATE, OR_FILEINFO, RSRC_CONF, D, Module

MODULE = Module("negotiation_module", "mod_negotiation.c", debian="shared",
                doc="Content negotiation between variants of a resource", directives=[
    D("CacheNegotiatedDocs", FLAG, RSRC_CONF, "Either 'on' or 'off' (default)",
      doc="Whether proxies may cache negotiated responses", default="Off"),
    D("LanguagePriority", ITERATE, OR_FILEINFO, "space-delimited list of MIME language abbreviations",
      doc="Order of preference among languages when the client gives no preference"),
    D("ForceLanguagePriority", ITERATE, OR_FILEINFO,
      "Force LanguagePriority elections, either None, or Fallback and/or Prefer",
      doc="What to do when negotiation finds no single acceptable variant", default="Prefer"),
])
