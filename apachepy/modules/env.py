"""mod_env: SetEnv, UnsetEnv, PassEnv into the request environment (fixups)."""
from __future__ import annotations

import os

from ..http.conf import compiles, field
from ..http.hooks import DECLINED, hook


def _merge(base: list, add: list) -> list:
    return base + add


field("env_ops", [], _merge)        # [("set", k, v) | ("unset", k) | ("pass", k)] in order


@compiles("SetEnv", "UnsetEnv", "PassEnv")
def _c_env(conf, vals, ctx):
    ops = []
    for args in ctx.values.get("PassEnv", []):
        for k in (args if isinstance(args, list) else [args]):
            ops.append(("pass", k, os.environ.get(k)))
    for args in ctx.values.get("SetEnv", []):
        ops.append(("set", args[0], args[1] if len(args) > 1 and args[1] is not None else ""))
    for args in ctx.values.get("UnsetEnv", []):
        for k in (args if isinstance(args, list) else [args]):
            ops.append(("unset", k, None))
    conf.env_ops = ops


@hook("fixups", "env_module")
def fixup_env(r):
    ops = r.per_dir_config.env_ops
    if not ops:
        return DECLINED
    table = {}
    for op, k, v in ops:
        if op == "unset":
            table.pop(k, None)
            table[k] = None
        elif v is not None:
            table[k] = v
    for k, v in table.items():
        if v is None:
            r.subprocess_env.unset(k)
        else:
            r.subprocess_env.set(k, v)
    return DECLINED


from .base import serves  # noqa: E402

serves("PassEnv", "SetEnv", "UnsetEnv")
