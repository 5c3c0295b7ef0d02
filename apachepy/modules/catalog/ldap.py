"""mod_ldap: LDAP connection pooling and result caching for other modules."""
from apachepy.config.registry import FLAG, OR_AUTHCFG, RSRC_CONF, TAKE1, TAKE23, D, Module

MODULE = Module("ldap_module", "util_ldap.c", debian="shared",
                doc="LDAP connection pooling and result caching for other modules", directives=[
    D("LDAPSharedCacheSize", TAKE1, RSRC_CONF,
      "Set the size of the shared memory cache (in bytes). Use 0 to disable the shared memory cache. "
      "(default: 500000)",
      doc="Size of the shared memory LDAP cache", default="500000"),
    D("LDAPSharedCacheFile", TAKE1, RSRC_CONF, "Set the file name for the shared memory cache.",
      doc="File backing the shared memory LDAP cache"),
    D("LDAPCacheEntries", TAKE1, RSRC_CONF,
      "Set the maximum number of entries that are possible in the LDAP search cache. Use 0 or -1 to disable "
      "the search cache (default: 1024)",
      doc="Number of entries in the search/bind cache", default="1024"),
    D("LDAPCacheTTL", TAKE1, RSRC_CONF,
      "Set the maximum time (in seconds) that an item can be cached in the LDAP search cache. Use 0 for no "
      "limit. (default 600)",
      doc="Lifetime of search/bind cache entries", default="600"),
    D("LDAPOpCacheEntries", TAKE1, RSRC_CONF,
      "Set the maximum number of entries that are possible in the LDAP compare cache. Use 0 or -1 to "
      "disable the compare cache (default: 1024)",
      doc="Number of entries in the compare cache", default="1024"),
    D("LDAPOpCacheTTL", TAKE1, RSRC_CONF,
      "Set the maximum time (in seconds) that an item is cached in the LDAP operation cache. Use 0 for no "
      "limit. (default: 600)",
      doc="Lifetime of compare cache entries", default="600"),
    D("LDAPTrustedGlobalCert", TAKE23, RSRC_CONF,
      "Takes three arguments; the first argument is the cert type of the second argument, one of CA_DER, "
      "CA_BASE64, CA_CERT7_DB, CA_SECMOD, CERT_DER, CERT_BASE64, CERT_KEY3_DB, CERT_NICKNAME, KEY_DER, or "
      "KEY_BASE64. The second argument specifes the file and/or directory containing the trusted CA "
      "certificates (and global client certs for Netware) used to validate the LDAP server. The third "
      "argument is an optional passphrase if applicable.",
      doc="CA or client certificate trusted for all LDAP connections"),
    D("LDAPTrustedClientCert", TAKE23, OR_AUTHCFG,
      "Takes three arguments: the first argument is the certificate type of the second argument, one of "
      "CA_DER, CA_BASE64, CA_CERT7_DB, CA_SECMOD, CERT_DER, CERT_BASE64, CERT_KEY3_DB, CERT_NICKNAME, "
      "KEY_DER, or KEY_BASE64. The second argument specifies the file and/or directory containing the "
      "client certificate, or certificate ID used to validate this LDAP client.  The third argument is an "
      "optional passphrase if applicable.",
      doc="Client certificate used for LDAP connections in this context"),
    D("LDAPTrustedMode", TAKE1, RSRC_CONF,
      "Specify the type of security that should be applied to an LDAP connection. One of; NONE, SSL or "
      "STARTTLS.",
      doc="Security mode of LDAP connections (none, SSL or STARTTLS)"),
    D("LDAPVerifyServerCert", FLAG, RSRC_CONF,
      "Set to 'ON' requires that the server certificate be verified before a secure LDAP connection can be "
      "establish.  Default 'ON'",
      doc="Whether the LDAP server certificate must verify", default="On"),
    D("LDAPConnectionTimeout", TAKE1, RSRC_CONF,
      "Specify the LDAP socket connection timeout in seconds (default: 10)",
      doc="Timeout for establishing an LDAP connection"),
    D("LDAPReferrals", TAKE1, OR_AUTHCFG,
      "Choose whether referrals are chased ['ON'|'OFF'|'DEFAULT'].  Default 'ON'",
      doc="Whether LDAP referrals are followed", default="On"),
    D("LDAPReferralHopLimit", TAKE1, OR_AUTHCFG,
      "Limit the number of referral hops that LDAP can follow. (Integer value, Consult LDAP SDK "
      "documentation for applicability and defaults",
      doc="Longest chain of referrals that is followed"),
    D("LDAPLibraryDebug", TAKE1, RSRC_CONF,
      "Enable debugging in LDAP SDK (Default: off, values: SDK specific",
      doc="Debug level of the LDAP client library"),
    D("LDAPTimeout", TAKE1, RSRC_CONF,
      "Specify the LDAP bind/search timeout in seconds (0 = no limit). Default: 60",
      doc="Timeout for LDAP bind and search operations", default="60"),
    D("LDAPConnectionPoolTTL", TAKE1, RSRC_CONF,
      "Specify the maximum amount of time a bound connection can sit idle and still be considered valid for "
      "reuse(0 = no pool, -1 = no limit, n = time in seconds). Default: -1",
      doc="Idle time after which a pooled LDAP connection is discarded", default="-1"),
    D("LDAPRetries", TAKE1, RSRC_CONF,
      "Specify the number of times a failed LDAP operation should be retried (0 = no retries). Default: 3",
      doc="Number of retries of a failed LDAP operation", default="3"),
    D("LDAPRetryDelay", TAKE1, RSRC_CONF,
      "Specify the delay between retries of a failed LDAP operation (0 = no delay). Default: 0",
      doc="Pause before an LDAP operation is retried", default="0"),
])
