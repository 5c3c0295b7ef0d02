"""mod_cern_meta: CERN-style meta files.

Stored per directory (context.values): "MetaFiles" (bool), "MetaDir", "MetaSuffix" (str).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("MetaFiles")
def meta_files(cmd: Cmd, flag: bool):
    cmd.context.values["MetaFiles"] = flag
    return None


@handles("MetaDir", "MetaSuffix")
def meta_text(cmd: Cmd, arg: str):
    cmd.context.values[cmd.cmd.name] = arg
    return None
