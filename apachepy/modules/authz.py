"""Access control verdicts: mod_authz_core (Require, <RequireAll/Any/None>, AuthMerging),
mod_authz_host's providers (ip, host, forward-dns, local) and mod_access_compat
(Order/Allow/Deny/Satisfy)."""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field as dc_field

from ..config.args import getword, words
from ..config.registry import OR_AUTHCFG
from ..http.conf import compiles, field
from ..http.hooks import DECLINED, LAST, MIDDLE, OK, hook
from ..http.exprctx import RequestContext, eval_string
from ..http.request import METHOD_NUMBER
from .base import handles

GRANTED, DENIED, DENIED_NO_USER, NEUTRAL, GENERAL_ERROR = "granted", "denied", "no-user", "neutral", "error"
ALL_METHODS = (1 << 64) - 1

# provider name -> the module that registers it
PROVIDERS = {"all": "authz_core_module", "env": "authz_core_module", "method": "authz_core_module",
             "expr": "authz_core_module", "ip": "authz_host_module", "host": "authz_host_module",
             "forward-dns": "authz_host_module", "local": "authz_host_module", "user": "authz_user_module",
             "valid-user": "authz_user_module", "group": "authz_groupfile_module",
             "file-owner": "authz_owner_module", "file-group": "authz_owner_module",
             "dbm-group": "authz_dbm_module", "dbm-file-group": "authz_dbm_module",
             "dbd-group": "authz_dbd_module", "ldap-user": "authnz_ldap_module",
             "ldap-group": "authnz_ldap_module", "ldap-dn": "authnz_ldap_module",
             "ldap-attribute": "authnz_ldap_module", "ldap-filter": "authnz_ldap_module",
             "ldap-search": "authnz_ldap_module"}


@dataclass(eq=False)
class Section:
    op: str = "or"                       # "and" / "or"
    negate: bool = False
    provider: str | None = None
    args: str = ""
    parsed: object = None
    limited: int = ALL_METHODS
    children: list = dc_field(default_factory=list)
    is_merged: bool = False

    def command(self) -> str:
        if self.provider:
            return f"Require {'not ' if self.negate else ''}{self.provider} {self.args}"
        word = ("NotAll" if self.negate else "All") if self.op == "and" else ("None" if self.negate else "Any")
        return f"AuthMerging {word}" if self.is_merged else f"<Require{word}>"


def _limited(cmd) -> int:
    """cmd->limited: the methods of an enclosing <Limit>/<LimitExcept> (all when none)."""
    p = cmd.directive.parent if cmd.directive is not None else None
    while p is not None:
        if p.name.lower() in ("<limit", "<limitexcept"):
            mask = 0
            for m in words(p.args.rstrip(">").strip()):
                n = METHOD_NUMBER.get(m)
                if n is not None:
                    mask |= 1 << n
            return mask if p.name.lower() == "<limit" else ALL_METHODS & ~mask
        p = p.parent
    return ALL_METHODS


def _provider_available(cmd, name: str) -> bool:
    mod = PROVIDERS.get(name)
    if mod is None:
        return False
    return cmd.reader.find_module(mod) is not None


def _parse_provider(name: str, args: str):
    """parse_require_line: (parsed, error)."""
    if name == "all":
        a = args.strip().lower()
        if a not in ("granted", "denied"):
            return None, "Argument for 'Require all' must be 'granted' or 'denied'"
        return a == "granted", None
    if name == "method":
        mask = 0
        for w in words(args):
            n = METHOD_NUMBER.get(w)
            if n is None:
                return None, f"Invalid Method '{w}'"
            mask |= 1 << n
        return mask, None
    if name == "expr":
        text = args
        if text.startswith('"') and text.endswith('"') and len(text) > 1:
            text = text[1:-1]
        from ..expr import ExprError, parse
        try:
            return parse(text), None
        except ExprError as e:
            return None, f"Cannot parse expression in require line: {e}"
    if name == "ip":
        nets = []
        ws = words(args)
        if not ws:
            return None, "'require ip' requires an argument"
        for w in ws:
            net = ip_subnet(w)
            if net is None:
                return None, f"ip address '{w}' appears to be invalid"
            nets.append(net)
        return nets, None
    if name in ("host", "forward-dns", "user", "group"):
        from ..expr import ExprError, parse
        try:
            return parse(args, string_mode=True), None
        except ExprError as e:
            return None, f"Cannot parse expression in require line: {e}"
    return args, None


