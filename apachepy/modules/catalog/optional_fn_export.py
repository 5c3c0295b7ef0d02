"""mod_optional_fn_export: Test module exporting an optional function."""
from apachepy.config.registry import Module

MODULE = Module("optional_fn_export_module", "mod_optional_fn_export.c", debian="absent",
                doc="Test module exporting an optional function")
