"""mod_authn_socache: caching of authentication results, checked as httpd does.

Process-wide (config.values): "AuthnCacheSOCache" ((provider, args or None)),
"AuthnCacheEnable" (True once enabled or providers are named).
Stored per directory (context.values): "AuthnCacheProvideFor" (provider names),
"AuthnCacheTimeout" (seconds), "AuthnCacheContext" (str).
"""
from __future__ import annotations

from ..config.walk import GLOBAL_ONLY, Cmd
from . import providers
from .base import handles
from .clib import atoi


@handles("AuthnCacheSOCache")
def socache(cmd: Cmd, arg: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    name, sep, args = arg.partition(":")
    if not providers.lookup(cmd, "socache", name):
        err = (f"Unknown socache provider '{arg}'. Maybe you need to load the appropriate socache module "
               f"(mod_socache_{arg}?)")
    else:
        err = providers.socache_create(name, args if sep else None, cmd)
    if err:
        return f"AuthnCacheSOCache: {err}"
    cmd.config.values["AuthnCacheSOCache"] = (name, args if sep else None)
    return None


@handles("AuthnCacheEnable")
def enable(cmd: Cmd, arg: str = ""):
    cmd.config.values["AuthnCacheEnable"] = True
    return cmd.check_context(GLOBAL_ONLY)


@handles("AuthnCacheProvideFor")
def provide_for(cmd: Cmd, arg: str):
    cmd.context.values.setdefault("AuthnCacheProvideFor", []).append(arg)
    cmd.config.values["AuthnCacheEnable"] = True
    return None


@handles("AuthnCacheTimeout")
def timeout(cmd: Cmd, arg: str):
    cmd.context.values["AuthnCacheTimeout"] = atoi(arg)
    return None


@handles("AuthnCacheContext")
def context(cmd: Cmd, arg: str):
    cmd.context.values["AuthnCacheContext"] = arg
    return None
