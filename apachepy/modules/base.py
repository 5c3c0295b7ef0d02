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

from typing import Callable

HANDLERS: dict[str, Callable] = {}
PRE_CONFIG: list[Callable] = []
POST_CONFIG: list[Callable] = []
SERVED: set[str] = set()


SERVED_VALUES: dict[str, Callable[[str], bool]] = {}


def serves_only(name: str, accepts: Callable[[str], bool]) -> None:
    """Declare a directive served only for the argument texts `accepts` approves (for example
    AuthType Basic but not Digest); any other value is reported as unimplemented."""
    SERVED.add(name)
    SERVED_VALUES[name] = accepts


def serves(*names: str) -> None:
    """Declare directives whose meaning apachepy implements while serving (not only checks).

    The support report (`-t -D DUMP_SUPPORT`), the generated support matrix and the refusal to
    start a configuration that needs something unimplemented are all derived from this set.
    """
    SERVED.update(names)


def handles(*names: str):
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


def load_implementations() -> None:
    """Import every module implementation (each .py file beside this one) so that its handlers
    and checks register; the catalog subpackage is data and is imported where needed."""
    import importlib
    import pkgutil
    from pathlib import Path
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if not info.ispkg and info.name != "base":
            importlib.import_module(f"{__package__}.{info.name}")
