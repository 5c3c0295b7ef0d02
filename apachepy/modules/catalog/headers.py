"""mod_headers: Editing of request and response headers."""
from apachepy.config.registry import OR_FILEINFO, RAW_ARGS, D, Module

MODULE = Module("headers_module", "mod_headers.c", debian="shared",
                doc="Editing of request and response headers", directives=[
    D("Header", RAW_ARGS, OR_FILEINFO,
      "an optional condition, an action, header and value followed by optional env clause",
      doc="Set, append, edit or remove a response header"),
    D("RequestHeader", RAW_ARGS, OR_FILEINFO, "an action, header and value followed by optional env clause",
      doc="Set, append, edit or remove a request header"),
])
