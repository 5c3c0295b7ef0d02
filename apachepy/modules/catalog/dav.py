"""mod_dav: WebDAV protocol support."""
from apachepy.config.registry import ACCESS_CONF, FLAG, RSRC_CONF, TAKE1, D, Module

MODULE = Module("dav_module", "mod_dav.c", debian="shared", doc="WebDAV protocol support", directives=[
    D("DAV", TAKE1, ACCESS_CONF, "specify the DAV provider for a directory or location",
      doc="Turn WebDAV on for a location, optionally naming a provider", default="Off"),
    D("DAVBasePath", TAKE1, ACCESS_CONF, "specify the DAV repository base URL",
      doc="Base URL of the WebDAV repository"),
    D("DAVMinTimeout", TAKE1, ACCESS_CONF | RSRC_CONF, "specify minimum allowed timeout",
      doc="Lowest lock timeout a client may obtain", default="0"),
    D("DAVDepthInfinity", FLAG, ACCESS_CONF | RSRC_CONF, "allow Depth infinity PROPFIND requests",
      doc="Whether PROPFIND requests with Depth: infinity are allowed", default="off"),
    D("DAVLockDiscovery", FLAG, ACCESS_CONF | RSRC_CONF, "allow lock discovery by PROPFIND requests",
      doc="Whether PROPFIND may report lock discovery information", default="on"),
])
