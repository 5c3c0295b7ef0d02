"""mod_dav_fs: Filesystem repository provider for WebDAV."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("dav_fs_module", "mod_dav_fs.c", debian="shared",
                doc="Filesystem repository provider for WebDAV", directives=[
    D("DAVLockDB", TAKE1, RSRC_CONF, "specify a lock database",
      doc="Path of the lock database for the filesystem provider"),
])
