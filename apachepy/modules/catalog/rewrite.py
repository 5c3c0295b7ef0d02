"""mod_rewrite: Rule-based rewriting of URLs with regular expressions and conditions."""
from apachepy.config.registry import FLAG, ITERATE, OR_FILEINFO, RAW_ARGS, RSRC_CONF, TAKE1, TAKE23, D, Module

MODULE = Module("rewrite_module", "mod_rewrite.c", debian="shared",
                doc="Rule-based rewriting of URLs with regular expressions and conditions", directives=[
    D("RewriteEngine", FLAG, OR_FILEINFO,
      "On or Off to enable or disable (default) the whole rewriting engine",
      doc="Whether the rewriting engine runs in this context", default="off"),
    D("RewriteOptions", ITERATE, OR_FILEINFO, "List of option strings to set",
      doc="Options controlling inheritance and other behaviour of rewriting"),
    D("RewriteBase", TAKE1, OR_FILEINFO, "the base URL of the per-directory context",
      doc="URL prefix added back to relative substitutions in per-directory rules"),
    D("RewriteCond", RAW_ARGS, OR_FILEINFO, "an input string and a to be applied regexp-pattern",
      doc="Condition that must hold for the next RewriteRule to apply"),
    D("RewriteRule", RAW_ARGS, OR_FILEINFO, "an URL-applied regexp-pattern and a substitution URL",
      doc="Pattern, substitution and flags of a rewriting rule"),
    D("RewriteMap", TAKE23, RSRC_CONF, "a mapname and a filename and options",
      doc="Define a named lookup map for use in substitutions"),
])
