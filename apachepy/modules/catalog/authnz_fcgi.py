"""mod_authnz_fcgi: FastCGI applications acting as authenticators and authorizers."""
from apachepy.config.registry import OR_FILEINFO, RSRC_CONF, TAKE_ARGV, D, Module

MODULE = Module("authnz_fcgi_module", "mod_authnz_fcgi.c", debian="shared",
                doc="FastCGI applications acting as authenticators and authorizers", directives=[
    D("AuthnzFcgiDefineProvider", TAKE_ARGV, RSRC_CONF, "Define a FastCGI authn and/or authz provider",
      doc="Declare a FastCGI application as an authn and/or authz provider"),
    D("AuthnzFcgiCheckAuthnProvider", TAKE_ARGV, OR_FILEINFO,
      "Enable/disable a FastCGI authorizer to handle check_authn phase",
      doc="Use a FastCGI provider in the check-user-ID phase"),
])
