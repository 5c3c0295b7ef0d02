"""mod_include: Server-side includes (SSI) in HTML documents."""
from apachepy.config.registry import FLAG, OR_ALL, OR_LIMIT, OR_OPTIONS, RSRC_CONF, TAKE1, D, Module

MODULE = Module("include_module", "mod_include.c", debian="shared",
                doc="Server-side includes (SSI) in HTML documents", directives=[
    D("XBitHack", TAKE1, OR_OPTIONS, "Off, On, or Full",
      doc="Whether the execute permission bits enable SSI parsing", default="off"),
    D("SSIErrorMsg", TAKE1, OR_ALL, "a string",
      doc="Text inserted when an SSI directive fails",
      default="\"[an error occurred while processing this directive]\""),
    D("SSITimeFormat", TAKE1, OR_ALL, "a strftime(3) formatted string",
      doc="strftime format used for dates in SSI output", default="\"%A, %d-%b-%Y %H:%M:%S %Z\""),
    D("SSIStartTag", TAKE1, RSRC_CONF, "SSI Start String Tag",
      doc="String that opens an SSI element", default="\"<!--#\""),
    D("SSIEndTag", TAKE1, RSRC_CONF, "SSI End String Tag",
      doc="String that closes an SSI element", default="\"-->\""),
    D("SSIUndefinedEcho", TAKE1, OR_ALL, "String to be displayed if an echoed variable is undefined",
      doc="Text echoed for an undefined variable", default="\"(none)\""),
    D("SSILegacyExprParser", FLAG, OR_LIMIT,
      "Whether to use the legacy expression parser compatible with <= 2.2.x. Limited to 'on' or 'off'",
      doc="Whether the pre-2.4 expression syntax is used in SSI conditions", default="off"),
    D("SSILastModified", FLAG, OR_LIMIT,
      "Whether to set the last modified header or respect an existing header. Limited to 'on' or 'off'",
      doc="Whether parsed documents get a Last-Modified header", default="off"),
    D("SSIEtag", FLAG, OR_LIMIT,
      "Whether to allow the generation of ETags within the server. Existing ETags will be preserved. "
      "Limited to 'on' or 'off'",
      doc="Whether parsed documents may carry an ETag", default="off"),
])
