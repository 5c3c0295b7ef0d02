"""The Mutex directive (util_mutex.c) and the mutex types each loaded module registers."""
from __future__ import annotations

import os

from ..config.walk import GLOBAL_ONLY, Cmd
from .base import handles

MECHS = "Mutex mechanisms are: 'none', 'default', 'flock:/path/to/file', 'fcntl:/path/to/file', " \
        "'file:/path/to/file', 'pthread', 'sysvsem', 'posixsem', 'sem'"

# mutex types registered by modules (ap_mutex_register), by module
REGISTERED = {
    "auth_digest_module": ["authdigest-client"],  # 2.4.71 shows only this one
    "authn_socache_module": ["authn-socache"],
    "cache_socache_module": ["cache-socache"],
    "watchdog_module": ["watchdog-callback"],
    "ldap_module": ["ldap-cache"],
    "lua_module": ["lua-ivm-shm"],
    "rewrite_module": ["rewrite-map"],
    "proxy_module": ["proxy"],
    "proxy_balancer_module": ["proxy-balancer-shm"],
    "ssl_module": ["ssl-cache", "ssl-stapling", "ssl-stapling-refresh"],
    "mpm_prefork_module": ["mpm-accept"],
    "mpm_worker_module": ["mpm-accept"],
}
_MECH = {"default": "default", "yes": "default", "fcntl": "fcntl", "file": "fcntl", "flock": "flock",
         "posixsem": "posixsem", "sem": "posixsem", "sysvsem": "sysvsem", "pthread": "pthread"}


def mutex_types(config) -> list[str]:
    types = ["default"]
    for m in config.modules:
        types += REGISTERED.get(m.name, [])
    return types


@handles("Mutex")
def set_mutex(cmd: Cmd, arg: str):
    from ..config.args import getword
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    mechdir, pos = getword(arg)
    if not mechdir:
        return f"Mutex requires at least a mechanism argument ({MECHS})"
    meth, sep, path = mechdir.partition(":")
    none = meth.lower() in ("none", "no")
    if not none and meth.lower() not in _MECH:
        return f"Invalid Mutex argument {mechdir} ({MECHS})"
    directory = None
    if path and not none and _MECH[meth.lower()] != "posixsem":
        directory = cmd.reader.server_root_relative(path)
        if not os.path.isdir(directory):
            return f"Invalid Mutex directory in argument {mechdir}"
    types, omit_pid = [], False
    while pos < len(arg):
        w, pos = getword(arg, pos)
        if w.lower() == "omitpid":
            omit_pid = True
        else:
            types.append(w)
    if not types:
        types = ["default"]
    known = mutex_types(cmd.config)
    conf = cmd.config.values.setdefault("Mutex", {})
    for t in reversed(types):
        if t not in known:
            return f"Mutex type {t} is not valid"
        if none:
            return f"None is not allowed for mutex type {t}"
        old = conf.get(t, {})
        conf[t] = {"mech": _MECH[meth.lower()], "dir": directory or old.get("dir"), "omit_pid": omit_pid}
    return None


def dump_mutexes(config, runtime_dir: str) -> list[str]:
    conf = config.values.get("Mutex", {})
    out = []
    for t in sorted(set(mutex_types(config))):
        c = conf.get(t)
        if t == "default":
            c = c or {}
            d = c.get("dir") or runtime_dir
            out.append(f'Mutex default: dir="{d}" mechanism={c.get("mech", "default")} '
                       f'{"[OmitPid]" if c.get("omit_pid") else ""}')
        elif c is None:
            out.append(f"Mutex {t}: using_defaults")
        else:
            d = c.get("dir") or conf.get("default", {}).get("dir") or runtime_dir
            out.append(f'Mutex {t}: dir="{d}" mechanism={c["mech"]} {"[OmitPid]" if c.get("omit_pid") else ""}')
    return out


from .base import serves  # noqa: E402

# apachepy needs no cross-process lock files, so a Mutex setting has nothing left to configure
serves("Mutex")
