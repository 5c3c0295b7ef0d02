"""mod_auth_basic: HTTP Basic authentication."""
from apachepy.config.registry import FLAG, ITERATE, OR_AUTHCFG, TAKE1, TAKE12, D, Module

MODULE = Module("auth_basic_module", "mod_auth_basic.c", debian="shared",
                doc="HTTP Basic authentication", directives=[
    D("AuthBasicProvider", ITERATE, OR_AUTHCFG, "specify the auth providers for a directory or location",
      doc="Providers consulted to check Basic credentials", default="file"),
    D("AuthBasicAuthoritative", FLAG, OR_AUTHCFG,
      "Set to 'Off' to allow access control to be passed along to lower modules if the UserID is not known "
      "to this module",
      doc="Whether an unknown user fails here or is left to later modules", default="On"),
    D("AuthBasicFake", TAKE12, OR_AUTHCFG,
      "Fake basic authentication using the given expressions for username and password, 'off' to disable. "
      "Password defaults to 'password' if missing.",
      doc="Build a Basic Authorization header from expressions for downstream use"),
    D("AuthBasicUseDigestAlgorithm", TAKE1, OR_AUTHCFG,
      "Set to 'MD5' to use the auth provider's authentication check for digest auth, using a hash of "
      "'user:realm:pass'",
      doc="Check Basic credentials through a provider's digest-hash lookup", default="Off"),
])
