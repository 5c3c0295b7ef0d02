"""mod_watchdog: the watchdog thread's interval, checked as httpd does.

Process-wide (config.values): "WatchdogInterval" (microseconds).
"""
from __future__ import annotations

from ..config.walk import GLOBAL_ONLY, Cmd
from .base import handles
from .clib import timeout_parse


@handles("WatchdogInterval")
def watchdog_interval(cmd: Cmd, arg: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    t = timeout_parse(arg, "s")
    if t is None:
        return "Unparse-able WatchdogInterval setting"
    if t < 100_000:
        return "Invalid WatchdogInterval: minimal value 100ms"
    cmd.config.values["WatchdogInterval"] = t
    return None
