"""mod_cern_meta: Extra response headers read from CERN-style meta files."""
from apachepy.config.registry import FLAG, OR_INDEXES, TAKE1, D, Module

MODULE = Module("cern_meta_module", "mod_cern_meta.c", debian="shared",
                doc="Extra response headers read from CERN-style meta files", directives=[
    D("MetaFiles", FLAG, OR_INDEXES, "Limited to 'on' or 'off'",
      doc="Whether meta files are consulted", default="off"),
    D("MetaDir", TAKE1, OR_INDEXES, "the name of the directory containing meta files",
      doc="Subdirectory holding the meta files", default=".web"),
    D("MetaSuffix", TAKE1, OR_INDEXES, "the filename suffix for meta files",
      doc="File name suffix of meta files", default=".meta"),
])
