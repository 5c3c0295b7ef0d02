"""mod_file_cache: files opened or mapped at startup (CacheFile, MMapFile).

Stored per server (server.values): "file_cache" ({absolute path: "cachefile"|"mmapfile"});
files that cannot be cached are skipped with httpd's warnings.
"""
from __future__ import annotations

import os
import stat

from ..config.walk import Cmd
from .base import handles
from .cmdlog import server_log


@handles("cachefile", "mmapfile")
def cache_the_file(cmd: Cmd, filename: str):
    path = cmd.reader.server_root_relative(filename)
    try:
        st = os.stat(path)
    except OSError as e:
        server_log(cmd, "file_cache", "warn", f"({e.errno}){os.strerror(e.errno)}: AH00795: unable to stat({path}), "
                   "skipping")
        return None
    if not stat.S_ISREG(st.st_mode):
        server_log(cmd, "file_cache", "warn", f"AH00796: {path} isn't a regular file, skipping")
        return None
    try:
        with open(path, "rb"):
            pass
    except OSError as e:
        server_log(cmd, "file_cache", "warn", f"({e.errno}){os.strerror(e.errno)}: AH00798: unable to "
                   f"open({path}, O_RDONLY), skipping")
        return None
    cmd.server.values.setdefault("file_cache", {})[path] = cmd.cmd.name
    return None
