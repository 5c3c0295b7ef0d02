"""The directive table: every directive of every stock httpd 2.4 module, declared once as data.

The facts (names, argument kinds, override classes, httpd's help strings) come from httpd's
command tables; `doc` is our own one-line description.  Behaviour is attached separately: a
module implementation registers config handlers by directive name (see apachepy.modules).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class How(enum.Enum):
    """httpd's cmd_how: how the argument text is split before the handler sees it."""
    RAW_ARGS = "RAW_ARGS"
    TAKE_ARGV = "TAKE_ARGV"
    NO_ARGS = "NO_ARGS"
    TAKE1 = "TAKE1"
    TAKE2 = "TAKE2"
    TAKE12 = "TAKE12"
    TAKE3 = "TAKE3"
    TAKE23 = "TAKE23"
    TAKE123 = "TAKE123"
    TAKE13 = "TAKE13"
    ITERATE = "ITERATE"
    ITERATE2 = "ITERATE2"
    FLAG = "FLAG"


globals().update(How.__members__)  # RAW_ARGS, TAKE1, ... usable as bare names by the catalog

# req_override bits, the same values as httpd's http_config.h
OR_NONE = 0
OR_LIMIT = 1
OR_OPTIONS = 2
OR_FILEINFO = 4
OR_AUTHCFG = 8
OR_INDEXES = 16
OR_UNSET = 32
ACCESS_CONF = 64
RSRC_CONF = 128
EXEC_ON_READ = 256
NONFATAL_OVERRIDE = 512
NONFATAL_UNKNOWN = 1024
PROXY_CONF = 2048          # set inside <Proxy> sections (mod_proxy)
NONFATAL_ALL = NONFATAL_OVERRIDE | NONFATAL_UNKNOWN
OR_ALL = OR_LIMIT | OR_OPTIONS | OR_FILEINFO | OR_AUTHCFG | OR_INDEXES


@dataclass(frozen=True)
class Directive:
    name: str            # canonical spelling, sections with their leading '<'
    how: How
    override: int        # req_override bits
    help: str | None     # httpd's errmsg, appended to argument-count errors
    doc: str = ""        # our own one-line description
    default: str | None = None
    module: str = ""     # filled in by Module


@dataclass
class Module:
    name: str            # symbol name, e.g. "rewrite_module"
    source: str          # source file, e.g. "mod_rewrite.c"
    directives: list[Directive] = field(default_factory=list)
    debian: str = "shared"   # "static" (compiled into Debian's apache2), "shared" (.so shipped), "absent"
    doc: str = ""

    def __post_init__(self) -> None:
        self.directives = [
            d if d.module == self.name else Directive(**{**d.__dict__, "module": self.name})
            for d in self.directives
        ]


def D(name: str, how: How, override: int, help: str | None = None, doc: str = "",
      default: str | None = None) -> Directive:
    """Shorthand used by the catalog files."""
    return Directive(name, how, override, help, doc, default)

