"""mod_proxy_html: HTML link rewriting for proxied content, checked as httpd does.

Stored per directory (context.values): "ProxyHTMLURLMap" ([(from, to, flags, compiled regex
or None, parsed condition or None)]), "ProxyHTMLDoctype" ((doctype text, "html"|"xhtml" end
tags)), "ProxyHTMLFixups" (set of "lowercase", "dospath", "reset"), "ProxyHTMLEvents" (list),
"ProxyHTMLLinks" ({element: [attributes]}), "ProxyHTMLBufSize" (int),
"ProxyHTMLCharsetOut" (str) and the flags (bool).
"""
from __future__ import annotations

import re

from ..config.args import getword
from ..config.walk import Cmd
from .base import handles, pre_config
from .clib import regcomp, strtol
from .cmdlog import startup_log

FPI = {"xhtml": '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
                '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n',
       "xhtml legacy": '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                       '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n',
       "html": '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">\n',
       "html legacy": '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" '
                      '"http://www.w3.org/TR/html4/loose.dtd">\n',
       "html5": "<!DOCTYPE html>\n"}
# the old "var", "var=val", "!var" condition syntax, rewritten into ap_expr as httpd does
_OLD_EXPR = re.compile(r"^(!)?([A-Za-z0-9_]+)((=)(.+))?$", re.S)


@pre_config
def need_xml2enc(config, log) -> None:
    if any(m.name == "proxy_html_module" for m in config.modules) and \
            not any(m.name == "xml2enc_module" for m in config.modules):
        startup_log(log, "proxy_html", "notice", "AH01425: I18n support in mod_proxy_html requires mod_xml2enc. "
                    "Without it, non-ASCII characters in proxied pages are likely to display incorrectly.")


def _old_condition(cond: str) -> str:
    m = _OLD_EXPR.match(cond)
    if not m:
        return cond
    new = f"reqenv('{m.group(2)}'){m.group(1) or ''}{m.group(4) or ''}'{m.group(5) or ''}'"
    if cond.startswith("!") and "=" not in cond:
        new = "!" + new[:-1]
    return new


@handles("ProxyHTMLURLMap")
def url_map(cmd: Cmd, args: str):
    from ..expr import ExprError, parse
    frm, pos = getword(args)
    to, pos = getword(args, pos)
    flags, pos = getword(args, pos)
    cond = None
    if flags:
        cond, pos = getword(args, pos)
        cond = cond or None
    regex = None
    if "R" in flags and "v" not in flags:
        regex, _ = regcomp(frm, "i" in flags)     # a failed compile is silently kept as None
    parsed = None
    entry = [frm, to, flags, regex, None]
    cmd.context.values.setdefault("ProxyHTMLURLMap", []).append(entry)
    if cond is not None:
        try:
            parsed = parse(_old_condition(cond))
        except ExprError as e:
            return str(e)
        entry[4] = parsed
    return None


@handles("ProxyHTMLDoctype")
def doctype(cmd: Cmd, t: str, legacy: str | None):
    k = t.lower()
    if k in ("xhtml", "html"):
        key = k + (" legacy" if legacy is not None and legacy.lower() == "legacy" else "")
        value = (FPI[key], k)
    elif k == "html5":
        value = (FPI["html5"], "html")
    else:
        value = (t, "xhtml" if legacy is not None and legacy[:1] in ("x", "X") else "html")
    cmd.context.values["ProxyHTMLDoctype"] = value
    return None


@handles("ProxyHTMLFixups")
def fixups(cmd: Cmd, arg: str):
    if arg.lower() in ("lowercase", "dospath", "reset"):
        cmd.context.values.setdefault("ProxyHTMLFixups", set()).add(arg.lower())
    return None


@handles("ProxyHTMLEvents")
def events(cmd: Cmd, arg: str):
    cmd.context.values.setdefault("ProxyHTMLEvents", []).append(arg)
    return None


@handles("ProxyHTMLLinks")
def links(cmd: Cmd, element: str, attribute: str):
    cmd.context.values.setdefault("ProxyHTMLLinks", {}).setdefault(element, []).append(attribute)
    return None


@handles("ProxyHTMLBufSize")
def buf_size(cmd: Cmd, arg: str):
    v, end, _ = strtol(arg)
    if not arg or end != len(arg):
        return f"Invalid value for directive {cmd.directive.name}, expected integer"
    cmd.context.values["ProxyHTMLBufSize"] = v
    return None


@handles("ProxyHTMLCharsetOut")
def charset_out(cmd: Cmd, arg: str):
    cmd.context.values["ProxyHTMLCharsetOut"] = arg
    return None


@handles("ProxyHTMLMeta", "ProxyHTMLInterp", "ProxyHTMLExtended", "ProxyHTMLStripComments", "ProxyHTMLEnable")
def flag(cmd: Cmd, on: bool):
    cmd.context.values[cmd.cmd.name] = on
    return None
