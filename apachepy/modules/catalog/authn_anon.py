"""mod_authn_anon: Anonymous, guest-style access through the authentication providers."""
from apachepy.config.registry import FLAG, ITERATE, OR_AUTHCFG, D, Module

MODULE = Module("authn_anon_module", "mod_authn_anon.c", debian="shared",
                doc="Anonymous, guest-style access through the authentication providers", directives=[
    D("Anonymous", ITERATE, OR_AUTHCFG, "a space-separated list of user IDs",
      doc="User IDs that are let in without a password check"),
    D("Anonymous_MustGiveEmail", FLAG, OR_AUTHCFG, "Limited to 'on' or 'off'",
      doc="Whether the anonymous password field must not be empty", default="On"),
    D("Anonymous_NoUserId", FLAG, OR_AUTHCFG, "Limited to 'on' or 'off'",
      doc="Whether an empty user ID counts as anonymous", default="Off"),
    D("Anonymous_VerifyEmail", FLAG, OR_AUTHCFG, "Limited to 'on' or 'off'",
      doc="Whether the password must look like an e-mail address", default="Off"),
    D("Anonymous_LogEmail", FLAG, OR_AUTHCFG, "Limited to 'on' or 'off'",
      doc="Whether the supplied password is written to the error log", default="On"),
])
