"""mod_alias: Alias/AliasMatch/ScriptAlias(Match) and Redirect/RedirectMatch/RedirectTemp/
RedirectPermanent, server-wide and in <Location>/<Directory> (translate_name and fixups)."""
from __future__ import annotations

from dataclasses import dataclass

from ..config.walk import NOT_IN_DIR_CONTEXT, NOT_IN_DIRECTORY, NOT_IN_FILES
from ..http.conf import compiles, field
from ..http.hooks import DECLINED, OK, hook
from ..http.server import server_compiler
from ..http.exprctx import eval_string
from ..http.request import construct_url
from ..http.uri import escape_uri, is_url, uri_parse
from .base import handles

ALIAS_KEY = "alias:entries"        # server-level aliases, in config order
REDIRECT_KEY = "alias:redirects"   # redirects (server-level or per-dir), in config order
DIR_KEY = "alias:dir"              # <Location> style one-argument Alias/Redirect


@dataclass
class Entry:
    fake: str | None
    real: str | None
    regex: object = None
    handler: str | None = None
    status: int = 0


def _compile(pattern: str):
    from .core import compile_regex
    return compile_regex(pattern)


def alias_matches(uri: str, fake: str) -> int:
    """alias_matches: characters of uri matched by fake ('/' runs match '/' runs), 0 if none."""
    a = u = 0
    na, nu = len(fake), len(uri)
    while a < na:
        if fake[a] == "/":
            if u >= nu or uri[u] != "/":
                return 0
            while a < na and fake[a] == "/":
                a += 1
            while u < nu and uri[u] == "/":
                u += 1
        else:
            if u >= nu or uri[u] != fake[a]:
                return 0
            u += 1
            a += 1
    if fake[-1:] != "/" and u < nu and uri[u] != "/":
        return 0
    return u


def _add_alias(cmd, fake: str, real: str | None, regex: bool, handler: str | None):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT) if real is not None else None
    if real is None:
        err = cmd.check_context(NOT_IN_DIRECTORY | NOT_IN_FILES)
        if err:
            return err
        if not cmd.path:
            return "Alias must have two arguments when used globally"
        from ..expr import ExprError, parse
        try:
            expr = parse(fake, string_mode=True)
        except ExprError as e:
            return f"Cannot parse alias expression '{fake}': {e}"
        cmd.context.values[DIR_KEY + ":alias"] = [(expr, cmd.path, handler)]
        return None
    if err:
        return err
    rx = None
    if regex:
        rx = _compile(fake)
        if rx is None:
            return "Regular expression could not be compiled."
    lst = cmd.context.values.setdefault(ALIAS_KEY, [])
    if not regex:
        for e in lst:
            if (e.regex is None and alias_matches(fake, e.fake) > 0) or (e.regex is not None and e.regex.search(fake)):
                node = cmd.directive
                cmd.reader.log.log("alias", "warn", f"AH00671: The {cmd.cmd.name} directive in {node.file} at line "
                                   f"{node.line} will probably never match because it overlaps an earlier "
                                   f"{'Script' if e.handler else ''}Alias{'Match' if e.regex is not None else ''}.")
                break
    lst.append(Entry(fake, real, rx, handler))
    return None


@handles("Alias")
def alias(cmd, fake, real=None):
    return _add_alias(cmd, fake, real, False, None)


@handles("ScriptAlias")
def script_alias(cmd, fake, real=None):
    return _add_alias(cmd, fake, real, False, "cgi-script")


@handles("AliasMatch")
def alias_match(cmd, fake, real):
    return _add_alias(cmd, fake, real, True, None)


@handles("ScriptAliasMatch")
def script_alias_match(cmd, fake, real):
    return _add_alias(cmd, fake, real, True, "cgi-script")


