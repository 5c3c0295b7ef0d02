"""The directive catalog: every directive of every module shipped with stock httpd 2.4, as data.

One file per module (named after the module symbol minus ``_module``; ``http_core`` holds
http_module).  The facts (names, argument kinds, override bits, help strings) follow the
command tables of the Debian apache2 2.4.71 build; ``doc`` texts are our own.

ALL_MODULES (built on first use) lists the modules compiled into Debian's apache2 first, in ``apache2 -l`` order,
then all others sorted by short name.  BY_NAME is keyed by module symbol (``rewrite_module``),
BY_SOURCE by source file name (``mod_rewrite.c``, ``event.c``); ``<IfModule>`` accepts either.
"""
from __future__ import annotations

import importlib
import os

from apachepy.config.registry import Module

_HERE = os.path.dirname(os.path.abspath(__file__))
# compiled into Debian's apache2, in `apache2 -l` order (file names of this package)
STATIC_FILES = ["core", "so", "watchdog", "http_core", "log_config", "logio", "version", "unixd"]


def file_for(symbol: str) -> str:
    """The catalog file holding a module symbol's table (`rewrite_module` -> `rewrite`)."""
    return "http_core" if symbol == "http_module" else symbol.removesuffix("_module")


def files() -> list[str]:
    """Every module file of this package, static ones first, then sorted by name."""
    names = sorted(f[:-3] for f in os.listdir(_HERE) if f.endswith(".py") and not f.startswith("_"))
    return STATIC_FILES + [n for n in names if n not in STATIC_FILES]


def by_name(symbol: str) -> Module | None:
    """A module's table by its symbol, importing only that module's file (`-t` reads just the
    tables of the modules a configuration loads)."""
    name = file_for(symbol)
    if not name.isidentifier() or name.startswith("_") or not os.path.isfile(os.path.join(_HERE, name + ".py")):
        return None
    mod = importlib.import_module(f"{__name__}.{name}").MODULE
    return mod if mod.name == symbol else None


def __getattr__(attr: str):
    # the whole catalog, imported on first use (docs, -L of every module, tests)
    if attr == "ALL_MODULES":
        value = [importlib.import_module(f"{__name__}.{n}").MODULE for n in files()]
    elif attr == "BY_NAME":
        value = {m.name: m for m in __getattr__("ALL_MODULES")}
    elif attr == "BY_SOURCE":
        value = {m.source: m for m in __getattr__("ALL_MODULES")}
    else:
        raise AttributeError(attr)
    globals()[attr] = value
    return value