def ip_subnet(text: str):
    """apr_ipsubnet_create: a network, or None for 'not an IP address'."""
    addr, _, mask = text.partition("/")
    try:
        if ":" in addr:
            return ipaddress.ip_network(f"{addr}/{mask}" if mask else addr, strict=False)
        parts = addr.split(".")
        if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 4 or parts[-1] == "":
            return None
        if any(int(p) > 255 for p in parts):
            return None
        if not mask:
            bits = 8 * len(parts)
            full = parts + ["0"] * (4 - len(parts))
            return ipaddress.ip_network(f"{'.'.join(full)}/{bits}", strict=False)
        full = ".".join(parts + ["0"] * (4 - len(parts)))
        return ipaddress.ip_network(f"{full}/{mask}", strict=False)
    except ValueError:
        return None


def _current_section(cmd) -> Section:
    stack = getattr(cmd, "_authz_stack", None)
    if stack:
        return stack[-1]
    vals = cmd.context.values
    root = vals.get("authz:section")
    if root is None:
        root = [Section(op="or", limited=0)]
        vals["authz:section"] = root
    return root[0]


@handles("Require")
def require(cmd, args: str):
    name, pos = getword(args)
    negate = False
    if name.lower() == "not":
        negate = True
        name, pos = getword(args, pos)
    rest = args[pos:].lstrip(" \t")
    if not _provider_available(cmd, name.lower()):
        return f"Unknown Authz provider: {name}"
    sec = Section(negate=negate, provider=name.lower(), args=rest, limited=_limited(cmd))
    parsed, err = _parse_provider(sec.provider, rest)
    if err:
        return err
    sec.parsed = parsed
    parent = _current_section(cmd)
    if negate and parent.op == "or":
        return f"negative {cmd.cmd.name} directive has no effect in {parent.command()} directive"
    parent.limited |= sec.limited
    parent.children.append(sec)
    return None


@handles("<RequireAll", "<RequireAny", "<RequireNone", "<RequireNotAll")
def require_section(cmd, args: str):
    end = args.rfind(">")
    if end < 0:
        return f"{cmd.cmd.name}> directive missing closing '>'"
    if args[:end].strip():
        return f"{cmd.cmd.name}> directive doesn't take additional arguments"
    kind = cmd.cmd.name.lower()
    sec = Section(op="and" if kind in ("<requireall", "<requirenotall") else "or",
                  negate=kind in ("<requirenone", "<requirenotall"), limited=0)
    stack = getattr(cmd, "_authz_stack", None)
    if stack is None:
        stack = cmd._authz_stack = []
    parent_holder = stack[-1] if stack else None
    stack.append(sec)
    node = cmd.directive
    old_override = cmd.override
    cmd.override = OR_AUTHCFG
    try:
        cmd.walk(node.children)
    finally:
        stack.pop()
        cmd.directive = node
        cmd.override = old_override
    if not sec.children:
        return f"{sec.command()} directive contains no authorization directives"
    parent = parent_holder if parent_holder is not None else _current_section(cmd)
    if sec.negate and parent.op == "or":
        return f"{sec.command()} directive has no effect in {parent.command()} directive"
    parent.limited |= sec.limited
    if not sec.negate and sec.op == parent.op:
        parent.children.extend(sec.children)
    else:
        parent.children.append(sec)
    return None


# -- merged config -------------------------------------------------------------------------------

@dataclass(eq=False)
class AuthzConf:
    op: str | None = None               # AuthMerging: None (unset), "off", "and", "or"
    section: Section | None = None
    forbidden_on_fail: bool | None = None


def _merge_authz(base: AuthzConf, new: AuthzConf) -> AuthzConf:
    if new.op is None and not new.section and base.section:
        conf = AuthzConf(base.op, base.section, base.forbidden_on_fail)
    elif new.op in ("off", None) or not (base.section or new.section):
        conf = AuthzConf(new.op, new.section, new.forbidden_on_fail)
    else:
        if base.section:
            if new.section:
                sec = Section(op=new.op, limited=base.section.limited | new.section.limited, is_merged=True,
                              children=[base.section, new.section])
            else:
                sec = base.section
        else:
            sec = new.section
        conf = AuthzConf(new.op, sec, None)
    conf.forbidden_on_fail = new.forbidden_on_fail if new.forbidden_on_fail is not None else base.forbidden_on_fail
    return conf