def _add_redirect(cmd, default_status: int, arg1: str, arg2: str | None, arg3: str | None, regex: bool):
    status = default_status
    grok = 1
    a1 = arg1.lower()
    if a1 == "permanent":
        status = 301
    elif a1 == "temp":
        status = 302
    elif a1 == "seeother":
        status = 303
    elif a1 == "gone":
        status = 410
        grok = -1
    elif arg1[:1].isdigit():
        import re
        status = int(re.match(r"\d+", arg1).group(0))
        if not 300 <= status < 400:
            grok = -1
    else:
        grok = 0
    if arg3 is not None and not grok:
        return "Redirect: invalid first argument (of three)"
    fake, url = arg2, arg3
    if not cmd.path:
        pass
    elif (grok > 0 and arg2 is not None and arg3 is None) or (not grok and arg2 is None):
        url = arg2 if grok else arg1
        from ..expr import ExprError, parse
        try:
            expr = parse(url, string_mode=True)
        except ExprError as e:
            return f"Cannot parse redirect expression '{url}': {e}"
        cmd.context.values[DIR_KEY + ":redirect"] = [(expr, status)]
        return None
    elif grok < 0 and arg2 is None:
        cmd.context.values[DIR_KEY + ":redirect"] = [(None, status)]
        return None
    if arg3 is None and not grok:
        fake, url = arg1, arg2
    rx = None
    if regex:
        rx = _compile(fake)
        if rx is None:
            return "Regular expression could not be compiled."
    if 300 <= status < 400:
        if not url:
            return "URL to redirect to is missing"
        if not regex and not is_url(url) and not url.startswith("/"):
            return "Redirect to non-URL"
    elif url:
        return "Redirect URL not valid for this status"
    cmd.context.values.setdefault(REDIRECT_KEY, []).append(Entry(fake, url, rx, None, status))
    return None


@handles("Redirect")
def redirect(cmd, a1, a2=None, a3=None):
    return _add_redirect(cmd, 302, a1, a2, a3, False)


@handles("RedirectMatch")
def redirect_match(cmd, a1, a2=None, a3=None):
    return _add_redirect(cmd, 302, a1, a2, a3, True)


@handles("RedirectTemp")
def redirect_temp(cmd, a1, a2=None):
    return _add_redirect(cmd, 302, a1, a2, None, False)


@handles("RedirectPermanent")
def redirect_permanent(cmd, a1, a2=None):
    return _add_redirect(cmd, 301, a1, a2, None, False)


# -- compiled config ----------------------------------------------------------------------------

field("alias_redirects", [], lambda base, add: add + base)   # per-dir redirects (new first)
field("alias_dir_alias", None)          # (expr, fake path, handler)
field("alias_dir_redirect", None)       # (expr or None, status)
field("alias_relative", False)          # RedirectRelative
field("alias_preserve_path", False)


@compiles(REDIRECT_KEY)
def _c_redirects(conf, vals, ctx):
    if ctx.path is not None:
        conf.alias_redirects = list(vals)


@compiles(DIR_KEY + ":alias")
def _c_dir_alias(conf, vals, ctx):
    conf.alias_dir_alias = vals[-1]


@compiles(DIR_KEY + ":redirect")
def _c_dir_redirect(conf, vals, ctx):
    conf.alias_dir_redirect = vals[-1]


@compiles("RedirectRelative")
def _c_relative(conf, vals, ctx):
    v = vals[-1][0] if isinstance(vals[-1], list) else vals[-1]
    conf.alias_relative = v is True or str(v).lower() == "on"


@compiles("AliasPreservePath")
def _c_preserve(conf, vals, ctx):
    v = vals[-1][0] if isinstance(vals[-1], list) else vals[-1]
    conf.alias_preserve_path = v is True or str(v).lower() == "on"


@server_compiler
def _server_aliases(s, main, site):
    own_a = s.model.conf.values.get(ALIAS_KEY, [])
    own_r = s.model.conf.values.get(REDIRECT_KEY, [])
    if main is not None:
        own_a = own_a + main.model.conf.values.get(ALIAS_KEY, [])
        own_r = own_r + main.model.conf.values.get(REDIRECT_KEY, [])
    s.mod["aliases"] = own_a
    s.mod["redirects"] = own_r


# -- request hooks ------------------------------------------------------------------------------

_ERROR = object()


def _redirect_target(found: str) -> str:
    """Re-escape a computed redirect target, keeping its query and fragment."""
    u = uri_parse(found)
    base = found
    for sep in ("#", "?"):
        i = base.find(sep)
        if i >= 0 and (sep != "?" or u.query is not None):
            base = base[:i]
    out = escape_uri(base)
    if u.query is not None:
        out += "?" + u.query
    if u.fragment is not None:
        out += "#" + u.fragment
    return out


