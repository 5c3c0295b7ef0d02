"""mod_vhost_alias: Mass virtual hosting with paths built from the host name."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("vhost_alias_module", "mod_vhost_alias.c", debian="shared",
                doc="Mass virtual hosting with paths built from the host name", directives=[
    D("VirtualScriptAlias", TAKE1, RSRC_CONF, "how to create a ScriptAlias based on the host",
      doc="Pattern building the CGI directory from the host name", default="none"),
    D("VirtualDocumentRoot", TAKE1, RSRC_CONF, "how to create the DocumentRoot based on the host",
      doc="Pattern building the document root from the host name", default="none"),
    D("VirtualScriptAliasIP", TAKE1, RSRC_CONF, "how to create a ScriptAlias based on the host",
      doc="Pattern building the CGI directory from the server address", default="none"),
    D("VirtualDocumentRootIP", TAKE1, RSRC_CONF, "how to create the DocumentRoot based on the host",
      doc="Pattern building the document root from the server address", default="none"),
])
