"""A Site: everything the HTTP layer precomputes from one configuration generation.

Server records (main + vhosts) with their per-server settings, per-dir defaults and sorted
sections; the vhost lookup tables; the hook lists of the loaded modules; open logs; and the
per-generation caches (merged per-dir configs, .htaccess files, the multipart boundary).
"""
from __future__ import annotations

import os
import threading
import time

from . import hooks
from .conf import CompileContext, CSection, DirConfig, compile_dirconf, compile_section, merge
from ..syslogger import is_syslog
from .errorlog import ErrorLog, ServerLog, compile_loglevel, parse_loglevel, DEFAULT_LEVEL
from .parser import Limits
from .server import SERVER_COMPILERS, ServerRec
from .vhost import VhostTable


# Everything the request path may import lazily, imported while the Site is built: children
# drop privileges after fork and may no longer be able to read the Python installation.
_PRELOAD = ("syslog", "stat", "errno", "ipaddress", "subprocess", "calendar", "crypt", "bcrypt",
            "apachepy.filters.zstream",
            "apachepy.http.body", "apachepy.http.byterange", "apachepy.http.conditions",
            "apachepy.http.connection", "apachepy.http.dates", "apachepy.http.exprctx",
            "apachepy.http.request", "apachepy.http.response", "apachepy.http.status",
            "apachepy.http.trace", "apachepy.http.uri", "apachepy.http.walk", "apachepy.expr",
            "apachepy.expr.pcre", "apachepy.config.reader", "apachepy.config.walk",
            "apachepy.config.source", "apachepy.config.macro", "apachepy.config.ifversion",
            "apachepy.modules.base")


def _preload(config) -> None:
    import importlib
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)     # crypt, kept for crypt(3)
        for name in _PRELOAD:
            try:
                importlib.import_module(name)
            except ImportError:
                pass
    from ..modules.base import load_implementations
    load_implementations(config.modules)
    from ..config.source import parser
    parser()            # the .htaccess grammar (read from the package, compiled once)


def banner_for(tokens: str | None) -> str:
    from ..version import COMPAT_STR, COMPAT_VERSION, OS_TOKEN
    t = tokens or "Full"
    if t == "Prod":
        return "Apache"
    if t == "Major":
        return f"Apache/{COMPAT_VERSION[0]}"
    if t == "Minor":
        return f"Apache/{COMPAT_VERSION[0]}.{COMPAT_VERSION[1]}"
    if t == "Minimal":
        return f"Apache/{COMPAT_STR}"
    return f"Apache/{COMPAT_STR} ({OS_TOKEN})"


def _root_defaults() -> DirConfig:
    """The main server's per-dir defaults before its own directives (create_core_dir_config)."""
    d = DirConfig()
    for name in ("options", "etag", "error_docs", "files", "ifs"):
        setattr(d, name, getattr(DirConfig, name))
    return d


