"""mod_cgi: CGI script logging and timeouts, checked as httpd does.

Stored per server (server.values): "ScriptLog" (absolute path), "ScriptLogLength" (bytes),
"ScriptLogBuffer" (bytes).  Per directory (context.values): "CGIScriptTimeout" (microseconds).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import atoi, atol, timeout_parse


@handles("ScriptLog")
def script_log(cmd: Cmd, arg: str):
    cmd.server.values["ScriptLog"] = cmd.reader.server_root_relative(arg)
    return None


@handles("ScriptLogLength")
def script_log_length(cmd: Cmd, arg: str):
    cmd.server.values["ScriptLogLength"] = atol(arg)
    return None


@handles("ScriptLogBuffer")
def script_log_buffer(cmd: Cmd, arg: str):
    cmd.server.values["ScriptLogBuffer"] = atoi(arg)
    return None


@handles("CGIScriptTimeout", "CGIDScriptTimeout")
def script_timeout(cmd: Cmd, arg: str):
    t = timeout_parse(arg, "s")
    if t is None:
        return f"{cmd.cmd.name} has wrong format"
    cmd.context.values[cmd.cmd.name] = t
    return None
