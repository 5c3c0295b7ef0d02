"""mod_charset_lite: Character set conversion of request and response bodies."""
from apachepy.config.registry import ITERATE, OR_FILEINFO, TAKE1, D, Module

MODULE = Module("charset_lite_module", "mod_charset_lite.c", debian="shared",
                doc="Character set conversion of request and response bodies", directives=[
    D("CharsetSourceEnc", TAKE1, OR_FILEINFO, "source (html,cgi,ssi) file charset",
      doc="Character set of the stored content"),
    D("CharsetDefault", TAKE1, OR_FILEINFO, "name of default charset",
      doc="Character set content is converted to"),
    D("CharsetOptions", ITERATE, OR_FILEINFO,
      "valid options: ImplicitAdd, NoImplicitAdd, TranslateAllMimeTypes, NoTranslateAllMimeTypes",
      doc="Options controlling when conversion happens", default="ImplicitAdd"),
])
