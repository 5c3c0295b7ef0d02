"""mod_xml2enc: Character set detection and conversion for libxml2-based filters."""
from apachepy.config.registry import ITERATE, ITERATE2, OR_ALL, RSRC_CONF, TAKE1, D, Module

MODULE = Module("xml2enc_module", "mod_xml2enc.c", debian="shared",
                doc="Character set detection and conversion for libxml2-based filters", directives=[
    D("xml2EncDefault", TAKE1, OR_ALL, "Usage: xml2EncDefault charset",
      doc="Character set assumed when none can be detected"),
    D("xml2EncAlias", ITERATE2, RSRC_CONF, "EncodingAlias charset alias [more aliases]",
      doc="Alternative names for a character set"),
    D("xml2StartParse", ITERATE, OR_ALL, "Ignore anything in front of the first of these elements",
      doc="Elements at which parsing begins, skipping anything before them"),
])
