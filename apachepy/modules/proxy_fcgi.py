"""mod_proxy_fcgi: FastCGI backend type and environment fix-ups, checked as httpd does.

Stored per directory (context.values): "ProxyFCGIBackendType" ("generic"|"fpm"),
"ProxyFCGISetEnvIf" ([(condition expr, variable, value expr or None to unset)]).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


@handles("ProxyFCGIBackendType")
def backend_type(cmd: Cmd, val: str):
    if val.lower() not in ("generic", "fpm"):
        return "ProxyFCGIBackendType requires one of the following arguments: 'GENERIC', 'FPM'"
    cmd.context.values["ProxyFCGIBackendType"] = val.lower()
    return None


@handles("ProxyFCGISetEnvIf")
def set_env_if(cmd: Cmd, cond: str, var: str, value: str | None):
    from ..expr import ExprError, parse
    try:
        condition = parse(cond)
    except ExprError as e:
        return f'Could not parse expression "{cond}": {e}'
    subst = None
    if var.startswith("!"):
        if value is not None:
            return (f'Third argument ("{value}") is not allowed when using ProxyFCGISetEnvIf\'s unset mode '
                    f"({var})")
        if len(var) == 1:
            return 'ProxyFCGISetEnvIf: "!" is not a valid variable name'
    else:
        text = value if value is not None else ""
        try:
            subst = parse(text, string_mode=True)
        except ExprError as e:
            return f'Could not parse expression "{text}": {e}'
    cmd.context.values.setdefault("ProxyFCGISetEnvIf", []).append((condition, var, subst))
    return None
