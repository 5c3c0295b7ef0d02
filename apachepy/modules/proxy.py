"""mod_proxy's containers: <Proxy> and <ProxyMatch> scope directives to proxied URLs."""
from __future__ import annotations

from ..config.args import getword
from ..config.model import DirConf, Section
from ..config.registry import ACCESS_CONF, OR_ALL, PROXY_CONF
from ..config.walk import NOT_IN_DIR_CONTEXT, Cmd
from .base import handles
from .core import compile_regex, missing_arg, unclosed


@handles("<Proxy", "<ProxyMatch")
def proxysection(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT)
    if err:
        return err
    end = arg.rfind(">")
    if end < 0:
        return unclosed(cmd)
    arg = arg[:end]
    if not arg:
        return missing_arg(cmd)
    kind = cmd.cmd.name
    path, pos = getword(arg)
    if not path:
        return f"{kind} > block must specify a path"
    regex = None
    if kind == "<ProxyMatch" or path == "~":
        if path == "~":
            path, pos = getword(arg, pos)
        regex = compile_regex(path)
        if regex is None:
            return "Regex could not be compiled"
    sec = Section(kind, path, regex, cmd.directive, DirConf())
    old_path, old_context = cmd.path, cmd.context
    cmd.path = path
    cmd.context = sec.conf
    try:
        err = cmd.walk_section(cmd.directive, OR_ALL | ACCESS_CONF | PROXY_CONF)
    finally:
        cmd.path, cmd.context = old_path, old_context
    cmd.server.values.setdefault("proxy_sections", []).append(sec)
    return err
