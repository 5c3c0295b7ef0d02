"""mod_expires: ExpiresActive, ExpiresByType and ExpiresDefault, with httpd's code parser.

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
from .base import handles
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
