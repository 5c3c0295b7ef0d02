"""mod_session_cookie: Session storage in browser cookies."""
from apachepy.config.registry import FLAG, OR_AUTHCFG, RAW_ARGS, RSRC_CONF, D, Module

MODULE = Module("session_cookie_module", "mod_session_cookie.c", debian="shared",
                doc="Session storage in browser cookies", directives=[
    D("SessionCookieName", RAW_ARGS, RSRC_CONF | OR_AUTHCFG,
      "The name of the RFC2109 cookie carrying the session",
      doc="Name and attributes of the cookie holding the session"),
    D("SessionCookieName2", RAW_ARGS, RSRC_CONF | OR_AUTHCFG,
      "The name of the RFC2965 cookie carrying the session",
      doc="Name and attributes of the Set-Cookie2 style cookie holding the session"),
    D("SessionCookieRemove", FLAG, RSRC_CONF | OR_AUTHCFG,
      "Set to 'On' to remove the session cookie from the headers and hide the cookie from a backend server "
      "or process",
      doc="Whether the session cookie is hidden from backends", default="Off"),
])
