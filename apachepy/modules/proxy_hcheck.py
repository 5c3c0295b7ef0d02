"""mod_proxy_hcheck: health-check conditions, templates and the hc* worker parameters.

Stored shapes (per server, as mod_proxy_hcheck keeps them per server at config time):
  server.values["ProxyHCExpr"]: {lower-case name: (name, parsed ap_expr)}
  server.values["ProxyHCTemplate"]: [(name, dict of typed hc parameters)] in order (the first
      of a name wins, as httpd searches its array)
  config.values["ProxyHCTPsize"]: int
hc parameters (hcmethod, hcinterval in microseconds, hcpasses, hcfails, hcuri, hcexpr) are
stored in the worker's or template's params dict.
"""
from __future__ import annotations

from ..config.args import getword
from ..config.walk import GLOBAL_ONLY, NOT_IN_HTACCESS, Cmd
from .base import handles
from .clib import atoi, getword_conf2, timeout_parse

# proxy_hcmethods: name -> implemented
METHODS = {"NONE": True, "TCP": True, "OPTIONS": True, "HEAD": True, "GET": True, "CPING": False,
           "PROVIDER": False, "OPTIONS11": True, "HEAD11": True, "GET11": True}
DEFAULT_TEMPLATE = {"hcmethod": "NONE", "hcinterval": 30_000_000, "hcpasses": 1, "hcfails": 1}


def set_hc_param(cmd: Cmd, params: dict, key: str, val: str) -> str | None:
    """set_worker_hc_param for a worker's or a template's parameter dict."""
    k = key.lower()
    if k == "hctemplate":
        for name, t in cmd.server.values.get("ProxyHCTemplate", []):
            if name.lower() == val.lower():
                params.update(t)
                return None
        return f"Unknown ProxyHCTemplate name: {val}"
    elif k == "hcmethod":
        m = val.upper()
        if m not in METHODS:
            return "Unknown method"
        if not METHODS[m]:
            return f"Health check method {val} not (yet) implemented"
        params[k] = m
    elif k == "hcinterval":
        t = timeout_parse(val, "s")
        if t is None:
            return "Unparse-able hcinterval setting"
        if t < 100_000:
            return "Interval must be a positive value greater than 100ms"
        params[k] = t
    elif k in ("hcpasses", "hcfails"):
        n = atoi(val)
        if n < 0:
            return "Passes must be a positive value" if k == "hcpasses" else "Fails must be a positive value"
        params[k] = n
    elif k == "hcuri":
        if len(val.encode()) >= 64:
            return "Health check uri length must be < 64 characters"
        params[k] = val
    elif k == "hcexpr":
        if val.lower() not in cmd.server.values.get("ProxyHCExpr", {}):
            return f"Unknown health check condition expr: {val}"
        if len(val.encode()) >= 16:
            return "Health check uri length must be < 16 characters"
        params[k] = val
    else:
        return "unknown Worker hcheck parameter"
    return None


@handles("ProxyHCExpr")
def hc_condition(cmd: Cmd, arg: str):
    from ..expr import ExprError, parse
    err = cmd.check_context(NOT_IN_HTACCESS)
    if err:
        return err
    name, pos = getword(arg)
    if not name:
        return f"Missing expression name for {cmd.cmd.name}"
    if len(name.encode()) > 15:
        return "Expression name limited to 15 characters"
    expr, pos = getword_conf2(arg, pos)
    if not expr:
        return f"Missing expression for {cmd.cmd.name}"
    try:
        parsed = parse(expr)
    except ExprError as e:
        return f'Could not parse expression "{expr}": {e}'
    cmd.server.values.setdefault("ProxyHCExpr", {})[name.lower()] = (name, parsed)
    extra, _ = getword(arg, pos)
    if extra:
        return "error: extra parameter(s)"
    return None


@handles("ProxyHCTemplate")
def hc_template(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_HTACCESS)
    if err:
        return err
    name, pos = getword(arg)
    if not name:
        return f"Missing template name for {cmd.cmd.name}"
    template = dict(DEFAULT_TEMPLATE)
    templates = cmd.server.values.setdefault("ProxyHCTemplate", [])
    templates.append((name, template))   # visible to its own hctemplate= while it is parsed
    while pos < len(arg):
        word, pos = getword(arg, pos)
        if "=" not in word:
            return "Invalid ProxyHCTemplate parameter. Parameter must be in the form 'key=value'"
        key, _, val = word.partition("=")
        err = set_hc_param(cmd, template, key, val)
        if err:
            templates.pop()
            return f"ProxyHCTemplate: {err} {key}={val}; {name}"
    return None


@handles("ProxyHCTPsize")
def hc_tpsize(cmd: Cmd, arg: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    n = atoi(arg)
    if n < 0:
        return "Invalid ProxyHCTPsize parameter. Parameter must be >= 0"
    cmd.config.values["ProxyHCTPsize"] = n
    return None
