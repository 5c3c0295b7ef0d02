"""mod_optional_hook_import: Test module implementing an optional hook."""
from apachepy.config.registry import Module

MODULE = Module("optional_hook_import_module", "mod_optional_hook_import.c", debian="absent",
                doc="Test module implementing an optional hook")
