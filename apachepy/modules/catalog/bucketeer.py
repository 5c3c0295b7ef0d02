"""mod_bucketeer: Debugging filter that splits output into buckets at control characters."""
from apachepy.config.registry import Module

MODULE = Module("bucketeer_module", "mod_bucketeer.c", debian="shared",
                doc="Debugging filter that splits output into buckets at control characters")
