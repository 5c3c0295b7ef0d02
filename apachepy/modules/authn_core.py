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


# -- serving: ap_auth_type / ap_auth_name, the no-module check, note_auth_failure --------------

from ..http.conf import compiles, field  # noqa: E402
from ..http.hooks import LAST, OK, hook  # noqa: E402

# per-dir: the parsed expressions; the innermost section that set one wins (httpd's merge)
field("auth_type", None)
field("auth_name", None)


@compiles("AuthType")
def _c_auth_type(conf, vals, ctx):
    conf.auth_type = vals


@compiles("AuthName")
def _c_auth_name(conf, vals, ctx):
    conf.auth_name = vals


def _evaluate(r, expr, code: str, what: str) -> str | None:
    from ..expr import ExprEvalError
    from ..http.exprctx import RequestContext
    try:
        return expr.evaluate(RequestContext(r))
    except ExprEvalError as e:
        r.log_error("authn_core", "error", f"{code}: {what} expression could not be evaluated: {e}")
        return None


def auth_type(r) -> str | None:
    """ap_auth_type: the configured AuthType's value; "None" (any case) means none."""
    expr = r.per_dir_config.auth_type
    if expr is None:
        return None
    value = _evaluate(r, expr, "AH02834", "AuthType")
    return None if value is None or value.lower() == "none" else value


def escape_quotes(s: str) -> str:
    """ap_escape_quotes: backslash every '"' not already escaped."""
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '"':
            out.append("\\")
        elif c == "\\" and i + 1 < len(s):
            out.append(c)
            i += 1
            c = s[i]
        out.append(c)
        i += 1
    return "".join(out)


def auth_name(r) -> str | None:
    """ap_auth_name: the realm, with its quotes escaped for the challenge header."""
    expr = r.per_dir_config.auth_name
    if expr is None:
        return None
    value = _evaluate(r, expr, "AH02835", "AuthName")
    return None if value is None else escape_quotes(value)


def note_auth_failure(r) -> None:
    """ap_note_auth_failure: the auth scheme's module adds its challenge header."""
    kind = auth_type(r)
    if kind is None:
        r.log_error("core", "error", f"AH00571: need AuthType to note auth failure: {r.uri}")
        return
    for fn in r.site.hooks["note_auth_failure"]:
        rc = fn(r, kind)
        if rc is not None and rc != -1:
            return


@hook("check_user_id", "authn_core_module", LAST)
def authenticate_no_user(r):
    kind = auth_type(r)
    if kind is None:
        return OK
    r.log_error("authn_core", "error", f"AH01796: AuthType {kind} configured without corresponding module")
    return 500


from .base import serves, serves_only  # noqa: E402

serves("AuthName")
# only the schemes apachepy implements: a Form setup is refused at start, not served with 500s
serves_only("AuthType", lambda args: args.strip().strip("\"'").lower() in ("basic", "digest", "none"))
