"""Load a configuration as httpd's main() does: read, check MPM, walk, fix up vhosts, check.

`load()` returns the validated `Config` or raises one of apachepy.errors' types whose text
the CLI prints in httpd's format.
"""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field

from ..errors import FatalStartup, ReadError, WalkError
from ..log import StartupLog
from ..modules.base import LOADED_MODULES, POST_CONFIG, PRE_CONFIG, load_implementations
from .model import Config, Server
from .reader import Reader
from .source import LineSource
from .walk import Cmd, walk_config

# Debian's compiled-in defaults (apache2 -V)
HTTPD_ROOT = "/etc/apache2"
SERVER_CONFIG_FILE = "apache2.conf"
DEFAULT_PIDLOG = "/run/apache2.pid"
DEFAULT_RUNTIMEDIR = "/var/run/apache2"
DEFAULT_ERRORLOG = "logs/error_log"


@dataclass
class Options:
    argv0: str = "apachepy"
    server_root: str = HTTPD_ROOT
    conf_file: str = SERVER_CONFIG_FILE
    defines: list[str] = field(default_factory=list)
    pre: list[str] = field(default_factory=list)     # -C
    post: list[str] = field(default_factory=list)    # -c
    document_root_check: bool = True                 # -T turns it off
    run_mode: str = "normal"                         # httpd's AP_SQ_RUN_MODE: normal, test or dump
    log_level: str = "warn"


class Loaded:
    """The outcome of a successful load: the model plus what the dumps need."""

    def __init__(self, config: Config, reader: Reader):
        self.config = config
        self.reader = reader


def _command_lines(r: Reader, lines: list[str]) -> list:
    if not lines:
        return []
    src = LineSource("-c/-C directives", "\n".join(lines))
    return r.read_source(src, wrap=lambda msg, err: f"Syntax error in -C/-c directive: {msg}")


def local_host_name(log: StartupLog, argv0: str) -> str:
    """ap_get_local_host: a name with a dot, else the address, with AH00558 if not a FQDN."""
    name = None
    try:
        host = socket.gethostname()
        try:
            info = socket.getaddrinfo(host, None, socket.AF_UNSPEC, socket.SOCK_STREAM)
            addr = info[0][4][0]
            try:
                rev = socket.getnameinfo((addr, 0) if ":" not in addr else (addr, 0, 0, 0), 0)[0]
            except OSError:
                rev = ""
            if "." in rev and not rev.replace(".", "").isdigit():
                return rev
            name = host if "." in host else addr
        except OSError:
            log.plain(f"AH00557: {argv0}: apr_sockaddr_info_get() failed for {host}")
    except OSError:
        log.plain(f"AH00556: {argv0}: apr_gethostname() failed to determine ServerName")
    name = name or "127.0.0.1"
    log.plain(f"AH00558: {argv0}: Could not reliably determine the server's fully qualified domain name, "
              f"using {name}. Set the 'ServerName' directive globally to suppress this message")
    return name


def load(opts: Options, log: StartupLog, out=None) -> Loaded:
    dump_includes = "DUMP_INCLUDES" in opts.defines
    r = Reader(opts.argv0, opts.server_root, opts.defines, log, dump_includes, out)
    if dump_includes and out is not None:
        out.write("Included configuration files:\n")
    tree = []
    try:
        tree += _command_lines(r, opts.pre)
    except ReadError as e:
        raise FatalStartup(f"{opts.argv0}: {e.message}")
    confname = r.server_root_relative(opts.conf_file)
    try:
        tree += r.process_resource_config(confname)
    except ReadError as e:
        raise FatalStartup(f"{opts.argv0}: {e.message}")
    mpms = [m for m in r.modules if m.name.startswith("mpm_")]
    if not mpms:
        raise FatalStartup(f"AH00534: {opts.argv0}: Configuration error: No MPM loaded.")
    if len(mpms) > 1:
        raise FatalStartup(f"AH00534: {opts.argv0}: Configuration error: More than one MPM loaded.")
    try:
        tree += _command_lines(r, opts.post)
    except ReadError as e:
        raise FatalStartup(f"{opts.argv0}: {e.message}")

    config = Config(server_root=r.server_root, main=Server(port=0), vhosts=[], tree=tree,
                    modules=r.modules, defines=r.defines, define_vars=r.define_vars)
    config.values["document_root_check"] = opts.document_root_check
    config.values["run_mode"] = opts.run_mode
    cmd = Cmd(r, config, config.main)
    load_implementations(r.modules)     # the loaded modules' handlers and hooks
    LOADED_MODULES[:] = config.module_names()   # read by ap_expr for mod_ssl's %{SSL_*} etc.
    for hook in PRE_CONFIG:
        hook(config, log)
    walk_config(cmd, tree)  # WalkError propagates
    fini_vhosts(config, log, opts.argv0)
    config.values["runtime_dir"] = r.runtime_dir
    from ..cli import dumps
    if out is not None and "DUMP_VHOSTS" in config.defines:
        out.write(dumps.dump_vhosts(config))   # printed by ap_fini_vhost_config, before any check
        out.flush()
    checks = [c for c in POST_CONFIG if c.run_first] + [c for c in POST_CONFIG if not c.run_first]
    for i, check in enumerate(checks):
        if i == sum(c.run_first for c in POST_CONFIG):
            _dump_config(config, out)
        check(config, log, r)
    if len(checks) == sum(c.run_first for c in POST_CONFIG):
        _dump_config(config, out)
    return Loaded(config, r)


def _dump_config(config: Config, out) -> None:
    """mod_info's check_config hook: the DUMP_CONFIG tree, after core's own checks."""
    from ..cli import dumps
    if out is not None and "DUMP_CONFIG" in config.defines and "info_module" in config.module_names():
        out.write(dumps.dump_config(config.tree))
        out.flush()


def fini_vhosts(config: Config, log: StartupLog, argv0: str) -> None:
    """Give every server a name as ap_fini_vhost_config does (AH00558 for the main one)."""
    main = config.main
    if not main.server_name:
        main.server_name = local_host_name(log, argv0)
    for v in reversed(config.vhosts):   # httpd keeps vhosts on a list built by prepending
        if v.server_name:
            continue
        if any(a.host == "*" for a in v.addrs) or any(a.host in ("0.0.0.0", "::") for a in v.addrs):
            v.server_name = main.server_name
        elif not v.addrs:
            v.server_name = "bogus_host_without_forward_dns"
        else:
            try:
                v.server_name = socket.getnameinfo((v.addrs[0].host, 0), socket.NI_NAMEREQD)[0]
            except socket.gaierror as e:
                log.log("core", "error", f"(EAI {abs(e.errno)}){e.strerror}: AH00549: Failed to resolve server name "
                        f"for {v.addrs[0].host} (check DNS) -- or specify an explicit ServerName")
                v.server_name = "bogus_host_without_reverse_dns"
