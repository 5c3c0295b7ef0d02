"""mod_setenvif: Setting environment variables from request attributes."""
from apachepy.config.registry import OR_FILEINFO, RAW_ARGS, D, Module

MODULE = Module("setenvif_module", "mod_setenvif.c", debian="shared",
                doc="Setting environment variables from request attributes", directives=[
    D("SetEnvIf", RAW_ARGS, OR_FILEINFO, "A header-name, regex and a list of variables.",
      doc="Set variables when a request attribute matches a regular expression"),
    D("SetEnvIfNoCase", RAW_ARGS, OR_FILEINFO, "a header-name, regex and a list of variables.",
      doc="Like SetEnvIf, ignoring case"),
    D("SetEnvIfExpr", RAW_ARGS, OR_FILEINFO, "an expression and a list of variables.",
      doc="Set variables when an expression is true"),
    D("BrowserMatch", RAW_ARGS, OR_FILEINFO, "A browser regex and a list of variables.",
      doc="Set variables when the User-Agent matches a regular expression"),
    D("BrowserMatchNoCase", RAW_ARGS, OR_FILEINFO, "A browser regex and a list of variables.",
      doc="Like BrowserMatch, ignoring case"),
])
