"""mod_authz_dbm: the DBM group file and its type.

Stored per directory (context.values): "AuthDBMGroupFile" (absolute path), "AuthzDBMType" (str).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .authn_file import file_slot
from .base import handles

handles("AuthDBMGroupFile")(file_slot)


@handles("AuthzDBMType")
def dbm_type(cmd: Cmd, arg: str):
    cmd.context.values["AuthzDBMType"] = arg
    return None
