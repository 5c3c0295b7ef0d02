"""httpd's dumps, byte for byte: -D DUMP_CONFIG, -S (DUMP_VHOSTS, DUMP_RUN_CFG), -M, -l, -L, -v, -V."""
from __future__ import annotations

import grp
import os
import pwd

from ..config.load import DEFAULT_ERRORLOG, DEFAULT_PIDLOG, DEFAULT_RUNTIMEDIR, HTTPD_ROOT, SERVER_CONFIG_FILE
from ..config.model import Config, Server
from ..config.nodes import Node
from ..config.registry import (ACCESS_CONF, OR_ALL, OR_AUTHCFG, OR_FILEINFO, OR_INDEXES, OR_LIMIT,
                               OR_OPTIONS, RSRC_CONF)
from ..modules.mutex import dump_mutexes
DOCUMENT_LOCATION = "/var/www/html"  # Debian's compiled-in DocumentRoot
from ..version import COMPAT_STR, OS_TOKEN, SERVER_BUILT
from ..syslogger import is_syslog


def server_version() -> str:
    return f"Apache/{COMPAT_STR} ({OS_TOKEN})"


def version_text() -> str:
    return f"Server version: {server_version()}\nServer built:   {SERVER_BUILT}\n"


# -- DUMP_CONFIG (mod_info's dump of the directive tree) ----------------------------------
class TextListing:
    """How mod_info writes the tree to stdout for -D DUMP_CONFIG (its HTML form for the
    server-info page is apachepy/filters/info_page.py's HtmlListing)."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.fn: str | None = None      # the file named by the last "In file" line

    def indent(self, nest: int, fn: str, line: int) -> None:
        if self.fn != fn:
            self.out.append(f"# In file: {fn}\n")
            self.fn = fn
        if line > 0:
            self.out.append("  " * nest + "#" + f"{line:4d}" + ":\n")
        self.out.append("  " * nest)

    def show_cmd(self, node: Node, nest: int) -> None:
        self.indent(nest, node.file, node.line)
        self.out.append(f"{node.name} {node.args}\n")

    show_open = show_cmd

    def show_close(self, node: Node, nest: int) -> None:
        self.indent(nest, node.file, 0)
        self.out.append(f"</{node.name[1:]}>\n" if node.name.startswith("<") else f"/{node.name}\n")


def list_config(tree: list[Node], listing, names: set[str] | None = None) -> None:
    """mod_info_module_cmds: the directives of the tree whose lower-cased name is in `names`
    (all of them when None), each with the sections around it opened once and closed after."""
    listing.fn = None

    def show_parents(node: Node, frm: int, to: int) -> None:
        if frm < to:
            show_parents(node.parent, frm, to - 1)
        listing.show_open(node, to)

    def walk(nodes: list[Node], frm: int, level: int) -> int:
        shown = frm
        for d in nodes:
            if d.children:
                if level < walk(d.children, shown, level + 1):
                    shown = level
                    listing.show_close(d, level)
            elif names is None or d.name.lower() in names:
                if shown < level:
                    show_parents(d.parent, shown, level - 1)
                    shown = level
                listing.show_cmd(d, level)
        return shown

    walk(tree, 0, 0)


def dump_config(tree: list[Node]) -> str:
    listing = TextListing()
    list_config(tree, listing)
    return "".join(listing.out)


# -- DUMP_VHOSTS -------------------------------------------------------------------------
def _hash_addr(host: str) -> int:
    """vhost.c's bucket for an address: from its last four bytes, as stored in memory."""
    import ipaddress
    packed = ipaddress.ip_address(host).packed
    key = int.from_bytes(packed[-4:], "little")
    key ^= key >> 16
    return ((key >> 8) ^ key) % 256


def _is_any(host: str) -> bool:
    return host in ("*", "0.0.0.0", "::")