class HtaccessCache:
    """Parsed .htaccess files per (path, override bits), revalidated by stat on each use."""

    def __init__(self, site: "Site"):
        self.site = site
        self.lock = threading.Lock()
        self.entries: dict = {}
        self.absent: dict[str, float] = {}

    ABSENT_TTL = 1.0     # seconds an absent .htaccess is remembered (new files count within it)

    def load(self, r, path: str, dirpath: str, override: int, override_opts: int, override_list):
        """False when there is no file, the compiled DirConfig, or an error status."""
        now = time.monotonic()
        absent = self.absent.get(path)
        if absent is not None and now - absent < self.ABSENT_TTL:
            return False
        try:
            stt = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            if len(self.absent) > 10000:
                self.absent.clear()
            self.absent[path] = now
            return False
        except PermissionError:
            r.log_error("core", "crit", f"AH00529: {path} pcfg_openfile: unable to check "
                        f"htaccess file, ensure it is readable and that '{dirpath}' is executable", err=13)
            r.notes.set("error-notes", "Server unable to read htaccess file, denying access to be safe")
            return 403
        except OSError:
            return False
        key = (path, override, override_opts, frozenset(override_list) if override_list else None, id(r.server))
        sig = (stt.st_mtime_ns, stt.st_size, stt.st_ino)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == sig:
            conf, err = hit[1], hit[2]
        else:
            conf, err = self._parse(r, path, dirpath, override, override_opts, override_list)
            with self.lock:
                self.entries[key] = (sig, conf, err)
        if err is not None:
            r.log_error("core", "alert", f"{path}: {err}")
            return 500
        return conf

    def _parse(self, r, path, dirpath, override, override_opts, override_list):
        from ..config.model import DirConf
        from ..config.reader import Fail
        from ..config.source import MAX_LINE_HTACCESS, LineSource
        from ..config.walk import Cmd
        from ..errors import ReadError
        site = self.site
        try:
            with open(path, "rb") as f:
                text = f.read().decode("latin-1")
        except PermissionError:
            return None, None
        except OSError as e:
            return None, str(e)
        reader = site.htaccess_reader()
        try:
            nodes = reader.read_source(LineSource(path, text, MAX_LINE_HTACCESS), override, htaccess=True,
                                       wrap=lambda msg, err: msg)
        except ReadError as e:
            return None, e.message
        dc = DirConf()
        cmd = Cmd(reader, site.config, r.server.model, htaccess=True)
        cmd.override = override
        cmd.override_list = set(override_list) if override_list else None
        cmd.override_opts = override_opts
        cmd.path = dirpath
        cmd.context = dc
        try:
            cmd.walk(nodes, dc)
        except Fail as e:
            return None, e.message
        ctx = CompileContext(site.server_root, dirpath, site)
        return compile_dirconf(dc.values, dc.files, dc.ifs, ctx), None


