"""mod_dbd: the SQL connection pool, checked as httpd does.

Stored per server (server.values): "DBDriver", "DBDParams" (str), "DBDPersist" (bool),
"DBDMin", "DBDKeep", "DBDMax", "DBDExptime" (int), "DBDPrepareSQL" ({label: query}),
"DBDInitSQL" (list of statements).
DBDriver loads the APR driver at once, as httpd does: the name must have an installed
apr_dbd_<name>-1.so in APR-util's module directory.
"""
from __future__ import annotations

import os

from ..config.walk import Cmd
from .base import handles
from .clib import atoi

APU_DSO_DIRS = ["/usr/lib/x86_64-linux-gnu/apr-util-1", "/usr/lib/apr-util-1", "/usr/local/apr/lib/apr-util-1"]


@handles("DBDriver")
def driver(cmd: Cmd, name: str):
    cmd.server.values["DBDriver"] = name
    if not any(os.path.isfile(os.path.join(d, f"apr_dbd_{name}-1.so")) for d in APU_DSO_DIRS):
        return f"Can't load driver file apr_dbd_{name}.so"
    return None


@handles("DBDParams")
def params(cmd: Cmd, val: str):
    cmd.server.values["DBDParams"] = val
    return None


@handles("DBDPersist")
def persist(cmd: Cmd, flag: bool):
    cmd.server.values["DBDPersist"] = flag
    return None


@handles("DBDMin", "DBDKeep", "DBDMax", "DBDExptime")
def param_int(cmd: Cmd, val: str):
    if any(not "0" <= c <= "9" for c in val):
        return "Argument must be numeric!"
    cmd.server.values[cmd.cmd.name] = atoi(val)
    return None


@handles("DBDPrepareSQL")
def prepare(cmd: Cmd, query: str, label: str | None):
    if label is None:
        label, query = query, ""
    cmd.server.values.setdefault("DBDPrepareSQL", {})[label] = query
    return None


@handles("DBDInitSQL")
def init_sql(cmd: Cmd, query: str):
    if query.startswith("\n"):
        return "You should specify SQL statement"
    cmd.server.values.setdefault("DBDInitSQL", []).append(query)
    return None
