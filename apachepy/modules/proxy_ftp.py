"""mod_proxy_ftp: FTP proxying settings.

Stored per directory (context.values): "ProxyFtpListOnWildcard", "ProxyFtpEscapeWildcards"
(bool), "ProxyFtpDirCharset" (str).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("ProxyFtpListOnWildcard", "ProxyFtpEscapeWildcards")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None


@handles("ProxyFtpDirCharset")
def dir_charset(cmd: Cmd, arg: str):
    cmd.context.values["ProxyFtpDirCharset"] = arg
    return None
