"""Per-directory and per-server configuration as the HTTP layer uses it.

`DirConfig` is httpd's merged per-dir config vector flattened into one object.  An
instance holds only the fields its section set (in `__dict__`); unset fields read the class
default.  `merge(base, add)` applies each field's merge rule, registered by the module
that owns the field (`field(name, default, merge)`), so "new value wins if set" needs no
code and special rules (Options +/-, FileETag, header lists...) are one function each.

A section's stored directive values (apachepy.config.model.DirConf.values) are turned into a
DirConfig by the compilers modules register with `@compiles("Directive")`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field as dc_field
from typing import Any, Callable

from ..config.paths import fnmatch_regex, fnmatch_test  # noqa: F401  (re-exported for tests)

# Options bits (http_core.h)
OPT_NONE = 0
OPT_INDEXES = 1
OPT_INCLUDES = 2
OPT_SYM_LINKS = 4
OPT_EXECCGI = 8
OPT_UNSET = 16
OPT_INC_WITH_EXEC = 32
OPT_SYM_OWNER = 64
OPT_MULTI = 128
OPT_ALL = OPT_INDEXES | OPT_INCLUDES | OPT_INC_WITH_EXEC | OPT_SYM_LINKS | OPT_EXECCGI

# FileETag bits
ETAG_UNSET = 0
ETAG_NONE = 1
ETAG_MTIME = 2
ETAG_INODE = 4
ETAG_SIZE = 8
ETAG_DIGEST = 16
ETAG_ALL = ETAG_MTIME | ETAG_INODE | ETAG_SIZE
ETAG_BACKWARD = ETAG_MTIME | ETAG_SIZE


class DirConfig:
    """A (possibly merged) per-directory configuration; see the module docstring."""

    def __repr__(self) -> str:
        return f"DirConfig({self.__dict__!r})"


MERGERS: dict[str, Callable[[Any, Any], Any]] = {}


def field(name: str, default: Any = None, merge: Callable[[Any, Any], Any] | None = None) -> None:
    """Declare a per-dir field with its default and (optional) merge rule."""
    setattr(DirConfig, name, default)
    if merge is not None:
        MERGERS[name] = merge


def merge(base: DirConfig, add: DirConfig) -> DirConfig:
    new = DirConfig.__new__(DirConfig)
    d = dict(base.__dict__)
    bd = base.__dict__
    for name, val in add.__dict__.items():
        fn = MERGERS.get(name)
        if fn is not None and name in bd:
            d[name] = fn(bd[name], val)
        else:
            d[name] = val
    new.__dict__ = d
    return new


COMPILERS: dict[str, Callable[[DirConfig, list, "CompileContext"], None]] = {}


def compiles(*names: str):
    """Register a compiler for directives stored in DirConf.values under these names."""
    def deco(fn):
        for n in names:
            COMPILERS[n] = fn
        return fn
    return deco


@dataclass
class CompileContext:
    """What a compiler may need beyond the values: the site (for paths) and the section."""
    server_root: str = "/"
    path: str | None = None          # the section's path ("/var/www/"), None at server level
    site: Any = None
    values: dict = dc_field(default_factory=dict)   # all stored values of the section


@dataclass(eq=False)
class CSection:
    """A compiled <Directory>/<Location>/<Files>/<If> section."""
    kind: str                         # "<Directory", "<DirectoryMatch", "<Location", ... "<If", "<ElseIf", "<Else"
    path: str | None
    regex: re.Pattern | None
    conf: DirConfig
    fnmatch: re.Pattern | None = None # wildcard path compiled (APR_FNM_PATHNAME)
    components: int = 0
    refs: list = dc_field(default_factory=list)   # named groups of the regex
    condition: Any = None
    order: int = 0


def compile_dirconf(values: dict, files: list, ifs: list, ctx: CompileContext) -> DirConfig:
    """A section's stored values (plus its nested Files/If sections) as a DirConfig."""
    conf = DirConfig()
    ctx = CompileContext(ctx.server_root, ctx.path, ctx.site, values)
    for name, vals in values.items():
        fn = COMPILERS.get(name)
        if fn is not None:
            fn(conf, vals, ctx)
    if files:
        conf.files = [compile_section(s, ctx) for s in files]
    if ifs:
        conf.ifs = [compile_section(s, ctx) for s in ifs]
    return conf


