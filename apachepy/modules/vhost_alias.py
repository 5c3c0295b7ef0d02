"""mod_vhost_alias: dynamic document and CGI roots, format strings checked as httpd does.

Stored per server (server.values): "VirtualDocumentRoot" and "VirtualScriptAlias" as
(mode, format) with mode "name" or "ip" (the *IP directives), or None for 'none'.
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles
from .clib import isdigit

_TARGET = {"VirtualDocumentRoot": ("VirtualDocumentRoot", "name"), "VirtualDocumentRootIP": ("VirtualDocumentRoot", "ip"),
           "VirtualScriptAlias": ("VirtualScriptAlias", "name"), "VirtualScriptAliasIP": ("VirtualScriptAlias", "ip")}


def _format_error(fmt: str) -> str | None:
    p, n = 0, len(fmt)

    def at(i: int) -> str:
        return fmt[i] if i < n else ""

    while p < n:
        c = fmt[p]
        p += 1
        if c != "%":
            continue
        if at(p) in ("p", "%") and at(p):
            p += 1
            continue
        for _part in range(2):
            if at(p) == "-":
                p += 1
            if not isdigit(at(p)):
                return "syntax error in format string"
            p += 1
            if at(p) == "+":
                p += 1
            if _part == 0:
                if at(p) != ".":
                    break
                p += 1
    return None


@handles(*_TARGET)
def vhost_alias(cmd: Cmd, fmt: str):
    name, mode = _TARGET[cmd.cmd.name]
    if not fmt.startswith("/"):
        if fmt.lower() != "none":
            return "format string must be an absolute path, or 'none'"
        cmd.server.values[name] = None
        return None
    err = _format_error(fmt)
    if err:
        return err
    cmd.server.values[name] = (mode, fmt)
    return None
