"""mod_http2: H2* settings checked as mod_http2 (2.0.x, as bundled with httpd 2.4.71) does.

Each value is stored under its directive name in server.values, or in context.values when
the directive appears in a directory section (mod_http2 keeps per-directory copies then):
  numbers as int (H2MaxSessionStreams, H2WindowSize, H2MinWorkers, H2MaxWorkers,
  H2StreamMaxMemSize, H2MaxDataFrameLen, H2MaxHeaderBlockLen, H2MaxStreamErrors,
  H2TLSWarmUpSize, H2TLSCoolDownSecs, H2PushDiarySize, H2Padding), durations in microseconds
  (H2MaxWorkerIdleSeconds, H2StreamTimeout), On/Off settings as bool;
  "H2PushPriority": {media type: (dependency "after"|"before"|"interleaved", weight)};
  "H2PushResource": [(uri, critical)]; "H2EarlyHint": [(name, value)].
"""
from __future__ import annotations

import re

from ..config.walk import Cmd
from .base import handles
from .clib import isdigit, strtol, timeout_parse
from .cmdlog import server_log


def _atoi64(text: str) -> int:
    return strtol(text)[0]


def _int(text: str) -> int:
    """(int)apr_atoi64(text)."""
    v = _atoi64(text) & 0xFFFFFFFF
    return v - 2**32 if v >= 2**31 else v


def _target(cmd: Cmd) -> dict:
    return cmd.context.values if cmd.path is not None else cmd.server.values


def _minimum(name: str, low: int, message: str):
    def handler(cmd: Cmd, value: str):
        v = _int(value)
        if v < low:
            return message
        _target(cmd)[name] = v
        return None
    handles(name)(handler)


_minimum("H2MaxSessionStreams", 1, "value must be > 0")
_minimum("H2WindowSize", 1024, "value must be >= 1024")
_minimum("H2MinWorkers", 1, "value must be > 0")
_minimum("H2MaxWorkers", 1, "value must be > 0")
_minimum("H2StreamMaxMemSize", 1024, "value must be >= 1024")
_minimum("H2MaxDataFrameLen", 0, "value must be 0 or larger")
_minimum("H2MaxHeaderBlockLen", 0, "value must be 0 or larger")
_minimum("H2MaxStreamErrors", 0, "value must be 0 or larger")


@handles("H2TLSWarmUpSize")
def tls_warmup_size(cmd: Cmd, value: str):
    _target(cmd)["H2TLSWarmUpSize"] = _atoi64(value)
    return None


@handles("H2TLSCoolDownSecs")
def tls_cooldown(cmd: Cmd, value: str):
    _target(cmd)["H2TLSCoolDownSecs"] = _int(value)
    return None


@handles("H2MaxWorkerIdleSeconds")
def idle_limit(cmd: Cmd, value: str):
    t = timeout_parse(value, "s")
    if t is None:
        return "Invalid idle limit value"
    _target(cmd)["H2MaxWorkerIdleSeconds"] = t if t > 0 else None   # None: the default
    return None


@handles("H2StreamTimeout")
def stream_timeout(cmd: Cmd, value: str):
    t = timeout_parse(value, "s")
    if t is None:
        return "Invalid timeout value"
    _target(cmd)["H2StreamTimeout"] = t
    return None


@handles("H2SessionExtraFiles")
def extra_files(cmd: Cmd, value: str):
    cmd.reader.log.log("http2", "warn", "H2SessionExtraFiles is obsolete and will be ignored")
    return None


@handles("H2SerializeHeaders")
def serialize_headers(cmd: Cmd, value: str):
    if value.lower() == "on":
        server_log(cmd, "http2", "warn", f"AH10307: {cmd.cmd.name}: this feature has been disabled and the "
                   "directive to enable it is ignored.")
    return None


@handles("H2Direct", "H2Push", "H2ModernTLSOnly", "H2Upgrade", "H2CopyFiles", "H2EarlyHints",
         "H2OutputBuffering", "H2ProxyRequests", "H2WebSockets")
def on_off(cmd: Cmd, value: str):
    v = value.lower()
    if v not in ("on", "off"):
        return "value must be On or Off"
    _target(cmd)[cmd.cmd.name] = v == "on"
    if cmd.cmd.name == "H2EarlyHints" and cmd.path is not None:
        cmd.reader.log.log("http2", "warn", f"H2EarlyHints = {int(v == 'on')} on path {cmd.path}")
    return None


@handles("H2PushPriority")
def push_priority(cmd: Cmd, ctype: str, dependency: str, weight: str | None):
    default_weight = "16"
    if weight is None and isdigit(dependency[:1]):
        weight, dependency = dependency, "AFTER"
    dep = dependency.lower()
    if dep == "after":
        pass
    elif dep == "before":
        if weight is not None:
            return "dependency 'Before' does not allow a weight"
    elif dep == "interleaved":
        default_weight = "256"
    else:
        return "dependency must be one of 'After', 'Before' or 'Interleaved'"
    w = _int(weight if weight is not None else default_weight)
    if w < 1:
        return "weight must be a number >= 1"
    cmd.server.values.setdefault("H2PushPriority", {})[ctype] = (dep, w)
    return None


@handles("H2PushDiarySize")
def push_diary_size(cmd: Cmd, value: str):
    v = _int(value)
    if v < 0:
        return "value must be >= 0"
    if v > 0 and v & (v - 1):
        return "value must a power of 2"
    if v > 1 << 15:
        return "value must <= 65536"
    _target(cmd)["H2PushDiarySize"] = v
    return None


@handles("H2PushResource")
def push_resource(cmd: Cmd, arg1: str, arg2: str | None, arg3: str | None):
    last = arg3
    if arg1.lower() == "add":
        uri = arg2
    else:
        uri, last = arg1, arg2
        if arg3 is not None:
            return "too many parameter"
    critical = False
    if last is not None:
        if last.lower() != "critical":
            return "unknown last parameter"
        critical = True
    _target(cmd).setdefault("H2PushResource", []).append((uri, critical))
    return None


# ap_scan_http_field_content: visible characters, white space and obs-text
_FIELD_CONTENT = re.compile(r"[\t \x21-\x7e\x80-\xff]*")


@handles("H2EarlyHint")
def early_hint(cmd: Cmd, name: str, value: str):
    value = value.lstrip(" \t\n\v\f\r")
    if not value:
        return "Early Hint header value must not be empty/only space"
    if _FIELD_CONTENT.match(value).end() != len(value):
        return "Early Hint header value contains invalid characters"
    _target(cmd).setdefault("H2EarlyHint", []).append((name, value))
    return None


@handles("H2Padding")
def padding(cmd: Cmd, value: str):
    v = _int(value)
    if v < 0:
        return "number of bits must be >= 0"
    if v > 8:
        return "number of bits must be <= 8"
    _target(cmd)["H2Padding"] = v
    return None
