"""mod_buffer: Buffering of request and response bodies into larger chunks."""
from apachepy.config.registry import ACCESS_CONF, TAKE1, D, Module

MODULE = Module("buffer_module", "mod_buffer.c", debian="shared",
                doc="Buffering of request and response bodies into larger chunks", directives=[
    D("BufferSize", TAKE1, ACCESS_CONF, "Maximum size of the buffer used by the buffer filter",
      doc="Largest amount of data the buffer filter collects before passing it on", default="131072"),
])
