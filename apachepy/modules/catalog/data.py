"""mod_data: Output filter that turns a response into a data: URL."""
from apachepy.config.registry import Module

MODULE = Module("data_module", "mod_data.c", debian="shared",
                doc="Output filter that turns a response into a data: URL")
