"""mod_filter: smart filters, checked as httpd does.

Stored per directory (context.values):
  "filter:live": {filter name: SmartFilter} declared in this section (FilterDeclare, or by
      FilterProvider / AddOutputFilterByType on first use);
  "FilterChain": the chain as a list of names, None standing for httpd's "empty the inherited
      chain" marker ('!' and '=').
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config.walk import Cmd
from . import providers
from .base import handles
from .clib import atoi


@dataclass(eq=False)
class SmartFilter:
    name: str
    ftype: str = "RESOURCE"              # RESOURCE, CONTENT_SET, PROTOCOL, CONNECTION, NETWORK
    providers: list = field(default_factory=list)   # (provider filter, parsed expr or None, types or None), newest first
    proto_flags: set[str] = field(default_factory=set)
    debug: int = 0


def _live(cmd: Cmd) -> dict:
    return cmd.context.values.setdefault("filter:live", {})


@handles("FilterDeclare")
def declare(cmd: Cmd, fname: str, place: str | None):
    f = SmartFilter(fname)
    if place is not None and place.upper() in ("CONTENT_SET", "PROTOCOL", "CONNECTION", "NETWORK"):
        f.ftype = place.upper()
    _live(cmd)[fname] = f
    return None


def add_filter(cmd: Cmd, fname: str, pname: str, expr: str | None, types: list[str] | None) -> str | None:
    from ..expr import ExprError, parse
    if not providers.output_filter(cmd, pname):
        return f"Unknown filter provider {pname}"
    live = _live(cmd)
    if fname not in live:
        live[fname] = SmartFilter(fname)
    parsed = None
    if expr is not None:
        try:
            parsed = parse(expr)
        except ExprError as e:
            return f"Error parsing FilterProvider expression:{e}"
    live[fname].providers.insert(0, (pname, parsed, types))
    return None


@handles("FilterProvider")
def provider(cmd: Cmd, fname: str, pname: str, expr: str):
    return add_filter(cmd, fname, pname, expr, None)


@handles("FilterChain")
def chain(cmd: Cmd, arg: str):
    ch = cmd.context.values.setdefault("FilterChain", [])
    op = arg[:1]
    if op == "+":
        ch.append(arg[1:])
    elif op == "@":
        ch.insert(0, arg[1:])
    elif op == "-":
        if ch:
            if (ch[0] or "").lower() != arg[1:].lower():
                # httpd unlinks matches after the head (skipping the one after each removal)
                i = 0
                while i + 1 < len(ch):
                    if (ch[i + 1] or "").lower() == arg[1:].lower():
                        del ch[i + 1]
                    i += 1
            else:
                del ch[0]
    elif op == "!":
        ch[:] = [None]
    elif op == "=":
        ch[:] = [None, arg[1:]]
    else:
        ch.append(arg)
    return None


@handles("AddOutputFilterByType")
def by_type(cmd: Cmd, argv: list[str]):
    if len(argv) < 2:
        return "AddOutputFilterByType requires at least two arguments"
    types = argv[1:]
    for pname in [p for p in argv[0].split(";") if p]:
        fname = f"BYTYPE:{pname}"
        seen = fname in _live(cmd)
        err = add_filter(cmd, fname, pname, None, types)
        if err is None and not seen:
            err = chain(cmd, fname)
        if err:
            return err
    return None


@handles("FilterTrace")
def trace(cmd: Cmd, fname: str, level: str):
    f = _live(cmd).get(fname)
    if f is None:
        return f"Undeclared smart filter {fname}"
    f.debug = atoi(level)
    return None


_PROTO = {"change=yes": ("add", {"change", "change_length"}), "change=no": ("remove", {"change", "change_length"}),
          "change=1:1": ("add", {"change"}), "byteranges=no": ("add", {"no_byterange"}),
          "proxy=no": ("add", {"no_proxy"}), "proxy=transform": ("add", {"transform"}),
          "cache=no": ("add", {"no_cache"})}


@handles("FilterProtocol")
def protocol(cmd: Cmd, fname: str, pname: str, proto: str | None):
    f = _live(cmd).get(fname)
    if f is None:
        return "FilterProtocol: No such filter"
    if proto is None:
        proto, pname = pname, None
    elif not any(p[0].lower() == pname.lower() for p in f.providers):
        return "FilterProtocol: No such provider for this filter"
    flags: set[str] = set()
    for tok in re.split(r"[;, \t]+", proto):
        op = _PROTO.get(tok.lower())
        if op:
            flags = flags | op[1] if op[0] == "add" else flags - op[1]
    f.proto_flags = flags   # the provider's own flags when pname is given
    return None
