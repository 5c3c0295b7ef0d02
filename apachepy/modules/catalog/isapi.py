"""mod_isapi: Windows ISAPI extensions."""
from apachepy.config.registry import FLAG, ITERATE, OR_FILEINFO, RSRC_CONF, TAKE1, D, Module

MODULE = Module("isapi_module", "mod_isapi.c", debian="absent", doc="Windows ISAPI extensions", directives=[
    D("ISAPIReadAheadBuffer", TAKE1, OR_FILEINFO,
      "Maximum client request body to initially pass to the ISAPI handler (default: 49152)",
      doc="Request body size passed to an ISAPI extension up front", default="49152"),
    D("ISAPILogNotSupported", FLAG, OR_FILEINFO,
      "Log requests not supported by the ISAPI server on or off (default: off)",
      doc="Whether unsupported ISAPI calls are logged", default="off"),
    D("ISAPIAppendLogToErrors", FLAG, OR_FILEINFO,
      "Send all Append Log requests to the error log on or off (default: off)",
      doc="Whether ISAPI log requests go to the error log", default="off"),
    D("ISAPIAppendLogToQuery", FLAG, OR_FILEINFO,
      "Append Log requests are concatenated to the query args on or off (default: on)",
      doc="Whether ISAPI log requests are appended to the query string", default="on"),
    D("ISAPIFakeAsync", FLAG, OR_FILEINFO,
      "Fake Asynchronous support for isapi callbacks on or off [Experimental] (default: off)",
      doc="Whether asynchronous ISAPI calls are emulated", default="off"),
    D("ISAPICacheFile", ITERATE, RSRC_CONF, "Cache the specified ISAPI extension in-process",
      doc="ISAPI extensions kept loaded from startup"),
])
