"""mod_cache: which URLs are cached and how long, checked as httpd does.

Stored per server (server.values): "CacheEnable" [(provider, Uri)] and "CacheDisable" [Uri]
for directives outside <Location>; "CacheQuickHandler", "CacheIgnoreCacheControl",
"CacheIgnoreQueryString", "CacheLock" (bool); "CacheIgnoreHeaders",
"CacheIgnoreURLSessionIdentifiers" (lists; "None" empties them); "CacheLockPath" (absolute
path); "CacheLockMaxAge" (seconds); "CacheKeyBaseURL" (Uri).
Stored per directory (context.values): "CacheEnable" [(provider, Uri)], "CacheDisable" (True),
"CacheMaxExpire"/"CacheMinExpire"/"CacheDefaultExpire" (seconds), "CacheLastModifiedFactor"
(float), the store/ignore flags and "CacheStaleOnError" (bool); CacheHeader and
CacheDetailHeader go to the directory inside sections and to the server outside.
"""
from __future__ import annotations

from ..config.walk import NOT_IN_DIRECTORY, NOT_IN_FILES, NOT_IN_LIMIT, Cmd
from .base import handles
from .clib import Uri, atol, scan_double, strtol, uri_parse


def _uri_or_root(url: str) -> Uri | None:
    u = uri_parse(url)
    if u is not None and u.path is None:
        u.path = "/"
    return u


@handles("CacheEnable")
def cache_enable(cmd: Cmd, provider: str, url: str | None):
    err = cmd.check_context(NOT_IN_DIRECTORY | NOT_IN_LIMIT | NOT_IN_FILES)
    if err:
        return err
    if provider.startswith("/"):
        return f"provider ({provider}) starts with a '/'.  Are url and provider switched?"
    if url is None:
        url = cmd.path
    if url is None:
        return f"CacheEnable provider ({provider}) is missing an URL."
    if cmd.path is not None and not url.startswith(cmd.path):
        return "When in a Location, CacheEnable must specify a path or an URL below that location."
    target = cmd.context.values if cmd.path is not None else cmd.server.values
    u = _uri_or_root(url)
    if u is not None:   # an unparsable URL is silently not added
        target.setdefault("CacheEnable", []).append((provider, u))
    return None


@handles("CacheDisable")
def cache_disable(cmd: Cmd, url: str):
    err = cmd.check_context(NOT_IN_DIRECTORY | NOT_IN_LIMIT | NOT_IN_FILES)
    if err:
        return err
    if cmd.path is not None:
        if url.lower() != "on":
            return "CacheDisable must be followed by the word 'on' when in a Location."
        cmd.context.values["CacheDisable"] = True
        return None
    if not url.startswith("/") and ":" not in url:
        return "CacheDisable must specify a path or an URL."
    u = _uri_or_root(url)
    if u is not None:
        cmd.server.values.setdefault("CacheDisable", []).append(u)
    return None


@handles("CacheMaxExpire", "CacheMinExpire", "CacheDefaultExpire")
def expire_seconds(cmd: Cmd, arg: str):
    cmd.context.values[cmd.cmd.name] = atol(arg)
    return None


@handles("CacheLastModifiedFactor")
def lm_factor(cmd: Cmd, arg: str):
    v = scan_double(arg)
    if v is None:
        return "CacheLastModifiedFactor value must be a float"
    cmd.context.values["CacheLastModifiedFactor"] = v
    return None


@handles("CacheQuickHandler", "CacheIgnoreCacheControl", "CacheIgnoreQueryString", "CacheLock")
def server_flag(cmd: Cmd, flag: bool):
    cmd.server.values[cmd.cmd.name] = flag
    return None


@handles("CacheIgnoreNoLastMod", "CacheStoreExpired", "CacheStorePrivate", "CacheStoreNoStore",
         "CacheStaleOnError")
def dir_flag(cmd: Cmd, flag: bool):
    cmd.context.values[cmd.cmd.name] = flag
    return None


@handles("CacheHeader", "CacheDetailHeader")
def header_flag(cmd: Cmd, flag: bool):
    (cmd.context.values if cmd.path is not None else cmd.server.values)[cmd.cmd.name] = flag
    return None


@handles("CacheIgnoreHeaders", "CacheIgnoreURLSessionIdentifiers")
def ignore_list(cmd: Cmd, word: str):
    # "None" empties the list and stops later words of the same server from being added
    items = cmd.server.values.get(cmd.cmd.name)
    if word.lower() == "none":
        cmd.server.values[cmd.cmd.name] = []
    elif items is None or items:
        cmd.server.values.setdefault(cmd.cmd.name, []).append(word)
    return None


@handles("CacheLockPath")
def lock_path(cmd: Cmd, arg: str):
    cmd.server.values["CacheLockPath"] = cmd.reader.server_root_relative(arg)
    return None


@handles("CacheLockMaxAge")
def lock_max_age(cmd: Cmd, arg: str):
    seconds = strtol(arg)[0]
    if seconds <= 0:
        return "CacheLockMaxAge value must be a non-zero positive integer"
    cmd.server.values["CacheLockMaxAge"] = seconds
    return None


@handles("CacheKeyBaseURL")
def key_base_url(cmd: Cmd, arg: str):
    u = uri_parse(arg)
    if u is None:
        return f"Could not parse '{arg}' as an URL."
    if u.scheme is None and u.hostname is None and u.port_str is None:
        return f"URL '{arg}' must contain at least one of a scheme, a hostname or a port."
    cmd.server.values["CacheKeyBaseURL"] = u
    return None