field("authz", None, _merge_authz)
field("access_compat", None)            # (order per method, allows, denys); replaced, never merged


def _normalise(section: Section) -> None:
    """authz_core_check_section's rewrite: a negated child of the other op is inlined."""
    out = []
    for child in section.children:
        if child.children:
            _normalise(child)
            if child.negate and child.op != section.op:
                for g in child.children:
                    g.negate = not g.negate
                    out.append(g)
                continue
        out.append(child)
    section.children = out


@compiles("authz:section", "AuthMerging", "AuthzSendForbiddenOnFailure")
def _c_authz(conf, vals, ctx):
    v = ctx.values
    root = v.get("authz:section")
    sec = root[0] if root else None
    if sec is not None:
        _normalise(sec)
    op = None
    am = v.get("AuthMerging")
    if am:
        op = str(am[-1][0]).lower()
    fof = None
    f = v.get("AuthzSendForbiddenOnFailure")
    if f:
        x = f[-1][0] if isinstance(f[-1], list) else f[-1]
        fof = x is True or str(x).lower() == "on"
    conf.authz = AuthzConf(op, sec, fof)


# -- evaluation -------------------------------------------------------------------------------------

def _in_domain(domain: str, what: str) -> bool:
    dl, wl = len(domain), len(what)
    if wl < dl or what[wl - dl:].lower() != domain.lower():
        return False
    if wl == dl:
        return True
    return domain[0] == "." or what[wl - dl - 1] == "."


def remote_host_double_rev(r) -> str | None:
    """ap_get_useragent_host(REMOTE_DOUBLE_REV): the reverse name if it resolves back."""
    c = r.conn
    cached = getattr(c, "_double_rev", False)
    if cached is not False:
        return cached
    name = None
    try:
        host = socket.gethostbyaddr(c.remote_ip)[0]
        addrs = {i[4][0] for i in socket.getaddrinfo(host, None)}
        if c.remote_ip in addrs:
            name = host.lower()
    except OSError:
        name = None
    c._double_rev = name
    return name


def check_provider(r, sec: Section) -> str:
    name = sec.provider
    ip = r.conn.remote_ip
    if name == "all":
        return GRANTED if sec.parsed else DENIED
    if name == "env":
        for w in words(sec.args):
            if r.subprocess_env.get(w) is not None:
                return GRANTED
        return DENIED
    if name == "method":
        return GRANTED if sec.parsed & (1 << r.method_number) else DENIED
    if name == "expr":
        try:
            ok = sec.parsed.evaluate(RequestContext(r))
        except Exception as e:
            r.log_error("authz_core", "error", f"AH01632: authz_core authorize: require expr: Can't evaluate "
                        f"expression: {e}")
            return DENIED
        if not ok and "REMOTE_USER" in getattr(sec.parsed, "variables", ()) and r.user is None:
            return DENIED_NO_USER
        return GRANTED if ok else DENIED
    if name == "ip":
        try:
            a = ipaddress.ip_address(ip)
        except ValueError:
            return DENIED
        for net in sec.parsed:
            if a.version == net.version and a in net:
                return GRANTED
            if a.version == 6 and a.ipv4_mapped and net.version == 4 and a.ipv4_mapped in net:
                return GRANTED
        return DENIED
    if name == "local":
        try:
            a = ipaddress.ip_address(ip)
        except ValueError:
            return DENIED
        if ip == r.conn.local_ip or a.is_loopback:
            return GRANTED
        return DENIED
    if name == "host":
        host = remote_host_double_rev(r)
        if host is None:
            r.log_error("authz_host", "error", f"AH01753: access check of '{sec.args}' to {r.uri} failed, reason: "
                        "unable to get the remote host name")
            return DENIED
        req = eval_string(sec.parsed, r) or ""
        if "#" in req:
            req = req[:req.index("#")]
        for w in words(req):
            if _in_domain(w, host):
                return GRANTED
        return DENIED
    if name == "forward-dns":
        req = eval_string(sec.parsed, r) or ""
        for w in words(req):
            if w.startswith("#"):
                break
            try:
                addrs = {i[4][0] for i in socket.getaddrinfo(w, None)}
            except OSError:
                r.log_error("authz_host", "warn", f"AH03356: No sockaddr info for \"{w}\"")
                continue
            if ip in addrs:
                return GRANTED
        return DENIED
    # user, group, ... need an authenticated user
    if r.user is None:
        return DENIED_NO_USER
    if name == "valid-user":
        return GRANTED
    if name == "user":
        required = require_words(r, sec, "authz_user", "AH02594: authz_user authorize: require user")
        if required is None:
            return DENIED
        if r.user in required:
            return GRANTED
        r.log_error("authz_user", "debug", f"AH01663: access to {r.uri} failed, reason: user '{r.user}' does "
                    "not meet 'require'ments for user to be allowed access")
        return DENIED
    check = USER_PROVIDER_CHECKS.get(name)
    return check(r, sec) if check is not None else DENIED


