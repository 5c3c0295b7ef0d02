"""mod_imagemap: Server-side image map processing."""
from apachepy.config.registry import OR_INDEXES, TAKE1, D, Module

MODULE = Module("imagemap_module", "mod_imagemap.c", debian="shared",
                doc="Server-side image map processing", directives=[
    D("ImapMenu", TAKE1, OR_INDEXES,
      "the type of menu generated: none, formatted, semiformatted, unformatted",
      doc="Kind of menu produced when a map is requested without coordinates", default="formatted"),
    D("ImapDefault", TAKE1, OR_INDEXES, "the action taken if no match: error, nocontent, referer, menu, URL",
      doc="Action taken when coordinates match no region", default="nocontent"),
    D("ImapBase", TAKE1, OR_INDEXES, "the base for all URL's: map, referer, URL (or start of)",
      doc="Base against which relative URLs in map files are resolved", default="http://servername/"),
])
