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


@handles("CGIScriptTimeout")
def script_timeout(cmd: Cmd, arg: str):
    t = timeout_parse(arg, "s")
    if t is None:
        return f"{cmd.cmd.name} has wrong format"
    cmd.context.values[cmd.cmd.name] = t
    return None


# -- serving (apachepy/http/cgi.py) ---------------------------------------------------------------

from ..http import cgi as _serving  # noqa: E402  (imported before children drop privileges)
from ..http.conf import compiles, field  # noqa: E402
from ..http.hooks import hook  # noqa: E402
from .base import serves  # noqa: E402

field("cgi_timeout", None)               # microseconds; None: the server's Timeout


@compiles("CGIScriptTimeout")
def _c_timeout(conf, value, ctx):
    conf.cgi_timeout = value


@hook("handler", "cgi_module")
def cgi_handler(r):
    return _serving.cgi_handler(r, "cgi")


serves("ScriptLog", "ScriptLogLength", "ScriptLogBuffer", "CGIScriptTimeout")
