"""http_core: The HTTP protocol itself: persistent connections and HTTP request handling."""
from apachepy.config.registry import FLAG, RSRC_CONF, TAKE1, D, Module

MODULE = Module("http_module", "http_core.c", debian="static",
                doc="The HTTP protocol itself: persistent connections and HTTP request handling", directives=[
    D("KeepAliveTimeout", TAKE1, RSRC_CONF, "Keep-Alive timeout duration (sec)",
      doc="How long an idle persistent connection waits for the next request", default="5"),
    D("MaxKeepAliveRequests", TAKE1, RSRC_CONF,
      "Maximum number of Keep-Alive requests per connection, or 0 for infinite",
      doc="Requests allowed on one persistent connection (0 means unlimited)", default="100"),
    D("KeepAlive", FLAG, RSRC_CONF, "Whether persistent connections should be On or Off",
      doc="Whether persistent HTTP connections are allowed", default="On"),
])
