"""mod_ext_filter: external programs as filters, checked as httpd does.

Stored per server (server.values): "ExtFilterDefine" ({lower-case name: ExtFilter}); output
filters are also registered by name for FilterProvider and friends (providers.py).
Stored per directory (context.values): "ExtFilterOptions" ({"log_stderr": bool, "onfail":
"remove"|"abort"}).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config.walk import Cmd
from . import providers
from .base import handles
from .clib import atoi
from .session_crypto import _tokenize


@dataclass(eq=False)
class ExtFilter:
    name: str
    mode: str = "output"
    ftype: int = 10                 # AP_FTYPE_RESOURCE
    preserves_content_length: bool = False
    enable_env: str | None = None
    disable_env: str | None = None
    intype: str | None = None
    outtype: str | None = None
    args: list[str] = field(default_factory=list)


_WHITE = re.compile(r"[ \t\n\v\f\r]*")


def _getword_white(text: str, pos: int) -> tuple[str, int]:
    """ap_getword_white: up to the next white space, then skip the white space."""
    m = re.compile(r"[^ \t\n\v\f\r]*").match(text, pos)
    return m.group(), _WHITE.match(text, m.end()).end()


@handles("ExtFilterOptions")
def options(cmd: Cmd, arg: str):
    opts = cmd.context.values.setdefault("ExtFilterOptions", {})
    a = arg.lower()
    if a in ("logstderr", "nologstderr"):
        opts["log_stderr"] = a == "logstderr"
    elif a in ("onfail=remove", "onfail=abort"):
        opts["onfail"] = a[7:]
    else:
        return f"Invalid ExtFilterOptions option: {arg}"
    return None


def _parse_cmd(args: str, pos: int, f: ExtFilter) -> tuple[int, str | None]:
    if args[pos:pos + 1] == '"':
        pos += 1
        start, escaping = pos, False
        while pos < len(args) and (args[pos] != '"' or escaping):
            if escaping:
                escaping = False
            elif args[pos] == "\\":
                escaping = True
            pos += 1
        if pos >= len(args):
            return pos, "Expected cmd= delimiter"
        f.args = _tokenize(args[start:pos])
        pos += 1
    else:
        word, pos = _getword_white(args, pos)
        f.args = [word]
    if not f.args:
        return pos, "Invalid cmd= parameter"
    return pos, None


@handles("ExtFilterDefine")
def define(cmd: Cmd, args: str):
    defined = cmd.server.values.setdefault("ExtFilterDefine", {})
    name, pos = _getword_white(args, 0)
    if name.lower() in defined:
        return f"ExtFilter {name} is already defined"
    f = defined[name.lower()] = ExtFilter(name)
    while pos < len(args):
        pos = _WHITE.match(args, pos).end()
        low = args[pos:].lower()
        if low.startswith("preservescontentlength"):
            token, pos = _getword_white(args, pos)
            if token.lower() != "preservescontentlength":
                return f"mangled argument `{token}'"
            f.preserves_content_length = True
            continue
        for key in ("mode=", "ftype=", "enableenv=", "disableenv=", "intype=", "outtype="):
            if low.startswith(key):
                token, pos = _getword_white(args, pos + len(key))
                if key == "mode=":
                    if token.lower() not in ("output", "input"):
                        return f"Invalid mode: `{token}'"
                    f.mode = token.lower()
                elif key == "ftype=":
                    f.ftype = atoi(token)
                else:
                    setattr(f, {"enableenv=": "enable_env", "disableenv=": "disable_env", "intype=": "intype",
                                "outtype=": "outtype"}[key], token)
                break
        else:
            if low.startswith("cmd="):
                pos, err = _parse_cmd(args, pos + 4, f)
                if err:
                    return err
                continue
            return f"Unexpected parameter: `{args[pos:]}'"
    if f.mode == "output":
        providers.register_output_filter(cmd, name)
    return None
