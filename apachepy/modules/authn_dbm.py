"""mod_authn_dbm: the DBM user file and its type.

Stored per directory (context.values): "AuthDBMUserFile" (absolute path), "AuthDBMType" (str).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .authn_file import file_slot
from .base import handles

handles("AuthDBMUserFile")(file_slot)


@handles("AuthDBMType")
def dbm_type(cmd: Cmd, arg: str):
    cmd.context.values["AuthDBMType"] = arg
    return None
