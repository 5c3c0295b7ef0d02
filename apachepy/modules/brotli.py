"""mod_brotli: Brotli compression settings, checked as httpd does.

Stored per server (server.values): "BrotliFilterNote" ({"ratio"|"input"|"output": note}),
"BrotliCompressionQuality", "BrotliCompressionWindow", "BrotliCompressionMaxInputBlock" (int),
"BrotliAlterETag" ("addsuffix"|"nochange"|"remove").
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import atoi


@handles("BrotliFilterNote")
def filter_note(cmd: Cmd, arg1: str, arg2: str | None):
    notes = cmd.server.values.setdefault("BrotliFilterNote", {})
    if arg2 is None:
        notes["ratio"] = arg1
    elif arg1.lower() in ("ratio", "input", "output"):
        notes[arg1.lower()] = arg2
    else:
        return f"Unknown BrotliFilterNote type '{arg1}'"
    return None


_RANGES = {"BrotliCompressionQuality": (0, 11), "BrotliCompressionWindow": (10, 24),
           "BrotliCompressionMaxInputBlock": (16, 24)}


@handles(*_RANGES)
def ranged(cmd: Cmd, arg: str):
    low, high = _RANGES[cmd.cmd.name]
    v = atoi(arg)
    if v < low or v > high:
        return f"{cmd.cmd.name} must be between {low} and {high}"
    cmd.server.values[cmd.cmd.name] = v
    return None


@handles("BrotliAlterETag")
def alter_etag(cmd: Cmd, arg: str):
    if arg.lower() not in ("addsuffix", "nochange", "remove"):
        return "BrotliAlterETag accepts only 'AddSuffix', 'NoChange' and 'Remove'"
    cmd.server.values["BrotliAlterETag"] = arg.lower()
    return None
