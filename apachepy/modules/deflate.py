"""mod_deflate: compression settings checked as httpd does.

Stored per server (server.values): "DeflateWindowSize", "DeflateMemLevel",
"DeflateCompressionLevel", "DeflateBufferSize" (int), "DeflateAlterEtag" ("nochange" |
"addsuffix" | "remove"), "DeflateFilterNote" ({"ratio"|"input"|"output": note name}).
Stored per directory (context.values): "DeflateInflateLimitRequestBody" (bytes),
"DeflateInflateRatioLimit", "DeflateInflateRatioBurst" (int).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import atoi, strtol


def _ranged(name: str, low: int, high: int, message: str):
    def handler(cmd: Cmd, arg: str):
        i = atoi(arg)
        if i < low or i > high:
            return message
        cmd.server.values[name] = i
        return None
    handles(name)(handler)


_ranged("DeflateWindowSize", 1, 15, "DeflateWindowSize must be between 1 and 15")
_ranged("DeflateMemLevel", 1, 9, "DeflateMemLevel must be between 1 and 9")
_ranged("DeflateCompressionLevel", 1, 9, "Compression Level must be between 1 and 9")
_ranged("DeflateBufferSize", 1, 2**31 - 1, "DeflateBufferSize should be positive")


@handles("DeflateFilterNote")
def filter_note(cmd: Cmd, arg1: str, arg2: str | None):
    notes = cmd.server.values.setdefault("DeflateFilterNote", {})
    if arg2 is None:
        notes["ratio"] = arg1
    elif arg1.lower() in ("ratio", "input", "output"):
        notes[arg1.lower()] = arg2
    else:
        return f"Unknown note type {arg1}"
    return None


@handles("DeflateAlterEtag")
def alter_etag(cmd: Cmd, arg: str):
    if arg.lower() not in ("nochange", "addsuffix", "remove"):
        return "DeflateAlterETAG accepts only 'NoChange', 'AddSuffix', and 'Remove'"
    cmd.server.values["DeflateAlterEtag"] = arg.lower()
    return None


@handles("DeflateInflateLimitRequestBody")
def inflate_limit(cmd: Cmd, arg: str):
    value, end, overflow = strtol(arg)
    if overflow:
        return "DeflateInflateLimitRequestBody is not parsable."
    if end != len(arg) or value < 0:
        return "DeflateInflateLimitRequestBody requires a non-negative integer."
    cmd.context.values["DeflateInflateLimitRequestBody"] = value
    return None


def _positive(name: str):
    def handler(cmd: Cmd, arg: str):
        i = atoi(arg)
        if i <= 0:
            return f"{name} must be positive"
        cmd.context.values[name] = i
        return None
    handles(name)(handler)


_positive("DeflateInflateRatioLimit")
_positive("DeflateInflateRatioBurst")


# -- serving: the DEFLATE filters are apachepy/filters/deflate.py; they read the values above ------

from ..filters import deflate as _deflate_filters  # noqa: E402,F401  (registers DEFLATE)
from ..http.conf import compiles as _compiles, field as _field   # noqa: E402
from .base import serves as _serves   # noqa: E402

_serves("DeflateCompressionLevel", "DeflateBufferSize", "DeflateWindowSize", "DeflateMemLevel", "DeflateAlterEtag",
        "DeflateFilterNote", "DeflateInflateLimitRequestBody", "DeflateInflateRatioLimit",
        "DeflateInflateRatioBurst")

for _name in ("DeflateInflateLimitRequestBody", "DeflateInflateRatioLimit", "DeflateInflateRatioBurst"):
    _field("deflate_" + _name, None)


@_compiles("DeflateInflateLimitRequestBody", "DeflateInflateRatioLimit", "DeflateInflateRatioBurst")
def _c_inflate_limits(conf, vals, ctx):
    for name in ("DeflateInflateLimitRequestBody", "DeflateInflateRatioLimit", "DeflateInflateRatioBurst"):
        if name in ctx.values:
            v = ctx.values[name]
            setattr(conf, "deflate_" + name, v[-1] if isinstance(v, list) else v)
