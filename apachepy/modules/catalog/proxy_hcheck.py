"""mod_proxy_hcheck: Active health checks of proxy backends."""
from apachepy.config.registry import OR_FILEINFO, RAW_ARGS, RSRC_CONF, TAKE1, D, Module

MODULE = Module("proxy_hcheck_module", "mod_proxy_hcheck.c", debian="shared",
                doc="Active health checks of proxy backends", directives=[
    D("ProxyHCTemplate", RAW_ARGS, OR_FILEINFO, "Health check template",
      doc="Named set of health check parameters"),
    D("ProxyHCExpr", RAW_ARGS, OR_FILEINFO, "Define a health check condition ruleset expression",
      doc="Named expression that decides whether a health check passed"),
    D("ProxyHCTPsize", TAKE1, RSRC_CONF, "Set size of health check thread pool",
      doc="Size of the health check thread pool", default="16"),
])
