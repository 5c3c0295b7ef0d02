"""mod_dumpio: Logging of all request and response I/O to the error log."""
from apachepy.config.registry import FLAG, RSRC_CONF, D, Module

MODULE = Module("dumpio_module", "mod_dumpio.c", debian="shared",
                doc="Logging of all request and response I/O to the error log", directives=[
    D("DumpIOInput", FLAG, RSRC_CONF, "Enable I/O Dump on Input Data",
      doc="Whether incoming data is written to the error log", default="Off"),
    D("DumpIOOutput", FLAG, RSRC_CONF, "Enable I/O Dump on Output Data",
      doc="Whether outgoing data is written to the error log", default="Off"),
])
