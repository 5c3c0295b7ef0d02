"""mod_mime_magic: Media type detection from file content."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("mime_magic_module", "mod_mime_magic.c", debian="shared",
                doc="Media type detection from file content", directives=[
    D("MimeMagicFile", TAKE1, RSRC_CONF, "Path to MIME Magic file (in file(1) format)",
      doc="File of content signatures used to guess types"),
])
