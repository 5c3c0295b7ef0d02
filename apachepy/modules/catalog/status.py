"""mod_status: Server activity and performance report page."""
from apachepy.config.registry import Module

MODULE = Module("status_module", "mod_status.c", debian="shared",
                doc="Server activity and performance report page")