def compile_section(sec, ctx: CompileContext, order: int = 0) -> CSection:
    """A config-model Section as a CSection (with its own conf compiled)."""
    sub = CompileContext(ctx.server_root, sec.path if sec.kind.startswith("<Directory") else ctx.path, ctx.site)
    conf = compile_dirconf(sec.conf.values, sec.conf.files, sec.conf.ifs, sub)
    cs = CSection(sec.kind, sec.path, sec.regex, conf, condition=sec.condition, order=order)
    if sec.regex is not None:
        cs.refs = [name for name in sec.regex.groupindex]
    elif sec.path is not None and sec.kind != "<If" and fnmatch_test(sec.path):
        cs.fnmatch = fnmatch_regex(sec.path)
    if sec.kind == "<Directory" and sec.regex is None:
        cs.components = 0 if sec.path == "/" else sec.path.count("/")
    return cs


# -- core's per-dir fields ------------------------------------------------------------------

def _merge_options(base: tuple, new: tuple) -> tuple:
    """merge_core_dir_configs for opts/opts_add/opts_remove."""
    bopts, badd, brem = base
    nopts, nadd, nrem = new
    if nopts & OPT_UNSET:
        add = (badd & ~nrem) | nadd
        rem = (brem & ~nadd) | nrem
        opts = (bopts & ~rem) | add
        if ((bopts & (OPT_INCLUDES | OPT_INC_WITH_EXEC)) == (OPT_INCLUDES | OPT_INC_WITH_EXEC)
                and (nopts & (OPT_INCLUDES | OPT_INC_WITH_EXEC)) == OPT_INCLUDES):
            opts &= ~OPT_INC_WITH_EXEC
        return opts, add, rem
    return new


def _merge_etag(base: tuple, new: tuple) -> tuple:
    bbits, badd, brem = base
    nbits, nadd, nrem = new
    if nbits == ETAG_UNSET:
        add = (badd & ~nrem) | nadd
        rem = (brem & ~nadd) | nrem
        bits = (bbits & ~rem) | add
    else:
        bits, add, rem = new
    if bits != ETAG_NONE:
        bits &= ~ETAG_NONE
    return bits, add, rem


def _merge_dict(base: dict, new: dict) -> dict:
    d = dict(base)
    d.update(new)
    return d


def _append(base: list, new: list) -> list:
    return base + new


# (opts, add, remove); the main server's defaults start at FollowSymLinks (create_core_dir_config)
field("options", (OPT_UNSET | OPT_SYM_LINKS, 0, 0), _merge_options)
field("override", 32)                   # AllowOverride bits; OR_UNSET (32) when never set: .htaccess files are still opened
field("override_opts", OPT_ALL | OPT_SYM_OWNER | OPT_MULTI)
field("override_list", None)            # AllowOverrideList names (lowercased set)
field("error_docs", {}, _merge_dict)    # status -> ErrorDocument text ('"text', '/local', 'http://...')
field("accept_path_info", None)         # None (default per handler), True, False
field("use_canonical_name", "off")      # "on", "off", "dns"
field("use_canonical_phys_port", False)
field("limit_req_body", 1 << 30)
field("files", [], _append)             # <Files> sections (sec_file)
field("ifs", [], _append)               # <If> sections (sec_if)
field("server_signature", "off")        # "off", "on", "email"
field("add_default_charset", None)      # None (Off) or the charset name
field("mime_type", None)                # ForceType
field("handler", None)                  # SetHandler
field("etag", (ETAG_UNSET, 0, 0), _merge_etag)
field("enable_sendfile", True)
field("enable_mmap", True)
field("max_ranges", 200)                # -1 unlimited, 0 none ("Accept-Ranges: none")
field("allow_encoded_slashes", (False, False))   # (allow, decode)
field("content_md5", False)
field("hostname_lookups", False)
field("satisfy", None)                  # per-method "all"/"any" map (access_compat's Satisfy)
field("log_level", None)

