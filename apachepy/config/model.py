"""The validated configuration model the MPM and the HTTP layer consume.

A `Config` holds the main server and the virtual hosts; each `Server` holds its per-server
values and its per-directory sections in the order httpd merges them.  Values are stored
by canonical directive name; implemented modules store typed values there (see
apachepy/modules), the rest keep their split arguments so that nothing is lost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .nodes import Node


@dataclass(eq=False)
class DirConf:
    """One per-directory configuration vector (server defaults, or one section)."""
    values: dict[str, Any] = field(default_factory=dict)
    files: list["Section"] = field(default_factory=list)    # <Files>/<FilesMatch> inside it
    ifs: list["Section"] = field(default_factory=list)      # <If>/<ElseIf>/<Else> inside it


@dataclass(eq=False)
class Section:
    kind: str                     # canonical name with '<': <Directory, <Location, <Files, <If, ...
    path: str | None              # the path or pattern as httpd stores it ("/var/www/", "*If")
    regex: re.Pattern | None
    node: Node
    conf: DirConf
    condition: Any = None         # the parsed ap_expr of <If>/<ElseIf>


@dataclass(eq=False)
class VhostAddr:
    host: str                     # "*" / "_default_" / an IP address
    port: int | None              # None for "*"
    text: str                     # as written


@dataclass(eq=False)
class Server:
    is_virtual: bool = False
    node: Node | None = None                  # the <VirtualHost> node
    addrs: list[VhostAddr] = field(default_factory=list)
    server_name: str | None = None
    port: int = 0
    aliases: list[str] = field(default_factory=list)
    wild_aliases: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)   # per-server config
    conf: DirConf = field(default_factory=DirConf)         # lookup_defaults
    dir_sections: list[Section] = field(default_factory=list)
    url_sections: list[Section] = field(default_factory=list)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


@dataclass(eq=False)
class Listen:
    host: str | None              # None: every address
    port: int
    proto: str
    text: str
    node: Node | None = None


@dataclass(eq=False)
class Config:
    server_root: str
    main: Server
    vhosts: list[Server]
    tree: list[Node]
    modules: list                  # loaded Module records, in load order
    defines: list[str]
    define_vars: dict[str, str]
    listens: list[Listen] = field(default_factory=list)
    mpm: dict[str, Any] = field(default_factory=dict)      # adjusted MPM numbers (see mpm_event)
    values: dict[str, Any] = field(default_factory=dict)   # process-wide settings (User, PidFile...)
    unimplemented: list[tuple[str, Node]] = field(default_factory=list)

    def module_names(self) -> list[str]:
        return [m.name for m in self.modules]
