"""mod_alias: URL-to-filesystem mapping and simple URL redirection."""
from apachepy.config.registry import (
    ACCESS_CONF, FLAG, OR_FILEINFO, RSRC_CONF, TAKE12, TAKE123, TAKE2, TAKE23, D, Module,
)

MODULE = Module("alias_module", "mod_alias.c", debian="shared",
                doc="URL-to-filesystem mapping and simple URL redirection", directives=[
    D("Alias", TAKE12, RSRC_CONF | ACCESS_CONF, "a fakename and a realname, or a realname in a Location",
      doc="Map a URL path onto a filesystem location"),
    D("ScriptAlias", TAKE12, RSRC_CONF | ACCESS_CONF,
      "a fakename and a realname, or a realname in a Location",
      doc="Map a URL path onto a directory of CGI scripts"),
    D("Redirect", TAKE123, OR_FILEINFO,
      "an optional status, then document to be redirected and destination URL",
      doc="Send clients asking for a URL path to another URL"),
    D("AliasMatch", TAKE2, RSRC_CONF, "a regular expression and a filename",
      doc="Map URLs matching a regular expression onto filesystem locations"),
    D("ScriptAliasMatch", TAKE2, RSRC_CONF, "a regular expression and a filename",
      doc="Map URLs matching a regular expression onto CGI scripts"),
    D("RedirectMatch", TAKE23, OR_FILEINFO,
      "an optional status, then a regular expression and destination URL",
      doc="Redirect URLs matching a regular expression to another URL"),
    D("RedirectTemp", TAKE2, OR_FILEINFO, "a document to be redirected, then the destination URL",
      doc="Send a temporary (302) redirect for a URL path"),
    D("RedirectPermanent", TAKE2, OR_FILEINFO, "a document to be redirected, then the destination URL",
      doc="Send a permanent (301) redirect for a URL path"),
    D("RedirectRelative", FLAG, OR_FILEINFO,
      "Set to ON to allow relative redirect targets to be issued as-is",
      doc="Whether relative redirect targets are passed on without being made absolute", default="Off"),
    D("AliasPreservePath", FLAG, OR_FILEINFO,
      "Set to ON to map the full path after the fakename to the realname.",
      doc="Whether the rest of the path after the matched alias is kept inside <Location>", default="OFF"),
])
