"""mod_expires: ExpiresActive, ExpiresByType and ExpiresDefault, with httpd's code parser;
the per-dir merge and the output hook that sets Expires and Cache-Control (serving code in
apachepy/http/expiry.py).

Stored per directory (context.values):
  "ExpiresActive": bool
  "ExpiresDefault": (base, seconds) with base "A" (access) or "M" (modification)
  "ExpiresByType": {media type (lower case): (base, seconds)}, plus
  "ExpiresByType:wildcards": True when a "type/*" rule was given.
The old "A3600"/"M3600" form is taken as given (seconds read as atoi of the rest).
"""
from __future__ import annotations

from ..config.args import getword
from ..config.walk import Cmd
from ..http.conf import compiles, field
from ..http.hooks import FIRST, hook
from .base import handles, serves
from .clib import atoi, int32, isdigit

# first letters strncasecmp'd by check_code, with the number of letters compared
_UNITS = [("years", 1, 60 * 60 * 24 * 365), ("months", 2, 60 * 60 * 24 * 30), ("weeks", 1, 60 * 60 * 24 * 7),
          ("days", 1, 60 * 60 * 24), ("hours", 1, 60 * 60), ("minutes", 2, 60), ("seconds", 1, 1)]


def _prefix(word: str, keyword: str, n: int) -> bool:
    """strncasecmp(word, keyword, n) == 0."""
    return word[:n].lower() == keyword[:n]


def check_code(code: str) -> tuple[tuple[str, int] | None, str | None]:
    """mod_expires' check_code: ((base, seconds), None) or (None, httpd's complaint)."""
    if code[:1] in ("A", "M"):
        return (code[0], atoi(code[1:])), None
    word, pos = getword(code)
    if _prefix(word, "now", 1) or _prefix(word, "access", 1):
        base = "A"
    elif _prefix(word, "modification", 1):
        base = "M"
    else:
        return None, f"bad expires code, unrecognised <base> '{word}'"
    word, pos = getword(code, pos)
    if _prefix(word, "plus", 1):
        word, pos = getword(code, pos)
    modifier = 0
    while word:
        if not isdigit(word[0]):
            return None, f"bad expires code, numeric value expected <num> '{word}'"
        num = atoi(word)
        word, pos = getword(code, pos)
        if not word:
            return None, "bad expires code, missing <type>"
        for name, n, factor in _UNITS:
            if _prefix(word, name, n):
                break
        else:
            return None, f"bad expires code, unrecognised <type>'{word}'"
        modifier = int32(modifier + int32(factor * num))
        word, pos = getword(code, pos)
    return (base, modifier), None


@handles("ExpiresActive")
def expires_active(cmd: Cmd, flag: bool):
    cmd.context.values["ExpiresActive"] = flag
    return None


@handles("ExpiresByType")
def expires_by_type(cmd: Cmd, mime: str, code: str):
    slash = mime.rfind("/")
    if slash < 0:
        return "Invalid mimetype: should contain a slash"
    if mime[slash + 1:] == "*":
        cmd.context.values["ExpiresByType:wildcards"] = True
    value, err = check_code(code)
    if err:
        return f"'ExpiresByType {mime} {code}': {err}"
    cmd.context.values.setdefault("ExpiresByType", {})[mime.lower()] = value
    return None


@handles("ExpiresDefault")
def expires_default(cmd: Cmd, code: str):
    value, err = check_code(code)
    if err:
        return f"'ExpiresDefault {code}': {err}"
    cmd.context.values["ExpiresDefault"] = value
    return None


class ExpiresConf:
    """expires_dir_config of one section, or merged: `active` None when not set (DONTCARE)."""
    __slots__ = ("active", "default", "by_type", "wildcards")

    def __init__(self, active, default, by_type: dict, wildcards: bool):
        self.active = active
        self.default = default
        self.by_type = by_type
        self.wildcards = wildcards


def _merge(base: ExpiresConf, add: ExpiresConf) -> ExpiresConf:
    """merge_expires_dir_configs: note `wildcards` is the added section's own, not an OR."""
    return ExpiresConf(base.active if add.active is None else add.active,
                       base.default if add.default is None else add.default,
                       {**base.by_type, **add.by_type} if base.by_type else add.by_type, add.wildcards)


# a section gets an ExpiresConf only when one of the three directives appears in it, as httpd
# creates a module's per-dir config lazily
field("expires", None, _merge)


@compiles("ExpiresActive", "ExpiresDefault", "ExpiresByType")
def _c_expires(conf, vals, ctx):
    v = ctx.values
    conf.expires = ExpiresConf(v.get("ExpiresActive"), v.get("ExpiresDefault"), v.get("ExpiresByType", {}),
                               bool(v.get("ExpiresByType:wildcards")))


@hook("output_headers", "expires_module", FIRST)
def expires_output(r):
    """The MOD_EXPIRES filter (CONTENT_SET-2: ahead of mod_headers' output fixups), inserted by
    the insert_filter and insert_error_filter hooks."""
    conf = r.per_dir_config.expires
    if conf is None or conf.active is not True or r.main is not None:
        return
    if not r.error_path and not r.filters_inserted:
        return          # no handler ran and no error response: the filter was never inserted
    if not conf.by_type and conf.default is None:
        return
    from ..http.expiry import set_expires
    set_expires(r, conf)


serves("ExpiresActive", "ExpiresByType", "ExpiresDefault")
