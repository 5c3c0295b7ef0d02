"""mod_file_cache: Caching of static file handles or mappings at startup."""
from apachepy.config.registry import ITERATE, RSRC_CONF, D, Module

MODULE = Module("file_cache_module", "mod_file_cache.c", debian="shared",
                doc="Caching of static file handles or mappings at startup", directives=[
    D("cachefile", ITERATE, RSRC_CONF,
      "A space separated list of files to add to the file handle cache at config time",
      doc="Files whose open handles are cached at startup"),
    D("mmapfile", ITERATE, RSRC_CONF, "A space separated list of files to mmap at config time",
      doc="Files memory-mapped at startup"),
])
