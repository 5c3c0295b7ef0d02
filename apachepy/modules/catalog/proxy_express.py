"""mod_proxy_express: Mass reverse proxying driven by a DBM host map."""
from apachepy.config.registry import FLAG, OR_FILEINFO, TAKE1, D, Module

MODULE = Module("proxy_express_module", "mod_proxy_express.c", debian="shared",
                doc="Mass reverse proxying driven by a DBM host map", directives=[
    D("ProxyExpressEnable", FLAG, OR_FILEINFO, "Enable the ProxyExpress functionality",
      doc="Whether the DBM-driven reverse proxy is active", default="off"),
    D("ProxyExpressDBMFile", TAKE1, OR_FILEINFO, "Location of ProxyExpressDBMFile file",
      doc="DBM file mapping host names to backend URLs"),
    D("ProxyExpressDBMType", TAKE1, OR_FILEINFO, "Type of ProxyExpressDBMFile file",
      doc="DBM flavour of the map file", default="default"),
])