def try_alias_list(r, entries, is_redir: bool):
    for e in entries:
        found = None
        if e.regex is not None:
            m = e.regex.search(r.uri)
            if m is not None:
                if e.real is not None:
                    found = _pregsub(e.real, r.uri, m)
                    if is_redir:
                        found = _redirect_target(found)
                else:
                    found = ""
        else:
            l = alias_matches(r.uri, e.fake)
            if l > 0:
                r.context_prefix, r.context_document_root = e.fake, e.real   # ap_set_context_info
                found = (e.real or "") + (escape_uri(r.uri[l:]) if is_redir else r.uri[l:])
        if found is not None:
            if e.handler:
                r.handler = e.handler
                r.notes.set("alias-forced-type", e.handler)
            if not is_redir:
                import os
                if not found.startswith("/"):
                    found = os.path.join(r.site.server_root, found)
            return found, e.status
    return None, 0


def _pregsub(template: str, source: str, m) -> str:
    """ap_pregsub: $0-$9 and \\0-\\9 (with \\$ escapes) from the match."""
    out = []
    i = 0
    n = len(template)
    while i < n:
        c = template[i]
        if c in "$\\" and i + 1 < n and template[i + 1].isdigit():
            g = int(template[i + 1])
            try:
                v = m.group(g)
            except IndexError:
                v = None
            out.append(v or "")
            i += 2
            continue
        if c == "\\" and i + 1 < n and template[i + 1] in "$\\":
            out.append(template[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _try_redirect(r):
    d = r.per_dir_config.alias_dir_redirect
    if d is None:
        return None, 0
    expr, status = d
    found = ""
    if expr is not None:
        v = eval_string(expr, r)
        if v is None:
            r.log_error("alias", "error", "AH02826: Can't evaluate redirect expression")
            return _ERROR, 0
        found = _redirect_target(v)
    return found, status


def _finish_redirect(r, ret: str, status: int, rel: bool, debug_no: str, err_no: str):
    if 300 <= status < 400:
        if not rel or not ret.startswith("/"):
            if ret.startswith("/"):
                orig = ret
                ret = construct_url(ret, r)
                r.log_error("alias", "debug", f"{debug_no}: incomplete redirection target of '{orig}' for URI "
                            f"'{r.uri}' modified to '{ret}'")
            if not is_url(ret):
                r.log_error("alias", "error", f"{err_no}: cannot redirect '{r.uri}' to '{ret}'; target is not a "
                            "valid absoluteURI or abs_path")
                return 500
        if r.args is not None and "?" not in ret:
            ret = f"{ret}?{r.args}"
        r.headers_out.set("Location", ret)
    return status


@hook("translate_name", "alias_module")
def translate_alias_redir(r):
    if r.uri[:1] not in ("/", ""):
        return DECLINED
    ret, status = _try_redirect(r)
    if ret is None:
        ret, status = try_alias_list(r, r.server.mod.get("redirects", ()), True)
    if ret is _ERROR:
        return 500
    if ret is not None:
        return _finish_redirect(r, ret, status, r.per_dir_config.alias_relative, "AH00673", "AH00674")
    da = r.per_dir_config.alias_dir_alias
    if da is not None:
        expr, fake, handler = da
        found = eval_string(expr, r)
        if found is None:
            r.log_error("alias", "error", "AH02825: Can't evaluate alias expression")
            return 500
        if fake and r.per_dir_config.alias_preserve_path:
            l = alias_matches(r.uri, fake)
            if l > 0:
                found = found + r.uri[l:]
        if handler:
            r.handler = handler
            r.notes.set("alias-forced-type", handler)
        r.filename = found
        return OK
    ret, status = try_alias_list(r, r.server.mod.get("aliases", ()), False)
    if ret is not None:
        r.filename = ret
        return OK
    return DECLINED


@hook("fixups", "alias_module")
def fixup_redir(r):
    ret, status = _try_redirect(r)
    if ret is None:
        ret, status = try_alias_list(r, r.per_dir_config.alias_redirects, True)
    if ret is _ERROR:
        return 500
    if ret is not None:
        return _finish_redirect(r, ret, status, r.per_dir_config.alias_relative, "AH00675", "AH00676")
    return DECLINED


from .base import serves  # noqa: E402

serves("Alias", "ScriptAlias", "Redirect", "AliasMatch", "ScriptAliasMatch", "RedirectMatch", "RedirectTemp",
       "RedirectPermanent", "RedirectRelative", "AliasPreservePath")
