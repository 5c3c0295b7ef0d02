"""mod_auth_digest: HTTP Digest authentication."""
from apachepy.config.registry import FLAG, ITERATE, OR_AUTHCFG, RSRC_CONF, TAKE1, D, Module

MODULE = Module("auth_digest_module", "mod_auth_digest.c", debian="shared",
                doc="HTTP Digest authentication", directives=[
    D("AuthDigestProvider", ITERATE, OR_AUTHCFG, "specify the auth providers for a directory or location",
      doc="Providers consulted to check Digest credentials", default="file"),
    D("AuthDigestQop", ITERATE, OR_AUTHCFG, "A list of quality-of-protection options",
      doc="Quality-of-protection values offered in Digest challenges", default="auth"),
    D("AuthDigestNonceLifetime", TAKE1, OR_AUTHCFG, "Maximum lifetime of the server nonce (seconds)",
      doc="How long a server nonce remains usable, in seconds", default="300"),
    D("AuthDigestNcCheck", FLAG, OR_AUTHCFG, "Whether or not to check the nonce-count sent by the client",
      doc="Whether the client's nonce-count is verified"),
    D("AuthDigestAlgorithm", TAKE1, OR_AUTHCFG, "The algorithm used for the hash calculation",
      doc="Hash algorithm used for Digest challenges and responses", default="MD5"),
    D("AuthDigestDomain", ITERATE, OR_AUTHCFG,
      "A list of URI's which belong to the same protection space as the current URI",
      doc="URIs sharing the protection space of the current one"),
    D("AuthDigestShmemSize", TAKE1, RSRC_CONF,
      "The amount of shared memory to allocate for keeping track of clients",
      doc="Shared memory reserved for tracking Digest clients", default="1000"),
])