def dump_vhosts(config: Config) -> str:
    """Group vhosts by address the way ap_fini_vhost_config builds its chains."""
    buckets: dict[int, list[dict]] = {}
    default_list: list[dict] = []

    def new_chain(s: Server, a) -> dict:
        return {"server": s, "addr": a, "names": None, "initial": None}

    def add_name(chain: dict, s: Server, a) -> None:
        nc = (s, a)
        chain["server"] = s
        if chain["names"] is None:
            if chain["initial"] is None:
                chain["initial"] = [nc]
            else:
                chain["names"] = [nc] + chain["initial"]
                chain["initial"] = None
        else:
            chain["names"].insert(0, nc)

    # vhosts are visited last-defined first, as httpd keeps them on a prepended list
    for s in reversed(config.vhosts):
        prev = None
        for a in s.addrs:
            if _is_any(a.host):
                ic = next((c for c in default_list if c["addr"].port == a.port), None) or \
                     next((c for c in default_list if c["addr"].port is None), None)
                if ic is not None and a.port == ic["addr"].port:
                    if prev is None or not _is_any(prev.host) or prev.port != a.port:
                        add_name(ic, s, a)
                else:
                    ic = new_chain(s, a)
                    default_list.insert(0, ic)
                    add_name(ic, s, a)
            else:
                try:
                    b = _hash_addr(a.host)
                except ValueError:
                    b = 0
                chain_list = buckets.setdefault(b, [])
                ic = next((c for c in chain_list if c["addr"].host == a.host and c["addr"].port == a.port), None)
                if ic is None:
                    ic = next((c for c in chain_list if c["addr"].host == a.host and
                               (c["addr"].port is None or a.port is None)), None)
                if ic is None or a.port != ic["addr"].port:
                    ic = new_chain(s, a)
                    chain_list.insert(0, ic)
                add_name(ic, s, a)
            prev = a

    lines = ["VirtualHost configuration:\n"]

    def label(a) -> str:
        if _is_any(a.host):
            text = f"*:{a.port or 0}"
        elif ":" in a.host:
            text = f"[{a.host}]:{a.port or 0}"
        else:
            text = f"{a.host}:{a.port or 0}"
        if a.port is None:
            text = text[:-1] + "*"
        return text

    def where(s: Server) -> str:
        return f"({s.node.file}:{s.node.line})"

    def dump_chain(ic: dict) -> None:
        s = ic["server"]
        if ic["names"] is None:
            lines.append(f"{label(ic['addr']):<22} {s.server_name} {where(s)}\n")
            return
        lines.append(f"{label(ic['addr']):<22} is a NameVirtualHost\n")
        lines.append(f"{'':8} default server {s.server_name} {where(s)}\n")
        for ns, na in ic["names"]:
            port = f"port {na.port} " if na.port else "port * "
            lines.append(f"{'':8} {port}namevhost {ns.server_name} {where(ns)}\n")
            for alias in ns.aliases:
                lines.append(f"{'':16} alias {alias}\n")
            for alias in ns.wild_aliases:
                lines.append(f"{'':16} wild alias {alias}\n")

    for b in sorted(buckets):
        for ic in buckets[b]:
            dump_chain(ic)
    for ic in default_list:
        dump_chain(ic)
    return "".join(lines)


# -- DUMP_RUN_CFG ------------------------------------------------------------------------
def dump_run_cfg(config: Config, reader) -> str:
    root = config.server_root
    main = config.main
    docroot = main.values.get("DocumentRoot") or DOCUMENT_LOCATION
    errlog = main.values.get("ErrorLog") or DEFAULT_ERRORLOG
    if not (errlog.startswith("|") or is_syslog(errlog)):
        errlog = reader.server_root_relative(errlog)
    out = [f'ServerRoot: "{root}"\n', f'Main DocumentRoot: "{docroot}"\n', f'Main ErrorLog: "{errlog}"\n']
    if "ScoreBoardFile" in config.values:
        out.append(f'ScoreBoardFile: "{reader.server_root_relative(config.values["ScoreBoardFile"])}"\n')
    runtime = (reader.runtime_dir or DEFAULT_RUNTIMEDIR).rstrip("/") + "/"
    out += [line + "\n" for line in dump_mutexes(config, runtime)]
    pid = config.values.get("PidFile", DEFAULT_PIDLOG)
    out.append(f'PidFile: "{reader.server_root_relative(pid)}"\n')
    for d in config.defines:
        v = config.define_vars.get(d)
        out.append(f"Define: {d}={v}\n" if v is not None else f"Define: {d}\n")
    not_used = "" if os.geteuid() == 0 else " not_used"
    uname, uid = config.values.get("User", ("#-1", 4294967295))
    gname, gid = config.values.get("Group", ("#-1", 4294967295))
    if uid < 0:
        uid += 1 << 32
    if gid < 0:
        gid += 1 << 32
    out.append(f'User: name="{uname}" id={uid}{not_used}\n')
    out.append(f'Group: name="{gname}" id={gid}{not_used}\n')
    return "".join(out)


