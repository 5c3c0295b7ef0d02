"""mod_optional_fn_import: Test module importing an optional function."""
from apachepy.config.registry import Module

MODULE = Module("optional_fn_import_module", "mod_optional_fn_import.c", debian="absent",
                doc="Test module importing an optional function")
