"""mod_dav_fs: the filesystem repository's lock database.

Stored per server (server.values): "DAVLockDB" (absolute path).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("DAVLockDB")
def lock_db(cmd: Cmd, arg: str):
    cmd.server.values["DAVLockDB"] = cmd.reader.server_root_relative(arg)
    return None
