"""How an implemented module attaches behaviour to the directive table.

`@handles("Name")` registers a walk-phase handler for a directive of the catalog; it receives
the `Cmd` (httpd's cmd_parms) and the split arguments, and returns None or an error string
exactly as httpd's handler would.  Directives without a handler are accepted with their
arguments checked by kind and kept in the model (see apachepy/config/walk.py).

`@pre_config` registers a hook run before the walk (httpd's pre_config hooks).
`@post_config` registers a check run after the walk, in registration order (httpd's
check_config / post_config hooks that print warnings or refuse the config at `-t`).
"""
from __future__ import annotations

import sys
from typing import Callable

HANDLERS: dict[str, Callable] = {}
PRE_CONFIG: list[Callable] = []
POST_CONFIG: list[Callable] = []
SERVED: set[str] = set()
LOADED_MODULES: list[str] = []      # symbols of the modules the configuration being read loads


SERVED_VALUES: dict[str, Callable[[str], bool]] = {}


SERVED_WHERE: dict[str, Callable] = {}


def serves_only(name: str, accepts: Callable[[str], bool], where: Callable | None = None) -> None:
    """Declare a directive served only for the argument texts `accepts` approves (for example
    AuthType Basic but not Digest), and, with `where`, only for the config nodes it approves
    (for example not inside a section); anything else is reported as unimplemented."""
    SERVED.add(name)
    SERVED_VALUES[name] = accepts
    if where is not None:
        SERVED_WHERE[name] = where


def serves(*names: str) -> None:
    """Declare directives whose meaning apachepy implements while serving (not only checks).

    The support report (`-t -D DUMP_SUPPORT`), the generated support matrix and the refusal to
    start a configuration that needs something unimplemented are all derived from this set.
    """
    SERVED.update(names)


HANDLER_OWNER: dict[str, str] = {}   # directive -> the implementation file that registered it


def handles(*names: str):
    owner = sys._getframe(1).f_globals.get("__name__", "")
    for n in names:
        HANDLER_OWNER[n] = owner

    def deco(fn):
        for n in names:
            HANDLERS[n] = fn
        return fn
    return deco


def pre_config(fn):
    """Register a hook run before the walk, with (config, log) (httpd's pre_config hooks
    that log while the configuration is read)."""
    PRE_CONFIG.append(fn)
    return fn


def post_config(fn=None, *, first: bool = False):
    """Register a check; `first` ones run before mod_info's DUMP_CONFIG, as core's do in httpd."""
    def deco(f):
        f.run_first = first
        POST_CONFIG.append(f)
        return f
    return deco(fn) if fn is not None else deco


_IMPORTED: set[str] = set()


def load_implementations(modules=None) -> None:
    """Import module implementations so that their handlers and checks register.

    A file named for a catalog module (alias.py for alias_module) is imported only when that
    module is in `modules` (Module records or symbols) -- httpd runs the hooks of loaded
    modules only, and `-t` should not pay for the rest; every other file (core behaviour,
    shared helpers) always is.  `modules=None` imports every file (docs, tests).  Files are
    imported in name order, so hooks register in the same order whatever the subset.
    """
    import importlib
    import os
    from .catalog import file_for, files
    here = os.path.dirname(os.path.abspath(__file__))
    module_files = set(files())
    wanted = None if modules is None else {file_for(m if isinstance(m, str) else m.name) for m in modules}
    for f in sorted(os.listdir(here)):
        name = f[:-3]
        if not f.endswith(".py") or name in ("__init__", "base") or name in _IMPORTED:
            continue
        if wanted is None or name not in module_files or name in wanted:
            importlib.import_module(f"{__package__}.{name}")
            _IMPORTED.add(name)
