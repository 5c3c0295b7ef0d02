"""httpd's server_rec for the HTTP layer: one per server (the main one and each vhost), with
the per-server settings resolved (a vhost inherits what it doesn't set from the main server,
as ap_fixup_virtual_hosts does) and its per-dir defaults and sections compiled."""
from __future__ import annotations

from typing import Any, Callable

from ..config.paths import wild_regex

# Per-server compilers registered by module implementations: fn(srec, main_srec|None, site).
SERVER_COMPILERS: list[Callable] = []


def server_compiler(fn):
    SERVER_COMPILERS.append(fn)
    return fn


class ServerRec:
    def __init__(self, model, main: "ServerRec | None"):
        self.model = model
        self.is_virtual = model.is_virtual
        self.main = main
        self.server_hostname: str = model.server_name or ""
        self.port: int = model.port or 0   # corrected by Site (ServerName without a port is 0)
        self.names = [n for n in model.aliases]
        self.wild_names = [wild_regex(n, icase=True) for n in model.wild_aliases]
        self.defn_name = model.node.file if model.node is not None else None
        self.defn_line = model.node.line if model.node is not None else 0
        # filled in by Site / module compilers
        self.keep_alive = True
        self.keep_alive_timeout = 5.0
        self.keep_alive_timeout_set = False
        self.keep_alive_max = 100
        self.timeout = 60.0
        from .parser import Limits      # the request path's module: not imported by -t
        self.limits = Limits()
        self.server_admin = "[no address given]"
        self.document_root = "/var/www/html"
        self.trace_enable = "on"
        self.access_names = [".htaccess"]
        self.merge_slashes = True
        self.strict_host_check = False
        self.log = None                 # errorlog.ServerLog
        self.lookup_defaults = None     # conf.DirConfig
        self.sec_dir: list = []
        self.sec_url: list = []
        self.mod: dict[str, Any] = {}   # per-module server config

    def matches_name(self, host: str) -> bool:
        """matches_aliases: ServerName, ServerAlias, wildcard ServerAlias."""
        h = host.lower()
        if h == self.server_hostname.lower():
            return True
        for n in self.names:
            if n.lower() == h:
                return True
        for rx in self.wild_names:
            if rx.match(host):
                return True
        return False

    def value(self, name: str):
        """The stored argument lists of a server-level directive, inherited from the main server
        when this vhost doesn't set it (the last occurrence wins for single-valued ones)."""
        v = self.model.conf.values.get(name)
        if v is None and self.main is not None:
            v = self.main.model.conf.values.get(name)
        return v

    def last(self, name: str, default=None):
        v = self.value(name)
        if not v:
            return default
        return v[-1]
