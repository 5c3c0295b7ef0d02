"""mod_authnz_ldap: Authentication and authorization against an LDAP directory."""
from apachepy.config.registry import FLAG, ITERATE, OR_AUTHCFG, RSRC_CONF, TAKE1, TAKE12, TAKE2, D, Module

MODULE = Module("authnz_ldap_module", "mod_authnz_ldap.c", debian="shared",
                doc="Authentication and authorization against an LDAP directory", directives=[
    D("AuthLDAPURL", TAKE12, OR_AUTHCFG,
      "URL to define LDAP connection. This should be an RFC 2255 compliant\nURL of the form "
      "ldap://host[:port]/basedn[?attrib[?scope[?filter]]].\n<ul>\n<li>Host is the name of the LDAP server. "
      "Use a space separated list of hosts \nto specify redundant servers.\n<li>Port is optional, and "
      "specifies the port to connect to.\n<li>basedn specifies the base DN to start searches from\n"
      "<li>Attrib specifies what attribute to search for in the directory. If not provided, it defaults to "
      "<b>uid</b>.\n<li>Scope is the scope of the search, and can be either <b>sub</b> or <b>one</b>. If "
      "not provided, the default is <b>sub</b>.\n<li>Filter is a filter to use in the search. If not "
      "provided, defaults to <b>(objectClass=*)</b>.\n</ul>\nSearches are performed using the attribute and "
      "the filter combined. For example, assume that the\nLDAP URL is <b>ldap://ldap.airius.com/ou=People, "
      "o=Airius?uid?sub?(posixid=*)</b>. Searches will\nbe done using the filter "
      "<b>(&((posixid=*))(uid=<i>username</i>))</b>, where <i>username</i>\nis the user name passed by the "
      "HTTP client. The search will be a subtree search on the branch <b>ou=People, o=Airius</b>.",
      doc="LDAP server, base DN, attribute, scope and filter used to find users"),
    D("AuthLDAPBindDN", TAKE1, OR_AUTHCFG,
      "DN to use to bind to LDAP server. If not provided, will do an anonymous bind.",
      doc="DN used to bind to the server for user searches"),
    D("AuthLDAPBindPassword", TAKE1, OR_AUTHCFG,
      "Password to use to bind to LDAP server. If not provided, will do an anonymous bind.",
      doc="Password used with AuthLDAPBindDN"),
    D("AuthLDAPBindAuthoritative", FLAG, OR_AUTHCFG,
      "Set to 'on' to return failures when user-specific bind fails - defaults to on.",
      doc="Whether a failed user bind ends authentication here", default="on"),
    D("AuthLDAPRemoteUserIsDN", FLAG, OR_AUTHCFG,
      "Set to 'on' to set the REMOTE_USER environment variable to be the full DN of the remote user. By "
      "default, this is set to off, meaning that the REMOTE_USER variable will contain whatever value the "
      "remote user sent.",
      doc="Whether REMOTE_USER is set to the user's full DN", default="off"),
    D("AuthLDAPRemoteUserAttribute", TAKE1, OR_AUTHCFG,
      "Override the user supplied username and place the contents of this attribute in the REMOTE_USER "
      "environment variable.",
      doc="Attribute whose value becomes REMOTE_USER"),
    D("AuthLDAPCompareDNOnServer", FLAG, OR_AUTHCFG,
      "Set to 'on' to force auth_ldap to do DN compares (for the \"require dn\" directive) using the "
      "server, and set it 'off' to do the compares locally (at the expense of possible false matches). See "
      "the documentation for a complete description of this option.",
      doc="Whether DN comparisons are done by the LDAP server", default="on"),
    D("AuthLDAPSubGroupAttribute", ITERATE, OR_AUTHCFG,
      "Attribute labels used to define sub-group (or nested group) membership in groups - defaults to "
      "member and uniqueMember",
      doc="Attributes that name nested groups inside a group", default="member uniqueMember"),
    D("AuthLDAPSubGroupClass", ITERATE, OR_AUTHCFG,
      "LDAP objectClass values used to identify sub-group instances - defaults to groupOfNames and "
      "groupOfUniqueNames",
      doc="Object classes that mark an entry as a nested group", default="groupOfNames groupOfUniqueNames"),
    D("AuthLDAPMaxSubGroupDepth", TAKE1, OR_AUTHCFG,
      "Maximum subgroup nesting depth to be evaluated - defaults to 10 (top-level group = 0)",
      doc="How deep nested groups are followed", default="10"),
    D("AuthLDAPGroupAttribute", ITERATE, OR_AUTHCFG,
      "A list of attribute labels used to identify the user members of groups - defaults to member and "
      "uniquemember",
      doc="Attributes that list the members of a group", default="member uniqueMember"),
    D("AuthLDAPGroupAttributeIsDN", FLAG, OR_AUTHCFG,
      "If set to 'on', auth_ldap uses the DN that is retrieved from the server for subsequent group "
      "comparisons. If set to 'off', auth_ldap uses the string provided by the client directly. Defaults to "
      "'on'.",
      doc="Whether group members are compared by DN rather than user name", default="on"),
    D("AuthLDAPDereferenceAliases", TAKE1, OR_AUTHCFG,
      "Determines how aliases are handled during a search. Can be one of the values \"never\", "
      "\"searching\", \"finding\", or \"always\". Defaults to always.",
      doc="When the search dereferences LDAP aliases", default="always"),
    D("AuthLDAPCharsetConfig", TAKE1, RSRC_CONF,
      "Character set conversion configuration file. If omitted, character set conversion is disabled.",
      doc="File mapping languages to character sets for credential conversion"),
    D("AuthLDAPAuthorizePrefix", TAKE1, OR_AUTHCFG,
      "The prefix to add to environment variables set during successful authorization, default 'AUTHORIZE_'",
      doc="Prefix of environment variables set after successful authorization", default="AUTHORIZE_"),
    D("AuthLDAPInitialBindAsUser", FLAG, OR_AUTHCFG,
      "Set to 'on' to perform the initial DN lookup with the basic auth credentials instead of anonymous or "
      "hard-coded credentials",
      doc="Whether the user-DN search binds with the client's own credentials", default="off"),
    D("AuthLDAPInitialBindPattern", TAKE2, OR_AUTHCFG,
      "The regex and substitution to determine a username that can bind based on an HTTP basic auth username",
      doc="Regex and replacement turning the login name into a bind DN", default="(.*) $1"),
    D("AuthLDAPSearchAsUser", FLAG, OR_AUTHCFG,
      "Set to 'on' to perform authorization-based searches with the users credentials, when this module has "
      "also performed authentication.  Does not affect nested groups lookup.",
      doc="Whether authorization searches use the client's own credentials", default="off"),
    D("AuthLDAPCompareAsUser", FLAG, OR_AUTHCFG,
      "Set to 'on' to perform authorization-based compares with the users credentials, when this module has "
      "also performed authentication.  Does not affect nested groups lookups.",
      doc="Whether authorization compares use the client's own credentials", default="off"),
])
