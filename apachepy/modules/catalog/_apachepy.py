"""apachepy's own directives: settings of apachepy that stock httpd has no counterpart for.

Not an httpd module: the table is always available (apachepy/config/reader.py registers it
with the compiled-in modules) but no LoadModule names it and -l/-M do not list it, so a
configuration that does not use these directives reads exactly as it does for httpd.
"""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("apachepy_module", "apachepy", debian="absent",
                doc="apachepy's own settings (no httpd counterpart)", directives=[
    D("ProtocolEngine", TAKE1, RSRC_CONF, "auto, python or httptools",
      doc="Request-head parser: httptools (llhttp) for plain heads, apachepy's own for the rest, "
          "or python only; auto picks httptools when it is installed", default="auto"),
])
