"""mod_log_debug: LogMessage, checked as httpd does.

Stored per directory (context.values): "LogMessage" ([(message expr, hook name or "all",
condition expr or None)]).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles

HOOKS = ["log_transaction", "quick_handler", "handler", "translate_name", "map_to_storage", "fixups",
         "type_checker", "check_access", "check_access_ex", "check_authn", "check_authz", "insert_filter",
         "pre_translate_name"]


@handles("LogMessage")
def log_message(cmd: Cmd, message: str, arg2: str | None, arg3: str | None):
    from ..expr import ExprError, parse
    try:
        msg = parse(message, string_mode=True)
    except ExprError as e:
        return f"Could not parse message expression '{message}': {e}"
    hook = condition = None
    for a in (arg2, arg3):
        if a is None:
            break
        if a[:5].lower() == "hook=":
            name = a[5:]
            hook = next((h for h in HOOKS if h == name.lower()), None)
            if hook is None:
                if name == "*" or name.lower() == "all":
                    hook = "all"
                else:
                    return f"Invalid hook name: {name}"
        elif a[:5].lower() == "expr=":
            try:
                condition = parse(a[5:])
            except ExprError as e:
                return f"Could not parse expression '{a[5:]}': {e}"
        else:
            return f"Invalid argument {a}"
    cmd.context.values.setdefault("LogMessage", []).append((msg, hook or HOOKS[0], condition))
    return None
