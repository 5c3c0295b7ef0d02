"""mod_negotiation: content negotiation's directives, checked as httpd does, compiled for
serving, and its hooks (the serving code is apachepy/http/negotiate.py).

Stored per server (server.values): "CacheNegotiatedDocs" (bool).
Stored per directory (context.values): "LanguagePriority" (languages in order),
"ForceLanguagePriority" (set of "none", "prefer", "fallback").
"""
from __future__ import annotations

from ..config.walk import Cmd
from ..http.conf import OPT_MULTI, compiles, field
from ..http.hooks import FIRST, MIDDLE, hook
from ..http.server import server_compiler
from .base import handles, serves


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


# ForceLanguagePriority bits (FLP_*); 0 is "not set here" (the base's applies, else Prefer)
FLP_NONE, FLP_PREFER, FLP_FALLBACK = 1, 2, 4
_FLP = {"none": FLP_NONE, "prefer": FLP_PREFER, "fallback": FLP_FALLBACK}

field("language_priority", None)      # list of languages, or None
field("force_lang_priority", 0)


@compiles("LanguagePriority")
def _c_language_priority(conf, vals, ctx):
    conf.language_priority = list(vals)


@compiles("ForceLanguagePriority")
def _c_force_priority(conf, vals, ctx):
    bits = 0
    for w in vals:
        bits |= _FLP[w]
    conf.force_lang_priority = bits


@server_compiler
def _cache_negotiated_docs(s, main, site):
    # only "On" is recorded in httpd's server config; a vhost without it (or with Off) takes
    # the main server's
    own = s.model.values.get("CacheNegotiatedDocs")
    s.mod["cache_negotiated_docs"] = bool(own) or bool(main is not None and main.mod.get("cache_negotiated_docs"))


@hook("type_checker", "negotiation_module", FIRST)
def handle_multi(r):
    if r.finfo is not None or not r.per_dir_config.options[0] & OPT_MULTI:
        return None                 # only a missing file under Options MultiViews
    from ..http.negotiate import handle_multi as run
    return run(r)


@hook("handler", "negotiation_module", MIDDLE)
def handle_map_file(r):
    if r.handler not in ("application/x-type-map", "type-map"):
        return None
    from ..http.negotiate import handle_map_file as run
    return run(r)


@hook("fixups", "negotiation_module", MIDDLE)
def fix_encoding(r):
    if not r.content_encoding:
        return None
    from ..http.negotiate import fix_encoding as run
    return run(r)


serves("CacheNegotiatedDocs", "LanguagePriority", "ForceLanguagePriority")
