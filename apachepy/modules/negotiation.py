"""mod_negotiation: content negotiation, checked as httpd does.

Stored per server (server.values): "CacheNegotiatedDocs" (bool).
Stored per directory (context.values): "LanguagePriority" (languages in order),
"ForceLanguagePriority" (set of "none", "prefer", "fallback").
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("CacheNegotiatedDocs")
def cache_docs(cmd: Cmd, flag: bool):
    cmd.server.values["CacheNegotiatedDocs"] = flag
    return None


@handles("LanguagePriority")
def language_priority(cmd: Cmd, lang: str):
    cmd.context.values.setdefault("LanguagePriority", []).append(lang)
    return None


@handles("ForceLanguagePriority")
def force_priority(cmd: Cmd, w: str):
    flags = cmd.context.values.setdefault("ForceLanguagePriority", set())
    k = w.lower()
    if k == "none":
        if flags - {"none"}:
            return "Cannot combine ForceLanguagePriority options with None"
        flags.clear()
        flags.add("none")
    elif k in ("prefer", "fallback"):
        if "none" in flags:
            return f"Cannot combine ForceLanguagePriority options None and {w[0].upper()}{k[1:]}"
        flags.add(k)
    else:
        return f"Invalid ForceLanguagePriority option {w}"
    return None