# provider name -> check(r, section) for providers other modules implement (they need a user)
USER_PROVIDER_CHECKS: dict = {}


def require_words(r, sec: Section, module: str, what: str) -> list[str] | None:
    """The words of a Require line's string expression, or None (logged) when it fails."""
    from ..expr import ExprEvalError
    try:
        ws = words(sec.parsed.evaluate(RequestContext(r)))
    except ExprEvalError as e:
        r.log_error(module, "error", f"{what}: Can't evaluate require expression: {e}")
        return None
    return ws[:ws.index("")] if "" in ws else ws     # httpd stops at the first empty word


def apply_sections(r, sec: Section, parent_op: str) -> str:
    if not sec.limited & (1 << r.method_number):
        return GRANTED if parent_op == "and" else NEUTRAL
    if sec.provider:
        result = check_provider(r, sec)
    else:
        result = NEUTRAL
        for child in sec.children:
            cr = apply_sections(r, child, sec.op)
            if cr == GENERAL_ERROR:
                return GENERAL_ERROR
            if cr == NEUTRAL:
                continue
            if sec.op == "and":
                if cr == DENIED:
                    result = cr
                    break
                if (cr == DENIED_NO_USER and result != DENIED) or result == NEUTRAL:
                    result = cr
            else:
                if cr == GRANTED:
                    result = cr
                    break
                if (cr == DENIED_NO_USER and result == DENIED) or result == NEUTRAL:
                    result = cr
    if sec.negate:
        if result == GRANTED:
            result = DENIED
        elif result in (DENIED, DENIED_NO_USER):
            result = NEUTRAL
    return result


def _denied_log(r, code: str, module: str) -> None:
    what = r.filename if r.filename is not None else r.uri
    r.log_error(module, "error", f"{code}: client denied by server configuration: "
                f"{'' if r.filename is not None else 'uri '}{what}")


def authorize(r, after_authn: bool) -> int:
    from .authn_core import auth_type, note_auth_failure
    conf = r.per_dir_config.authz
    if conf is None or conf.section is None:
        if auth_type(r) is not None:
            r.log_error("authz_core", "error", "AH01627: AuthType configured with no corresponding authorization "
                        "directives")
            return 500
        return OK
    res = apply_sections(r, conf.section, "and")
    if res == GRANTED:
        return OK
    if res == DENIED_NO_USER:
        if after_authn:
            r.log_error("authz_core", "error", f"AH01629: authorization failure (no authenticated user): {r.uri}")
            if r.user is not None:
                note_auth_failure(r)
            return 401
        return DECLINED
    if res in (DENIED, NEUTRAL):
        if not after_authn or auth_type(r) is None:
            _denied_log(r, "AH01630", "authz_core")
            return 403
        r.log_error("authz_core", "error", f"AH01631: user {r.user}: authorization failure for \"{r.uri}\": ")
        if conf.forbidden_on_fail:
            return 403
        if r.user is not None:
            note_auth_failure(r)
        return 401
    return 500


@hook("access_checker_ex", "authz_core_module", LAST)
def authorize_userless(r):
    return authorize(r, False)


@hook("auth_checker", "authz_core_module", LAST)
def authorize_user(r):
    return authorize(r, True)


