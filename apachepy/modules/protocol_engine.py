"""ProtocolEngine (apachepy's own directive, catalog/_apachepy.py): which request-head parser
serves.  `auto` (the default) takes httptools (llhttp) when it is installed, `python` only
apachepy's own parser, `httptools` requires it.  Either way httpd's rules, limits and
answers are apachepy's code (apachepy/http/engine_httptools.py).  APACHEPY_ENGINE in the
environment overrides the directive, so the test suite can run once per engine."""
from __future__ import annotations

import os

from ..config.walk import GLOBAL_ONLY, Cmd
from ..errors import FatalStartup
from ..http.server import server_compiler
from .base import handles, post_config, serves

serves("ProtocolEngine")

_MISSING = "the httptools package is not installed (pip install 'apachepy[fast]')"


@handles("ProtocolEngine")
def protocol_engine(cmd: Cmd, arg: str):
    from ..http.parser import ENGINES, httptools_available    # the request path: not for every -t
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    name = arg.lower()
    if name not in ENGINES:
        return "ProtocolEngine must be one of: auto, python, httptools"
    if name == "httptools" and not httptools_available():
        return "ProtocolEngine httptools: " + _MISSING
    cmd.config.values["ProtocolEngine"] = name
    return None


@post_config
def check_engine_env(config, log, reader) -> None:
    """A wrong APACHEPY_ENGINE stops the start instead of silently testing another engine."""
    from ..http.parser import ENGINE_ENV, ENGINES, httptools_available
    name = os.environ.get(ENGINE_ENV)
    if not name:
        return
    if name.lower() not in ENGINES:
        raise FatalStartup(f"apachepy: {ENGINE_ENV}={name}: must be one of auto, python, httptools")
    if name.lower() == "httptools" and not httptools_available():
        raise FatalStartup(f"apachepy: {ENGINE_ENV}=httptools: {_MISSING}")


@server_compiler
def choose_engine(srec, main, site) -> None:
    """Once per configuration generation, while the Site is built (before children drop
    privileges, so httptools is imported while the installation is readable)."""
    if "head_parser" not in site.mod:
        from ..http.parser import engine_class
        site.mod["head_parser"] = engine_class(site.config.values.get("ProtocolEngine"))
