"""mod_substitute: Regular expression and string substitution in response bodies."""
from apachepy.config.registry import FLAG, OR_FILEINFO, TAKE1, D, Module

MODULE = Module("substitute_module", "mod_substitute.c", debian="shared",
                doc="Regular expression and string substitution in response bodies", directives=[
    D("Substitute", TAKE1, OR_FILEINFO, "Pattern to filter the response content (s/foo/bar/[inf])",
      doc="Substitution pattern applied to response content"),
    D("SubstituteMaxLineLength", TAKE1, OR_FILEINFO, "Maximum line length",
      doc="Longest line the substitution filter handles", default="1m"),
    D("SubstituteInheritBefore", FLAG, OR_FILEINFO,
      "Apply inherited patterns before those of the current context",
      doc="Whether inherited patterns run before this context's own", default="off"),
])
