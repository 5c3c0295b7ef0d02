"""mod_reqtimeout: RequestReadTimeout parsed into typed stages at config time.

`server.values["RequestReadTimeout"]` maps "handshake"/"header"/"body" to
(timeout, max_timeout, min_rate) in seconds and bytes/s; absent stages keep the module's
defaults, header=20-40,MinRate=500 body=20,MinRate=500 (handshake off).
"""
from __future__ import annotations

import re

from ..config.args import getword
from ..config.walk import Cmd
from .base import handles

DEFAULTS = {"handshake": (0, 0, 0), "header": (20, 40, 500), "body": (20, 0, 500)}


def _parse_int(text: str) -> tuple[int | None, str | None]:
    m = re.match(r"\s*[+-]?\d+", text)
    if not m:
        return None, f"Value '{text}' not numerical"
    if m.end() != len(text):
        return None, f"Cannot parse '{text[m.end():]}'"
    v = int(m.group())
    if v < 0:
        return None, "Value must be non-negative"
    return v, None


def parse_stage(val: str) -> tuple[tuple[int, int, int] | None, str | None]:
    timeout = max_timeout = rate = 0
    i = val.lower().find(",minrate=")
    if i >= 0:
        rate, err = _parse_int(val[i + len(",minrate="):])
        if err:
            return None, err
        if rate == 0:
            return None, "Minimum data rate must be larger than 0"
        initial = val[:i]
        if "-" in initial:
            initial, mx = initial.split("-", 1)
            max_timeout, err = _parse_int(mx)
            if err:
                return None, err
        timeout, err = _parse_int(initial)
    else:
        if "-" in val:
            return None, "Must set MinRate option if using timeout range"
        timeout, err = _parse_int(val)
    if err:
        return None, err
    if max_timeout and timeout >= max_timeout:
        return None, "Maximum timeout must be larger than initial timeout"
    return (timeout, max_timeout, rate), None


@handles("RequestReadTimeout")
def request_read_timeout(cmd: Cmd, arg: str):
    stages = cmd.server.values.setdefault("RequestReadTimeout", dict(DEFAULTS))
    pos = 0
    while pos < len(arg):
        word, pos = getword(arg, pos)
        if "=" not in word:
            return "Invalid RequestReadTimeout parameter. Parameter must be in the form 'key=value'"
        key, val = word.split("=", 1)
        if key.lower() not in DEFAULTS:
            return f"RequestReadTimeout: {key}={val}: Unknown RequestReadTimeout parameter"
        stage, err = parse_stage(val)
        if err:
            return f"RequestReadTimeout: {key}={val}: {err}"
        stages[key.lower()] = stage
    return None