class Site:
    """One configuration generation, ready to serve."""

    def __init__(self):
        self.merge_cache: dict = {}
        # ap_multipart_boundary: "%0" APR_UINT64_T_HEX_FMT of a random 64-bit value (no padding)
        self.boundary = "%x" % int.from_bytes(os.urandom(8), "big")
        self.logs: dict[str, ErrorLog] = {}
        self.closers: list = []
        self.reopeners: list = []

    @classmethod
    def from_config(cls, config) -> "Site":
        """Build from a Config (or a Loaded, whose .config is used)."""
        argv0 = getattr(getattr(config, "reader", None), "argv0", "apachepy")   # the default syslog tag
        if hasattr(config, "config") and hasattr(config, "reader"):
            config = config.config
        _preload(config)
        site = cls()
        site.config = config
        site.argv0 = argv0
        site.server_root = config.server_root
        site.loaded_modules = set(config.module_names())
        site.hooks = hooks.resolve(site.loaded_modules)
        site.banner = banner_for(config.values.get("ServerTokens"))
        site.htaccess = HtaccessCache(site)
        site._reader = None
        site.mod: dict = {}            # per-module site-wide state (MIME table, log writers...)
        main = ServerRec(config.main, None)
        site.main = main
        site.servers = [main] + [ServerRec(v, main) for v in config.vhosts]
        _fix_ports(config, site.servers)
        ctx = CompileContext(config.server_root, None, site)
        main.lookup_defaults = merge(_root_defaults(), compile_dirconf(
            config.main.conf.values, config.main.conf.files, config.main.conf.ifs, ctx))
        main_dirs = [compile_section(s, ctx, i) for i, s in enumerate(config.main.dir_sections)]
        main_urls = [compile_section(s, ctx, i) for i, s in enumerate(config.main.url_sections)]
        for s in site.servers:
            if s is not main:
                vd = compile_dirconf(s.model.conf.values, s.model.conf.files, s.model.conf.ifs, ctx)
                s.lookup_defaults = merge(main.lookup_defaults, vd)
                base = len(main_dirs)
                dirs = main_dirs + [compile_section(x, ctx, base + i) for i, x in enumerate(s.model.dir_sections)]
                urls = main_urls + [compile_section(x, ctx, i) for i, x in enumerate(s.model.url_sections)]
            else:
                dirs, urls = main_dirs, main_urls
            site._index_sections(s, dirs)
            s.sec_url = urls
            site._server_settings(s)
        for fn in SERVER_COMPILERS:
            for s in site.servers:
                fn(s, s.main, site)
        site.vhosts = VhostTable(main, site.servers[1:])
        return site

    # -- building ------------------------------------------------------------------------
    @staticmethod
    def _index_sections(s: ServerRec, dirs: list[CSection]) -> None:
        """Directory sections keyed for the walk: exact paths by level, wildcards by depth,
        regexes in order (ap_core_reorder_directories' sort)."""
        s.sec_dir = dirs
        levels: dict[str, list] = {}
        fn: dict[int, list] = {}
        rx = []
        for cs in sorted(dirs, key=lambda c: (c.regex is not None, c.components, c.order)):
            if cs.regex is not None:
                rx.append(cs)
            elif cs.fnmatch is not None:
                fn.setdefault(cs.path.count("/"), []).append(cs)
            else:
                levels.setdefault(cs.path, []).append(cs)
        s.dir_levels = levels
        s.dir_fnmatch = fn
        s.dir_regex = rx

    def _server_settings(self, s: ServerRec) -> None:
        """The core per-server settings (vhosts inherit what they don't set)."""
        m = s.model
        main = s.main

        def last(name, default=None):
            v = s.last(name)
            return default if v is None else v

        def num(name, default):
            v = last(name)
            if v is None:
                return default
            try:
                return int(v[0])
            except (ValueError, TypeError, IndexError):
                return default

        ka = last("KeepAlive")
        s.keep_alive = (ka[0] is True or str(ka[0]).lower() == "on") if ka else True
        kat = s.model.conf.values.get("KeepAliveTimeout")
        s.keep_alive_timeout_set = bool(kat)
        s.keep_alive_timeout = float(_seconds(last("KeepAliveTimeout"), 5))
        s.keep_alive_max = num("MaxKeepAliveRequests", 100)
        s.timeout = float(_seconds(last("Timeout"), 60))
        s.limits = Limits(line=num("LimitRequestLine", 8190), fieldsize=num("LimitRequestFieldsize", 8190),
                          fields=num("LimitRequestFields", 100))
        hpo = last("HttpProtocolOptions")
        if hpo:
            for w in hpo:
                wl = str(w).lower()
                if wl == "unsafe":
                    s.limits.strict = False
                elif wl == "strict":
                    s.limits.strict = True
                elif wl == "require1.0":
                    s.limits.allow09 = False
                elif wl == "allow0.9":
                    s.limits.allow09 = True
                elif wl == "registeredmethods":
                    s.limits.registered_methods = True
        admin = last("ServerAdmin")
        s.server_admin = admin[0] if admin else "[no address given]"
        dr = m.values.get("DocumentRoot") or (main.model.values.get("DocumentRoot") if main else None)
        s.document_root = dr or "/var/www/html"
        te = last("TraceEnable")
        s.trace_enable = str(te[0]).lower() if te else "on"
        an = last("AccessFileName")
        s.access_names = list(an) if an else [".htaccess"]
        ms = last("MergeSlashes")
        s.merge_slashes = (ms[0] is True or str(ms[0]).lower() == "on") if ms else True
        shc = last("StrictHostCheck")
        s.strict_host_check = bool(shc) and (shc[0] is True or str(shc[0]).lower() == "on")
        # error log
        name = m.values.get("ErrorLog") if m.is_virtual else None
        if not m.is_virtual or name:
            path = name or m.values.get("ErrorLog") or "logs/error_log"
            target = self._open_errorlog(path)
        else:
            target = main.log.target
        level, mods = self._loglevel(s.model)
        if level is None:       # unset (or only module levels): ap_merge_log_config with the main's
            if main is not None:
                level, mods = main.log.level, {**main.log.module_levels, **mods}
            else:
                level, mods = DEFAULT_LEVEL, mods
        s.log = ServerLog(target, level, mods)

    @staticmethod
    def _loglevel(model):
        """The server's LogLevel: (level index, {module: level index}), (None, {}) when unset.
        loglevel.py stores (name, {"core_module": name}); older models kept raw arguments."""
        v = model.values.get("LogLevel")
        if isinstance(v, tuple):
            return compile_loglevel(v)
        raw = model.conf.values.get("LogLevel")
        if not raw:
            return None, {}
        level, mods = DEFAULT_LEVEL, {}
        for args in raw:
            lv, md = parse_loglevel(args if isinstance(args, list) else [args])
            if lv is not None:
                level = lv
            mods.update(md)
        return level, mods

    def _open_errorlog(self, name: str) -> ErrorLog:
        if name.startswith("|") or is_syslog(name):
            path = name
        else:
            path = os.path.join(self.server_root, name) if not name.startswith("/") else name
        el = self.logs.get(path)
        if el is None:
            el = ErrorLog(path, self.server_root, argv0=self.argv0)
            self.logs[path] = el
        return el

    def htaccess_reader(self):
        """A config Reader with this generation's modules, for .htaccess files."""
        if self._reader is None:
            from ..config.reader import Reader
            from ..log import StartupLog
            r = Reader("apachepy", self.server_root, list(self.config.defines), StartupLog())
            for mod in self.config.modules:
                if mod not in r.modules:
                    r.add_module(mod)
            self._reader = r
        return self._reader

    # -- lifecycle -------------------------------------------------------------------------
    def reopen_logs(self) -> None:
        for el in self.logs.values():
            el.reopen()
        for fn in self.reopeners:
            fn()

    def flush_logs(self) -> None:
        for fn in self.closers:
            fn(flush_only=True)

    def close(self) -> None:
        for fn in self.closers:
            fn()
        for el in self.logs.values():
            el.close()
        self.logs.clear()


