"""mod_cgid: the CGI daemon's socket (the logging and timeout directives are shared with
mod_cgi's handlers, see cgi.py).

Process-wide (config.values): "ScriptSock" (path with ".<pid>" appended by httpd at start;
stored relative to DefaultRuntimeDir as given).
"""
from __future__ import annotations

from ..config.walk import GLOBAL_ONLY, Cmd
from .base import handles


@handles("ScriptSock")
def script_sock(cmd: Cmd, arg: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    from .proxy import runtime_dir_relative
    cmd.config.values["ScriptSock"] = runtime_dir_relative(cmd, arg)
    return None
