"""mod_optional_hook_export: Test module exporting an optional hook."""
from apachepy.config.registry import Module

MODULE = Module("optional_hook_export_module", "mod_optional_hook_export.c", debian="absent",
                doc="Test module exporting an optional hook")