def _servername_port(nodes) -> int | None:
    """The port of the last ServerName among `nodes` (0 without one), None if there is none;
    <VirtualHost> subtrees are skipped."""
    found = None
    for n in nodes:
        if n.name == "ServerName":
            arg = n.args.strip().strip('"')
            if "://" in arg:
                arg = arg.split("://", 1)[1]
            if arg.startswith("["):
                rest = arg[arg.find("]") + 1:]
                found = int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else 0
            else:
                _, sep, port = arg.rpartition(":")
                found = int(port) if sep and port.isdigit() else 0
        elif n.children and n.name != "<VirtualHost":
            sub = _servername_port(n.children)
            if sub is not None:
                found = sub
    return found


def _fix_ports(config, servers) -> None:
    """server_rec->port: set by ServerName (0 when it has no port, as httpd's handler does),
    else for a vhost the first address's port or the main server's."""
    main = servers[0]
    p = _servername_port(config.tree)
    main.port = p if p is not None else 0
    for s in servers[1:]:
        p = _servername_port(s.model.node.children or []) if s.model.node is not None else None
        if p is not None:
            s.port = p
        elif s.model.addrs and s.model.addrs[0].port:
            s.port = s.model.addrs[0].port
        else:
            s.port = main.port


def _seconds(v, default):
    """Timeout-style values: seconds, or with an ms suffix."""
    if not v:
        return default
    t = str(v[0]).strip().lower()
    try:
        if t.endswith("ms"):
            return int(t[:-2]) / 1000.0
        if t.endswith("s"):
            return int(t[:-1])
        return int(t)
    except ValueError:
        return default
