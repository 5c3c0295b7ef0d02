"""Request-processing hooks, registered by module implementations, run in httpd's order.

A hook belongs to a module (its symbol name, e.g. "alias_module"); a Site only runs the
hooks of modules the configuration loaded.  `order` follows APR_HOOK_* (lower runs first).
Return conventions follow httpd: None/DECLINED to pass, OK (0) to claim, or an HTTP status.
"""
from __future__ import annotations

from typing import Callable

REALLY_FIRST, FIRST, MIDDLE, LAST, REALLY_LAST = -10, 0, 10, 20, 30

OK = 0
DECLINED = -1
DONE = -2

PHASES = ("pre_connection", "create_request", "post_read_request", "translate_name", "map_to_storage",
          "header_parser", "access_checker", "access_checker_ex", "check_user_id", "auth_checker",
          "note_auth_failure", "type_checker", "fixups", "insert_filter", "handler", "log_transaction", "output_headers")

_HOOKS: dict[str, list[tuple[int, int, str, Callable]]] = {p: [] for p in PHASES}
_seq = [0]


def hook(phase: str, module: str, order: int = MIDDLE):
    """Register `fn` for `phase`; `module` is the module that must be loaded for it to run."""
    def deco(fn):
        _seq[0] += 1
        lst = _HOOKS[phase]
        if not any(f is fn for _, _, _, f in lst):
            lst.append((order, _seq[0], module, fn))
            lst.sort(key=lambda t: (t[0], t[1]))
        return fn
    return deco


ALWAYS = frozenset(("core_module", "http_module", "log_config_module", "logio_module"))


def resolve(loaded: set[str]) -> dict[str, tuple[Callable, ...]]:
    """The hook functions of each phase for a set of loaded modules, in run order."""
    have = set(loaded) | ALWAYS
    return {p: tuple(fn for _, _, mod, fn in lst if mod in have) for p, lst in _HOOKS.items()}


def registered(phase: str, loaded: set[str]) -> list[tuple[int, str]]:
    """(order, module) of each hook function of `phase` run for these loaded modules, in run
    order (what mod_info's hook listing shows)."""
    have = set(loaded) | ALWAYS
    return [(order, mod) for order, _, mod, _ in _HOOKS[phase] if mod in have]
