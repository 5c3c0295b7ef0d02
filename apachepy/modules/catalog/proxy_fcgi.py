"""mod_proxy_fcgi: FastCGI backend support for the proxy."""
from apachepy.config.registry import OR_FILEINFO, TAKE1, TAKE23, D, Module

MODULE = Module("proxy_fcgi_module", "mod_proxy_fcgi.c", debian="shared",
                doc="FastCGI backend support for the proxy", directives=[
    D("ProxyFCGIBackendType", TAKE1, OR_FILEINFO, "Specify the type of FastCGI server: 'Generic', 'FPM'",
      doc="Kind of FastCGI backend, which affects how variables are set", default="FPM"),
    D("ProxyFCGISetEnvIf", TAKE23, OR_FILEINFO, "expr-condition env-name expr-value",
      doc="Set a FastCGI variable from an expression when a condition holds"),
])
