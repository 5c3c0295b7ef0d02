"""mod_authn_core: AuthName and AuthType are string expressions, parsed at config time."""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


def _string_expr(directive: str):
    def handler(cmd: Cmd, word: str):
        from ..expr import ExprError, parse
        try:
            cmd.context.values[directive] = parse(word, string_mode=True)
        except ExprError as e:
            return f"Cannot parse expression '{word}' in {directive}: {e}"
        return None
    return handler


handles("AuthName")(_string_expr("AuthName"))
handles("AuthType")(_string_expr("AuthType"))
