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


@handles("<AuthnProviderAlias")
def provider_alias(cmd: Cmd, arg: str):
    """<AuthnProviderAlias base alias>: the alias becomes an authn provider with the section's
    settings.  Stored: config.values["AuthnProviderAlias"] = {alias: (base, DirConf)}."""
    from ..config.args import getword
    from ..config.model import DirConf
    from ..config.registry import ACCESS_CONF, OR_AUTHCFG
    from ..config.walk import GLOBAL_ONLY
    from . import providers
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    end = arg.rfind(">")
    if end < 0:
        return f"{cmd.cmd.name}> directive missing closing '>'"
    arg = arg[:end]
    base, pos = getword(arg)
    alias, pos = getword(arg, pos)
    if not base or not alias:
        return f"{cmd.cmd.name}> directive requires additional arguments"
    if base.lower() == alias.lower():
        return "The alias provider name must be different from the base provider name."
    if providers.lookup(cmd, "authn", alias):
        return (f"The alias provider {alias} has already be registered previously as either a base provider "
                "or an alias provider.")
    conf = DirConf()
    node, old_override = cmd.directive, cmd.override
    cmd.override = OR_AUTHCFG | ACCESS_CONF
    try:
        cmd.walk(node.children, conf)
    finally:
        cmd.override = old_override
        cmd.directive = node
    if not providers.lookup(cmd, "authn", base):
        return f"Unknown Authn provider: {base}"
    cmd.config.values.setdefault("AuthnProviderAlias", {})[alias] = (base, conf)
    providers.define(cmd, "authn", alias, digest=providers.authn_digest(cmd, base))
    return None
