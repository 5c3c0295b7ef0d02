"""mod_dav_lock: the generic lock database.

Stored per directory (context.values): "DAVGenericLockDB" (absolute path).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("DAVGenericLockDB")
def generic_lock_db(cmd: Cmd, arg: str):
    cmd.context.values["DAVGenericLockDB"] = cmd.reader.server_root_relative(arg)
    return None
