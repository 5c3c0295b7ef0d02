"""mod_session: Session state shared across requests."""
from apachepy.config.registry import FLAG, OR_AUTHCFG, RSRC_CONF, TAKE1, D, Module

MODULE = Module("session_module", "mod_session.c", debian="shared",
                doc="Session state shared across requests", directives=[
    D("Session", FLAG, RSRC_CONF | OR_AUTHCFG, "on if a session should be maintained for these URLs",
      doc="Whether a session is kept for this location", default="Off"),
    D("SessionMaxAge", TAKE1, RSRC_CONF | OR_AUTHCFG,
      "length of time for which a session should be valid. Zero to disable",
      doc="Longest lifetime of a session, in seconds", default="0"),
    D("SessionHeader", TAKE1, RSRC_CONF | OR_AUTHCFG,
      "output header, if present, whose contents will be injected into the session.",
      doc="Response header whose contents are merged into the session"),
    D("SessionEnv", FLAG, RSRC_CONF | OR_AUTHCFG,
      "on if a session should be written to the CGI environment. Defaults to off",
      doc="Whether the session is exposed to scripts as HTTP_SESSION", default="Off"),
    D("SessionInclude", TAKE1, RSRC_CONF | OR_AUTHCFG,
      "URL prefixes to include in the session. Defaults to all URLs",
      doc="URL prefixes for which the session applies"),
    D("SessionExclude", TAKE1, RSRC_CONF | OR_AUTHCFG,
      "URL prefixes to exclude from the session. Defaults to no URLs",
      doc="URL prefixes for which the session is ignored"),
    D("SessionExpiryUpdateInterval", TAKE1, RSRC_CONF | OR_AUTHCFG,
      "time interval for which a session's expiry time may change without having to be rewritten. Zero to "
      "disable",
      doc="How far the expiry may drift before an unchanged session is saved again", default="0"),
])
