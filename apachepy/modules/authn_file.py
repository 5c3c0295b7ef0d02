"""mod_authn_file: AuthUserFile, a path made absolute against ServerRoot (ap_set_file_slot).

Stored per directory (context.values): "AuthUserFile" (absolute path).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


def file_slot(cmd: Cmd, arg: str):
    cmd.context.values[cmd.cmd.name] = cmd.reader.server_root_relative(arg)
    return None


handles("AuthUserFile")(file_slot)
