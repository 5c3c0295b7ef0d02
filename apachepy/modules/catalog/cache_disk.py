"""mod_cache_disk: Disk storage backend for the HTTP cache."""
from apachepy.config.registry import ACCESS_CONF, RSRC_CONF, TAKE1, D, Module

MODULE = Module("cache_disk_module", "mod_cache_disk.c", debian="shared",
                doc="Disk storage backend for the HTTP cache", directives=[
    D("CacheRoot", TAKE1, RSRC_CONF, "The directory to store cache files",
      doc="Directory under which cache files are stored"),
    D("CacheDirLevels", TAKE1, RSRC_CONF, "The number of levels of subdirectories in the cache",
      doc="Depth of the subdirectory tree under CacheRoot", default="2"),
    D("CacheDirLength", TAKE1, RSRC_CONF, "The number of characters in subdirectory names",
      doc="Length of each subdirectory name under CacheRoot", default="2"),
    D("CacheMinFileSize", TAKE1, RSRC_CONF | ACCESS_CONF, "The minimum file size to cache a document",
      doc="Smallest body size, in bytes, that is cached", default="1"),
    D("CacheMaxFileSize", TAKE1, RSRC_CONF | ACCESS_CONF, "The maximum file size to cache a document",
      doc="Largest body size, in bytes, that is cached", default="1000000"),
    D("CacheReadSize", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The maximum quantity of data to attempt to read and cache in one go",
      doc="Amount of data read before it is written into the cache", default="0"),
    D("CacheReadTime", TAKE1, RSRC_CONF | ACCESS_CONF,
      "The maximum time taken to attempt to read and cache in go",
      doc="Time spent reading before data is written into the cache", default="0"),
])