# -- mod_access_compat --------------------------------------------------------------------------------

DENY_THEN_ALLOW, ALLOW_THEN_DENY, MUTUAL_FAILURE = 0, 1, 2


@handles("order")
def order(cmd, arg: str):
    a = arg.lower()
    o = {"allow,deny": ALLOW_THEN_DENY, "deny,allow": DENY_THEN_ALLOW, "mutual-failure": MUTUAL_FAILURE}.get(a)
    if o is None:
        return "unknown order"
    cmd.context.values.setdefault("access_compat", []).append(("order", _limited(cmd), o))
    return None


@handles("Satisfy")
def satisfy(cmd, arg: str):
    a = arg.lower()
    if a not in ("all", "any"):
        return "Satisfy either 'any' or 'all'."
    cmd.context.values.setdefault("access_compat", []).append(("satisfy", _limited(cmd), a))
    return None


def _allow_deny(cmd, frm: str, where: str, is_allow: bool):
    if frm.lower() != "from":
        return "allow and deny must be followed by 'from'"
    lw = where.lower()
    if lw.startswith("env=!"):
        ent = ("nenv", where[5:])
    elif lw.startswith("env="):
        ent = ("env", where[4:])
    elif lw == "all":
        ent = ("all", None)
    elif "/" in where:
        net = ip_subnet(where)
        if net is None:
            return "An IP address was expected"
        ent = ("ip", net)
    else:
        net = ip_subnet(where)
        if net is not None:
            ent = ("ip", net)
        elif "#" in where:
            return "No comments are allowed here"
        else:
            ent = ("host", where)
    cmd.context.values.setdefault("access_compat", []).append(
        ("allow" if is_allow else "deny", _limited(cmd), ent))
    return None


@handles("allow")
def allow(cmd, frm: str, where: str):
    return _allow_deny(cmd, frm, where, True)


@handles("deny")
def deny(cmd, frm: str, where: str):
    return _allow_deny(cmd, frm, where, False)


@compiles("access_compat")
def _c_access_compat(conf, vals, ctx):
    orders = [DENY_THEN_ALLOW] * 64
    sat: dict[int, str] = {}
    allows, denys = [], []
    for kind, limited, v in vals:
        if kind == "order":
            for i in range(64):
                if limited & (1 << i):
                    orders[i] = v
        elif kind == "satisfy":
            for i in range(64):
                if limited & (1 << i):
                    sat[i] = v
        elif kind == "allow":
            allows.append((limited, v))
        else:
            denys.append((limited, v))
    conf.access_compat = (orders, allows, denys)
    conf.satisfy = sat


def _find(r, entries, method: int) -> bool:
    mm = 1 << method
    for limited, (kind, v) in entries:
        if not mm & limited:
            continue
        if kind == "env":
            if r.subprocess_env.get(v) is not None:
                return True
        elif kind == "nenv":
            if r.subprocess_env.get(v) is None:
                return True
        elif kind == "all":
            return True
        elif kind == "ip":
            try:
                a = ipaddress.ip_address(r.conn.remote_ip)
            except ValueError:
                continue
            if a.version == v.version and a in v:
                return True
        elif kind == "host":
            host = remote_host_double_rev(r)
            if host is not None and _in_domain(v, host):
                return True
    return False


@hook("access_checker", "access_compat_module", MIDDLE)
def check_dir_access(r):
    ac = r.per_dir_config.access_compat
    if ac is None:
        return OK
    orders, allows, denys = ac
    m = r.method_number
    o = orders[m]
    if o == ALLOW_THEN_DENY:
        ret = 403
        if _find(r, allows, m):
            ret = OK
        if _find(r, denys, m):
            ret = 403
    elif o == DENY_THEN_ALLOW:
        ret = OK
        if _find(r, denys, m):
            ret = 403
        if _find(r, allows, m):
            ret = OK
    else:
        ret = OK if _find(r, allows, m) and not _find(r, denys, m) else 403
    if ret == 403:
        _denied_log(r, "AH01797", "access_compat")
    return ret


from .base import serves  # noqa: E402

serves("Require", "<RequireAll", "<RequireAny", "<RequireNone", "AuthMerging", "AuthzSendForbiddenOnFailure",
       "order", "allow", "deny", "Satisfy")