# -- modules and directives --------------------------------------------------------------
def dump_modules(modules) -> str:
    out = ["Loaded Modules:\n"]
    for m in modules:
        kind = "static" if m.debian == "static" else "shared"
        out.append(f" {m.name} ({kind})\n")
    return "".join(out)


def show_compiled_modules(modules) -> str:
    return "Compiled in modules:\n" + "".join(f"  {m.source}\n" for m in modules if m.debian == "static")


def allowed_text(override: int) -> str:
    """The "Allowed in" line(s) of -L for a directive's override bits."""
    if override & (OR_OPTIONS | OR_FILEINFO | OR_INDEXES) or (
            override & RSRC_CONF and override & (ACCESS_CONF | OR_AUTHCFG | OR_LIMIT)):
        where = "anywhere"
    elif override & RSRC_CONF:
        where = "only outside <Directory>, <Files>, <Location>, or <If>"
    else:
        where = "only inside <Directory>, <Files>, <Location>, or <If>"
    text = f"\tAllowed in *.conf {where}"
    if override & OR_ALL:
        text += " and in .htaccess\n\twhen AllowOverride"
        if override & OR_ALL == OR_ALL:
            text += " isn't None"
        else:
            names = [n for bit, n in ((OR_AUTHCFG, "AuthConfig"), (OR_LIMIT, "Limit"), (OR_OPTIONS, "Options"),
                                      (OR_FILEINFO, "FileInfo"), (OR_INDEXES, "Indexes")) if override & bit]
            text += " includes " + " or ".join(names)
    return text


def show_directives(modules) -> str:
    out = []
    for m in modules:
        for d in m.directives:
            out.append(f"{d.name} ({m.source})\n")
            if d.help:
                out.append(f"\t{d.help}\n")
            out.append(allowed_text(d.override) + "\n")
    return "".join(out)


# Debian's build: library versions and the compile-time defines -V prints (mod_info's
# "Server Built With" shows the ones it knows of, flagged True here)
APR_VERSION, APU_VERSION, PCRE_VERSION = "1.7.2", "1.6.3", "10.42 2022-12-11"
MODULE_MAGIC = (20120211, 142)
BUILD_DEFINES = [(" -D APR_HAS_SENDFILE", True), (" -D APR_HAS_MMAP", True),
                 (" -D APR_HAVE_IPV6 (IPv4-mapped addresses enabled)", True),
                 (" -D APR_USE_PROC_PTHREAD_SERIALIZE", True), (" -D APR_USE_PTHREAD_SERIALIZE", False),
                 (" -D SINGLE_LISTEN_UNSERIALIZED_ACCEPT", True), (" -D APR_HAS_OTHER_CHILD", True),
                 (" -D AP_HAVE_RELIABLE_PIPED_LOGS", True), (" -D DYNAMIC_MODULE_LIMIT=256", False),
                 (f' -D HTTPD_ROOT="{HTTPD_ROOT}"', True), (' -D SUEXEC_BIN="/usr/lib/apache2/suexec"', True),
                 (f' -D DEFAULT_PIDLOG="{DEFAULT_PIDLOG}"', True),
                 (' -D DEFAULT_SCOREBOARD="logs/apache_runtime_status"', True),
                 (f' -D DEFAULT_ERRORLOG="{DEFAULT_ERRORLOG}"', True), (' -D AP_TYPES_CONFIG_FILE="mime.types"', True),
                 (f' -D SERVER_CONFIG_FILE="{SERVER_CONFIG_FILE}"', True)]


def compile_settings(mpm: str | None) -> str:
    libs = f"APR {APR_VERSION}, APR-UTIL {APU_VERSION}, PCRE {PCRE_VERSION}"
    lines = [version_text().rstrip("\n"),
             "Server's Module Magic Number: %d:%d" % MODULE_MAGIC,
             f"Server loaded:  {libs}",
             f"Compiled using: {libs}",
             "Architecture:   64-bit",
             f"Server MPM:     {mpm or ''}"]
    if mpm == "event":
        lines += ["  threaded:     yes (fixed thread count)", "    forked:     yes (variable process count)"]
    lines += ["Server compiled with...."] + [text for text, _ in BUILD_DEFINES]
    return "\n".join(lines) + "\n"
