"""mod_usertrack: Cookie-based tracking of clicks by individual visitors."""
from apachepy.config.registry import FLAG, OR_FILEINFO, TAKE1, D, Module

MODULE = Module("usertrack_module", "mod_usertrack.c", debian="shared",
                doc="Cookie-based tracking of clicks by individual visitors", directives=[
    D("CookieExpires", TAKE1, OR_FILEINFO, "an expiry date code",
      doc="Lifetime of the tracking cookie"),
    D("CookieDomain", TAKE1, OR_FILEINFO, "domain to which this cookie applies",
      doc="Domain attribute of the tracking cookie"),
    D("CookieStyle", TAKE1, OR_FILEINFO, "'Netscape', 'Cookie' (RFC2109), or 'Cookie2' (RFC2965)",
      doc="Cookie format (Netscape, RFC 2109 or RFC 2965)", default="Netscape"),
    D("CookieTracking", FLAG, OR_FILEINFO, "whether or not to enable cookies",
      doc="Whether the tracking cookie is set", default="off"),
    D("CookieName", TAKE1, OR_FILEINFO, "name of the tracking cookie",
      doc="Name of the tracking cookie", default="Apache"),
    D("CookieSameSite", TAKE1, OR_FILEINFO, "SameSite setting",
      doc="SameSite attribute of the tracking cookie"),
    D("CookieSecure", FLAG, OR_FILEINFO, "is cookie secure",
      doc="Whether the tracking cookie is marked Secure", default="off"),
    D("CookieHttpOnly", FLAG, OR_FILEINFO, "is cookie http only",
      doc="Whether the tracking cookie is marked HttpOnly", default="off"),
])
