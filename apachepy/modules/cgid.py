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


# -- serving (apachepy/http/cgi.py): scripts run from the worker itself, as mod_cgi runs them;
# there is no separate daemon, so ScriptSock names a socket nobody creates.

from ..http import cgi as _serving  # noqa: E402  (imported before children drop privileges)
from . import cgi as _shared  # noqa: E402  (ScriptLog*: mod_cgi's handlers, also loaded here)
from ..http.conf import compiles, field  # noqa: E402
from ..http.hooks import hook  # noqa: E402
from .base import serves  # noqa: E402

handles("CGIDScriptTimeout")(_shared.script_timeout)   # mod_cgid's own copy of the directive
field("cgid_timeout", None)              # microseconds; None: the server's Timeout


@compiles("CGIDScriptTimeout")
def _c_timeout(conf, value, ctx):
    conf.cgid_timeout = value


@hook("handler", "cgid_module")
def cgid_handler(r):
    return _serving.cgi_handler(r, "cgid")


serves("CGIDScriptTimeout", "ScriptSock")
