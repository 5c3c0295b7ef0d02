"""mod_dir: Trailing-slash redirects and directory index files."""
from apachepy.config.registry import FLAG, OR_INDEXES, RAW_ARGS, TAKE1, D, Module

MODULE = Module("dir_module", "mod_dir.c", debian="shared",
                doc="Trailing-slash redirects and directory index files", directives=[
    D("FallbackResource", TAKE1, OR_INDEXES, "Set a default handler",
      doc="Local URL served when a request maps to nothing else"),
    D("DirectoryIndex", RAW_ARGS, OR_INDEXES, "a list of file names",
      doc="Files looked for when a directory is requested", default="index.html"),
    D("DirectorySlash", FLAG, OR_INDEXES, "On or Off",
      doc="Whether requests for a directory without a trailing slash are redirected", default="On"),
    D("DirectoryCheckHandler", FLAG, OR_INDEXES, "On or Off",
      doc="Whether directory handling runs even when another handler is configured", default="Off"),
    D("DirectoryIndexRedirect", TAKE1, OR_INDEXES, "On, Off, or a 3xx status code.",
      doc="Whether the index file is reached by an external redirect, and with which status", default="off"),
])
