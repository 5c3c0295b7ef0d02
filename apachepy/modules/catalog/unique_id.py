"""mod_unique_id: Unique identifier for every request in UNIQUE_ID."""
from apachepy.config.registry import Module

MODULE = Module("unique_id_module", "mod_unique_id.c", debian="shared",
                doc="Unique identifier for every request in UNIQUE_ID")
