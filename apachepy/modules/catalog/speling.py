"""mod_speling: Correction of misspelled or miscapitalised URLs."""
from apachepy.config.registry import FLAG, OR_OPTIONS, D, Module

MODULE = Module("speling_module", "mod_speling.c", debian="shared",
                doc="Correction of misspelled or miscapitalised URLs", directives=[
    D("CheckSpelling", FLAG, OR_OPTIONS, "whether or not to fix miscapitalized/misspelled requests",
      doc="Whether close misspellings of a file name are corrected", default="Off"),
    D("CheckCaseOnly", FLAG, OR_OPTIONS, "whether or not to fix only miscapitalized requests",
      doc="Whether only capitalisation is corrected", default="Off"),
    D("CheckBasenameMatch", FLAG, OR_OPTIONS, "whether or not to fix files with the same base name",
      doc="Whether files differing only in extension are offered as matches", default="On"),
])
