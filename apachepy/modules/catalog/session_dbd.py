"""mod_session_dbd: Session storage in an SQL database."""
from apachepy.config.registry import FLAG, OR_AUTHCFG, RAW_ARGS, RSRC_CONF, TAKE1, D, Module

MODULE = Module("session_dbd_module", "mod_session_dbd.c", debian="shared",
                doc="Session storage in an SQL database", directives=[
    D("SessionDBDSelectLabel", TAKE1, RSRC_CONF | OR_AUTHCFG, "Query label used to select a new session",
      doc="Prepared statement label used to load a session", default="selectsession"),
    D("SessionDBDInsertLabel", TAKE1, RSRC_CONF | OR_AUTHCFG, "Query label used to insert a new session",
      doc="Prepared statement label used to create a session", default="insertsession"),
    D("SessionDBDUpdateLabel", TAKE1, RSRC_CONF | OR_AUTHCFG,
      "Query label used to update an existing session",
      doc="Prepared statement label used to update a session", default="updatesession"),
    D("SessionDBDDeleteLabel", TAKE1, RSRC_CONF | OR_AUTHCFG,
      "Query label used to delete an existing session",
      doc="Prepared statement label used to remove a session", default="deletesession"),
    D("SessionDBDPerUser", FLAG, RSRC_CONF | OR_AUTHCFG, "Save the session per user",
      doc="Whether sessions are keyed by user rather than by cookie", default="Off"),
    D("SessionDBDCookieRemove", FLAG, RSRC_CONF | OR_AUTHCFG,
      "Remove the session cookie after session load. On by default.",
      doc="Whether the session key cookie is hidden from backends", default="On"),
    D("SessionDBDCookieName", RAW_ARGS, RSRC_CONF | OR_AUTHCFG,
      "The name of the RFC2109 cookie carrying the session key",
      doc="Name and attributes of the cookie holding the session key"),
    D("SessionDBDCookieName2", RAW_ARGS, RSRC_CONF | OR_AUTHCFG,
      "The name of the RFC2965 cookie carrying the session key",
      doc="Name and attributes of the Set-Cookie2 style cookie holding the session key"),
])
