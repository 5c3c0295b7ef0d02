"""mod_proxy: <Proxy> sections, ProxyPass and friends, workers and balancers, checked as httpd does.

Stored shapes:
  server.values["proxy"]: ProxyConf with `aliases` (ProxyPass/ProxyPassMatch outside sections,
      in order), `workers` (Worker objects not in a balancer), `balancers` (Balancer objects,
      each with its own `workers`), `remotes` (ProxyRemote[Match] as Remote), `noproxies`
      (ProxyBlock words) and `dirconn` (NoProxy entries as (kind, name)).
  server.values["proxy_sections"]: the <Proxy>/<ProxyMatch> Sections in order.
  server.values[...] for the per-server settings: ProxyRequests/BalancerPersist/BalancerInherit/
      ProxyPassInherit (bool), ProxyVia ("off"|"on"|"full"|"block"), ProxyBadHeader
      ("iserror"|"ignore"|"startbody"), ProxyStatus ("off"|"on"|"full"), ProxyReceiveBufferSize,
      ProxyIOBufferSize, ProxyMaxForwards, BalancerGrowth (int), ProxyTimeout (seconds),
      ProxyDomain (str), ProxySourceAddress (str).
  context.values[...] per directory: "ProxyPass" (the single Alias of a <Location>/<Proxy>),
      "ProxyPassReverse", "ProxyPassReverseCookiePath", "ProxyPassReverseCookieDomain"
      (lists of ReverseAlias), "ProxyErrorOverride" ((on, sorted status codes)),
      ProxyPreserveHost/ProxyAddHeaders/Proxy100Continue/ProxyPassInterpolateEnv (bool).
Worker and balancer parameters are kept typed in `.params` keyed by lower-case name
(durations in microseconds, sizes in bytes, flags as bool).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..config.args import getword
from ..config.model import DirConf, Section
from ..config.paths import fnmatch_test
from ..config.registry import ACCESS_CONF, OR_ALL, PROXY_CONF
from ..config.walk import NOT_IN_DIR_CONTEXT, NOT_IN_DIRECTORY, NOT_IN_FILES, NOT_IN_HTACCESS, Cmd
from . import providers
from .base import handles
from .cmdlog import server_log
from .clib import (atof, atoi, atol, isdigit, sockaddr_info_get, strtol_base0, timeout_parse, uri_parse,
                   uri_port_of_scheme)
from .core import compile_regex, unclosed

# field sizes of proxy_worker_shared / proxy_balancer_shared (mod_proxy.h)
SCHEME_SIZE, ROUTE_SIZE, NAME_SIZE, SECRET_SIZE = 16, 64, 96, 64
HOSTNAME_EX_SIZE, NAME_EX_SIZE, PROVIDER_SIZE = 256, 384, 16
NONCE_SIZE = 37                    # APR_UUID_FORMATTED_LENGTH + 1
WORKER_STATUS_FLAGS = "OINGUDSEHRFC"
PROXY_SCHEME_PORTS = {"fcgi": 8000, "ajp": 8009, "scgi": 4000, "h2c": 80, "h2": 443, "ws": 80, "wss": 443}


@dataclass(eq=False)
class Worker:
    name: str                      # normalised URL (name_ex)
    scheme: str
    hostname: str
    port: int
    uds_path: str | None
    matchable: bool                # defined by a regex (ProxyPassMatch, <ProxyMatch>)
    host_matchable: bool = False   # ... with $N substitutions in its host or port
    params: dict[str, Any] = field(default_factory=dict)
    status: set[str] = field(default_factory=set)   # worker status flags (D, S, H, ...)
    section: Section | None = None


@dataclass(eq=False)
class Balancer:
    name: str                      # balancer://name, lower case, without path
    vpath: str | None = None
    vhost: str | None = None
    lbmethod: str = "byrequests"
    params: dict[str, Any] = field(default_factory=dict)
    workers: list[Worker] = field(default_factory=list)
    section: Section | None = None


@dataclass(eq=False)
class Alias:
    fake: str                      # the local path or regex
    real: str                      # the backend URL, "!" for an exclusion
    regex: re.Pattern | None
    flags: set[str]                # nocanon, interpolate, noquery, mapping=encoded|servlet
    worker: Worker | None = None
    balancer: Balancer | None = None


@dataclass(eq=False)
class ReverseAlias:
    fake: str
    real: str
    interpolate: bool


@dataclass(eq=False)
class Remote:
    match: str                     # scheme, URL prefix, "*" or regex text
    regex: re.Pattern | None
    protocol: str                  # remote proxy scheme
    hostname: str
    port: int
    creds: str | None              # "Basic <base64>" or None


@dataclass(eq=False)
class ProxyConf:
    aliases: list[Alias] = field(default_factory=list)
    workers: list[Worker] = field(default_factory=list)
    balancers: list[Balancer] = field(default_factory=list)
    remotes: list[Remote] = field(default_factory=list)
    noproxies: list[str] = field(default_factory=list)
    dirconn: list[tuple[str, str]] = field(default_factory=list)


def conf_of(cmd: Cmd) -> ProxyConf:
    conf = cmd.server.values.get("proxy")
    if conf is None:
        conf = cmd.server.values["proxy"] = ProxyConf()
    return conf


def warn(cmd: Cmd, msg: str, level: str = "warn", where: str | None = None) -> None:
    server_log(cmd, "proxy", level, msg, where)


# -- URLs, workers and balancers (proxy_util.c) ----------------------------------------------

def port_of_scheme(scheme: str | None) -> int:
    return uri_port_of_scheme(scheme) or PROXY_SCHEME_PORTS.get((scheme or "").lower(), 0)


def de_socketfy(url: str) -> str | None:
    """ap_proxy_de_socketfy: drop a leading "unix:/path|"; None when nothing follows well."""
    if url[:5].lower() == "unix:" and "|" in url[5:]:
        ret = url[url.index("|", 5) + 1:]
        c = ret.find(":")
        if c < 0:
            return None
        if c + 1 == len(ret):
            return ret + "//localhost"
        if ret[c + 1:] == "//":
            return ret + "localhost"
        return ret
    return url


def valid_balancer_name(name: str) -> bool:
    return name[:9].lower() == "balancer:"


def _authority_ok(url: str) -> int:
    """Offset just after "scheme://" when url has that shape with something after, else -1."""
    c = url.find(":")
    if c < 0 or url[c + 1:c + 3] != "//" or c + 3 >= len(url):
        return -1
    return c + 3


def get_balancer(conf: ProxyConf, url: str) -> Balancer | None:
    start = _authority_ok(url)
    if start < 0:
        return None
    slash = url.find("/", start)
    name = (url if slash < 0 else url[:slash]).lower()
    for b in conf.balancers:
        if b.name == name:
            return b
    return None


def _update_balancer(b: Balancer, url: str | None) -> str | None:
    if url is None:
        return None
    u = uri_parse(url)
    if u is None:
        return f"unable to parse: {url}"
    if u.path is not None:
        if len(u.path) >= ROUTE_SIZE:
            return f"balancer {b.name} front-end virtual-path ({u.path}) too long"
        b.vpath = u.path
    if u.hostname is not None:
        if len(u.hostname) >= 64:
            return f"balancer {b.name} front-end vhost name ({u.hostname}) too long"
        b.vhost = u.hostname
    return None


def define_balancer(conf: ProxyConf, url: str, alias: str | None) -> tuple[Balancer | None, str | None]:
    start = _authority_ok(url)
    if start < 0:
        return None, f"Bad syntax for a balancer name ({url})"
    slash = url.find("/", start)
    name = (url if slash < 0 else url[:slash]).lower()
    b = Balancer(name)
    conf.balancers.append(b)
    if len(name) >= NAME_SIZE:
        return None, f"balancer name ({name}) too long"
    return b, _update_balancer(b, alias)


def _strcmp_ematch(s: str, expected: str) -> int:
    """ap_proxy_strcmp_ematch: 0 match, 1 no match, -1 abort, -2 invalid ($N are wildcards)."""
    x = y = 0
    while y < len(expected):
        if expected[y] == "$" and isdigit(expected[y + 1:y + 2]):
            while expected[y:y + 1] == "$" and isdigit(expected[y + 1:y + 2]):
                y += 2
            if y >= len(expected):
                return 0
            while x < len(s):
                ret = _strcmp_ematch(s[x:], expected[y:])
                x += 1
                if ret != 1:
                    return ret
            return -1
        if x >= len(s):
            return -1
        if expected[y] == "\\":
            y += 1
            if y >= len(expected):
                return -2
        if s[x] != expected[y]:
            return 1
        x += 1
        y += 1
    return 0


PREFIX, MATCH = 1, 2


def get_worker(conf: ProxyConf, balancer: Balancer | None, url: str, mask: int = 0) -> Worker | None:
    """ap_proxy_get_worker_ex: the longest-named worker the URL falls under."""
    url = de_socketfy(url)
    if url is None:
        return None
    start = _authority_ok(url)
    if start < 0:
        return None
    if not mask & (PREFIX | MATCH):
        mask |= PREFIX | MATCH
    slash = url.find("/", start)
    if slash >= 0:
        url_copy = url[:slash].lower() + url[slash:]
        min_match = slash
    else:
        url_copy = url.lower()
        min_match = len(url_copy)
    best, best_len = None, 0
    for w in (balancer.workers if balancer else conf.workers):
        n = len(w.name)
        if n > len(url) or n <= best_len:
            continue
        if w.matchable:
            # a worker with $N in its host matches URLs shorter than its scheme://host part
            ok = (bool(mask & MATCH) and (w.host_matchable or n >= min_match)
                  and _strcmp_ematch(url_copy, w.name) == 0)
        else:
            ok = bool(mask & PREFIX) and n >= min_match and url_copy[:n] == w.name
        if ok:
            best, best_len = w, n
    return best


def runtime_dir_relative(cmd: Cmd, path: str) -> str:
    """ap_runtime_dir_relative: relative to DefaultRuntimeDir (default logs/ under ServerRoot)."""
    from ..config.paths import merge_path
    base = cmd.reader.runtime_dir or cmd.reader.server_root_relative("logs")
    return merge_path(base, path) if path else base


def define_worker(cmd: Cmd, conf: ProxyConf, balancer: Balancer | None, url: str,
                  mask: int) -> tuple[Worker | None, str | None]:
    """ap_proxy_define_worker_ex: parse and normalise the URL into a new worker."""
    ptr, sockpath = url, None
    if url[:5].lower() == "unix:" and "|" in url[5:]:
        bar = url.index("|", 5)
        u = uri_parse(url[:bar])
        if u is not None:
            sockpath = runtime_dir_relative(cmd, u.path or "")
            ptr = url[bar + 1:]
    pdollars = None
    not_reusable = False
    if mask & MATCH:
        pos = ptr.find("://")
        if pos >= 0:
            pos += 3
            while pos < len(ptr) and ptr[pos] not in ":/":
                if ptr[pos] == "$":
                    not_reusable = True
                pos += 1
            if ptr[pos:pos + 1] == ":":
                pos += 1
                while pos < len(ptr) and not (ptr[pos] == "$" and isdigit(ptr[pos + 1:pos + 2])) and ptr[pos] != "/":
                    pos += 1
                if ptr[pos:pos + 1] == "$" and isdigit(ptr[pos + 1:pos + 2]):
                    path = pos + 2
                    while path < len(ptr) and ptr[path] != "/":
                        path += 1
                    pdollars = ptr[pos:path]
                    ptr = ptr[:pos] + ptr[path:]
                    not_reusable = True
    u = uri_parse(ptr)
    if u is None:
        return None, f"Unable to parse URL: {url}"
    if u.scheme is None:
        return None, f"URL must be absolute!: {url}"
    if not u.hostname:
        if sockpath is None:
            return None, f"URL must be absolute!: {url}"
        u.hostname = "localhost"
    else:
        u.hostname = u.hostname.lower()
    u.scheme = u.scheme.lower()
    default_port = port_of_scheme(u.scheme)
    if u.port and u.port == default_port:
        u.port = 0
    if pdollars:
        u.path = pdollars + (u.path or "")
    name = u.unparse()
    if len(name) >= NAME_EX_SIZE:
        cmd.reader.log.log("proxy", "error", f"AH10366: Alert! worker name ({name}) too long; truncated to: "
                           f"{name[:NAME_EX_SIZE - 1]}")
        name = name[:NAME_EX_SIZE - 1]
    if len(u.scheme) >= SCHEME_SIZE:
        cmd.reader.log.log("proxy", "error", f"AH010117: Alert! worker scheme ({u.scheme}) too long; "
                           f"truncated to: {u.scheme[:SCHEME_SIZE - 1]}")
    w = Worker(name, u.scheme, u.hostname, u.port or default_port, sockpath, bool(mask & MATCH),
               bool(mask & MATCH) and not_reusable)
    (balancer.workers if balancer else conf.workers).append(w)
    if len(u.hostname) >= HOSTNAME_EX_SIZE:
        return None, f"worker hostname ({u.hostname}) too long"
    w.params["disablereuse"] = not_reusable or (bool(mask & MATCH) and "$" in name)
    if sockpath is not None and len(sockpath) >= NAME_SIZE:
        return None, f"worker uds path ({sockpath}) too long"
    return w, None


# -- parameters -------------------------------------------------------------------------------

def _onoff(val: str, what: str) -> tuple[bool | None, str | None]:
    v = val.lower()
    if v == "on":
        return True, None
    if v == "off":
        return False, None
    return None, f"{what} must be On|Off"


def set_worker_param(cmd: Cmd, w: Worker, key: str, val: str) -> str | None:
    k = key.lower()
    p = w.params
    if k == "loadfactor":
        ival = int(atof(val) * 100.0) if abs(atof(val)) < 1e12 else -1
        if ival < 100 or ival > 10000:
            return "LoadFactor must be a number between 1..100"
        p[k] = ival
    elif k in ("retry", "ttl", "min", "max", "smax", "timeout"):
        ival = atoi(val)
        least = 1 if k in ("ttl", "timeout") else 0
        if ival < least:
            return {"retry": "Retry must be a positive value", "ttl": "TTL must be at least one second",
                    "min": "Min must be a positive number", "max": "Max must be a positive number",
                    "smax": "Smax must be a positive number",
                    "timeout": "Timeout must be at least one second"}[k]
        p[k] = ival * 1_000_000 if k in ("retry", "ttl", "timeout") else ival
    elif k in ("acquire", "ping", "connectiontimeout"):
        t = timeout_parse(val, "ms" if k == "acquire" else "s")
        if t is None:
            return {"acquire": "Acquire timeout has wrong format", "ping": "Ping/Pong timeout has wrong format",
                    "connectiontimeout": "Connectiontimeout has wrong format"}[k]
        if t < 1000:
            return {"acquire": "Acquire must be at least one millisecond",
                    "ping": "Ping/Pong timeout must be at least one millisecond",
                    "connectiontimeout": "Connectiontimeout must be at least one millisecond."}[k]
        p[k] = t
    elif k == "iobuffersize":
        s = atol(val)
        if s < 512 and s:
            return "IOBufferSize must be >= 512 bytes, or 0 for system default."
        p[k] = s or 65536
    elif k == "receivebuffersize":
        ival = atoi(val)
        if ival < 512 and ival != 0:
            return "ReceiveBufferSize must be >= 512 bytes, or 0 for system default."
        p[k] = ival
    elif k in ("keepalive", "disablereuse", "enablereuse"):
        flag, err = _onoff(val, {"keepalive": "KeepAlive", "disablereuse": "DisableReuse",
                                 "enablereuse": "EnableReuse"}[k])
        if err:
            return err
        p["disablereuse" if k == "enablereuse" else k] = (not flag) if k == "enablereuse" else flag
    elif k == "addressttl":
        if val == "-1":
            p[k] = -1
        else:
            t = timeout_parse(val, "s")
            if t is None or t > (2**31 - 1) * 1_000_000 or t % 1_000_000:
                return "AddressTTL must be -1 or a number of seconds not exceeding (2147483647)"
            p[k] = t // 1_000_000
    elif k in ("route", "redirect"):
        if len(val.encode()) >= ROUTE_SIZE:
            return f"{k.capitalize()} length must be < {ROUTE_SIZE} characters"
        p[k] = val
    elif k == "status":
        i, mode = 0, True
        while i < len(val):
            c = val[i]
            if c in "+-":
                mode = c == "+"
                i += 1
                c = val[i] if i < len(val) else ""
            if not c or c.upper() not in WORKER_STATUS_FLAGS:
                return "Unknown status parameter option"
            (w.status.add if mode else w.status.discard)(c.upper())
            i += 1
    elif k == "flushpackets":
        if val.lower() not in ("on", "off", "auto"):
            return "flushpackets must be on|off|auto"
        p[k] = val.lower()
    elif k == "flushwait":
        ival = atoi(val)
        if ival > 1000 or ival < 0:
            return "flushwait must be <= 1000, or 0 for system default of 10 millseconds."
        p[k] = ival * 1000 if ival else 10000
    elif k == "lbset":
        ival = atoi(val)
        if ival < 0 or ival > 99:
            return "lbset must be between 0 and 99"
        p[k] = ival
    elif k in ("flusher", "upgrade"):
        v = "*" if k == "upgrade" and val.lower() == "any" else val
        if len(v.encode()) >= SCHEME_SIZE:
            what = "flusher name" if k == "flusher" else "upgrade protocol"
            return f"{what} length must be < {SCHEME_SIZE} characters"
        p[k] = v
    elif k == "responsefieldsize":
        s = atol(val)
        if s < 0:
            return "ResponseFieldSize must be greater than 0 bytes, or 0 for system default."
        p[k] = s or 8192
    elif k == "secret":
        if len(val.encode()) >= SECRET_SIZE:
            return f"Secret length must be < {SECRET_SIZE} characters"
        p[k] = val
    elif providers.is_loaded(cmd, "proxy_hcheck_module"):
        from .proxy_hcheck import set_hc_param
        return set_hc_param(cmd, p, key, val)
    else:
        return "unknown Worker parameter"
    return None


def set_balancer_param(cmd: Cmd, b: Balancer, key: str, val: str) -> str | None:
    k = key.lower()
    p = b.params
    if k == "stickysession":
        sticky, _, path = val.partition("|")
        p[k] = (sticky, path or sticky)
    elif k == "stickysessionsep":
        if len(val.encode()) != 1:
            if val.lower() != "off":
                return "stickysessionsep must be a single character or Off"
            p[k] = None
        else:
            p[k] = val
    elif k in ("nofailover", "scolonpathdelim", "failontimeout", "forcerecovery"):
        flag, err = _onoff(val, {"nofailover": "failover"}.get(k, k))
        if err:
            return err
        p[k] = flag
    elif k == "timeout":
        ival = atoi(val)
        if ival < 1:
            return "timeout must be at least one second"
        p[k] = ival * 1_000_000
    elif k == "maxattempts":
        ival = atoi(val)
        if ival < 0:
            return "maximum number of attempts must be a positive number"
        p[k] = ival
    elif k == "lbmethod":
        if len(val.encode()) > PROVIDER_SIZE - 1:
            return "unknown lbmethod"
        if not providers.lookup(cmd, "lbmethod", val):
            return "unknown lbmethod"
        b.lbmethod = val
    elif k == "failonstatus":
        codes = []
        for tok in re.split(r"[, ]+", val):
            if not tok:
                continue
            code = atoi(tok)
            if not 100 <= code < 600:
                return "failonstatus must be one or more HTTP response codes"
            codes.append(code)
        p[k] = codes
    elif k == "nonce":
        if val.lower() == "none":
            p[k] = ""
        else:
            if len(val.encode()) >= NONCE_SIZE:
                return "Provided nonce is too large"
            p[k] = val
    elif k == "growth":
        ival = atoi(val)
        if ival < 1 or ival > 100:
            return "growth must be between 1 and 100"
        p[k] = ival
    else:
        return "unknown Balancer parameter"
    return None


def _params(words: list[str]) -> dict[str, tuple[str, str]]:
    """key=value words as an apr_table with setn: first spelling kept, last value wins."""
    out: dict[str, tuple[str, str]] = {}
    for w in words:
        k, _, v = w.partition("=")
        if k.lower() in out:
            out[k.lower()] = (out[k.lower()][0], v)
        else:
            out[k.lower()] = (k, v)
    return out


# -- <Proxy> ----------------------------------------------------------------------------------

@handles("<Proxy", "<ProxyMatch")
def proxysection(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT)
    if err:
        return err
    end = arg.rfind(">")
    if end < 0:
        return unclosed(cmd)
    arg = arg[:end]
    kind = cmd.cmd.name
    path, pos = getword(arg)
    if path[:6].lower() == "proxy:":
        path = path[6:]
    regex = None
    if kind == "<ProxyMatch":
        regex = compile_regex(path)
        if regex is None:
            return "Regex could not be compiled"
    sec = Section(kind, path, regex, cmd.directive, DirConf())
    old_path, old_override, old_context = cmd.path, cmd.override, cmd.context
    cmd.path = path
    cmd.override = OR_ALL | ACCESS_CONF | PROXY_CONF
    cmd.context = sec.conf
    node = cmd.directive
    try:
        cmd.walk(node.children)
    finally:
        cmd.path, cmd.override, cmd.context = old_path, old_override, old_context
        cmd.directive = node
    cmd.server.values.setdefault("proxy_sections", []).append(sec)
    if pos < len(arg):
        if kind == "<ProxyMatch":
            return "Multiple <ProxyMatch> arguments not (yet) supported."
        if fnmatch_test(path):
            return f"{kind}> arguments are not supported for wildchar url."
        if ":" not in path:
            return f"{kind}> arguments are not supported for non url."
        conf = conf_of(cmd)
        worker = balancer = None
        if valid_balancer_name(path):
            balancer = get_balancer(conf, path)
            if balancer is None:
                balancer, err = define_balancer(conf, path, "/")
                if err:
                    return f"{kind} {err}"
            balancer.section = balancer.section or sec
        else:
            real = de_socketfy(path)
            if real is None:
                return '<Proxy/ProxyMatch > uses an invalid "unix:" URL'
            worker = get_worker(conf, None, real, PREFIX)
            if worker is None:
                worker, err = define_worker(cmd, conf, None, path, PREFIX)
                if err:
                    return f"{kind} {err}"
            worker.section = worker.section or sec
        while pos < len(arg):
            word, pos = getword(arg, pos)
            if "=" not in word:
                return "Invalid Proxy parameter. Parameter must be in the form 'key=value'"
            key, _, val = word.partition("=")
            err = (set_worker_param(cmd, worker, key, val) if worker
                   else set_balancer_param(cmd, balancer, key, val))
            if err:
                return f"{kind} {err} {key}={val}; {path}"
    return None


# -- ProxyPass ---------------------------------------------------------------------------------

@handles("ProxyPass", "ProxyPassMatch")
def proxy_pass(cmd: Cmd, arg: str):
    is_regex = cmd.cmd.name == "ProxyPassMatch"
    err = cmd.check_context(NOT_IN_DIRECTORY | NOT_IN_FILES)
    if err:
        return err
    conf = conf_of(cmd)
    worker_type = MATCH if is_regex else PREFIX
    f, r = cmd.path, None
    flags: set[str] = set()
    params: list[str] = []
    pos = 0
    while pos < len(arg):
        word, pos = getword(arg, pos)
        if f is None:
            if word == "~":
                if is_regex:
                    return "ProxyPassMatch invalid syntax ('~' usage)."
                worker_type = MATCH
                continue
            f = word
        elif r is None:
            r = word
        elif word.lower() in ("nocanon", "interpolate", "noquery"):
            flags.add(word.lower())
        else:
            if "=" not in word:
                if cmd.path is not None and r.startswith("/"):
                    return "ProxyPass|ProxyPassMatch can not have a path when defined in a location."
                return "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'."
            key, _, val = word.partition("=")
            if key.lower() == "mapping":
                if val.lower() not in ("encoded", "servlet"):
                    return "unknown mapping"
                flags.add("mapping=" + val.lower())
            else:
                params.append(word)
    if r is None:
        return "ProxyPass|ProxyPassMatch needs a path when not defined in a location"
    real = de_socketfy(r)
    if real is None:
        return 'ProxyPass|ProxyPassMatch uses an invalid "unix:" URL'
    if cmd.path is not None and fnmatch_test(f):
        worker_type = MATCH
    alias = Alias(f, real, None, flags)
    if cmd.path is not None:
        cmd.context.values["ProxyPass"] = alias
    else:
        conf.aliases.append(alias)
    if worker_type == MATCH:
        alias.regex = compile_regex(f)
        if alias.regex is None:
            return "Regular expression could not be compiled."
    if r == "!":
        return None
    table = _params(params)
    if valid_balancer_name(r):
        balancer = get_balancer(conf, r)
        fake = None if worker_type == MATCH else f
        if balancer is None:
            balancer, err = define_balancer(conf, r, fake)
            if err:
                return f"ProxyPass {err}"
        else:
            _update_balancer(balancer, fake)
        for key, val in table.values():
            err = set_balancer_param(cmd, balancer, key, val)
            if err:
                return f"ProxyPass {err}"
        alias.balancer = balancer
        return None
    worker = get_worker(conf, None, real, worker_type)
    reuse = worker is not None
    if worker is None:
        worker, err = define_worker(cmd, conf, None, r, worker_type)
        if err:
            return f"ProxyPass {err}"
    else:
        warn(cmd, f"AH01145: Sharing worker '{worker_name(worker)}' instead of creating new worker '{real}'", "info")
    alias.worker = worker
    for key, val in table.values():
        if reuse:
            warn(cmd, f"AH01146: Ignoring parameter '{key}={val}' for worker '{worker_name(worker)}' "
                 "because of worker sharing")
        else:
            err = set_worker_param(cmd, worker, key, val)
            if err:
                return f"ProxyPass {err}"
    return None


def worker_name(w: Worker) -> str:
    return f"unix:{w.uds_path}|{w.name}" if w.uds_path else w.name


@handles("ProxyPassReverse")
def proxy_pass_reverse(cmd: Cmd, f: str, r: str | None, i: str | None):
    err = cmd.check_context(NOT_IN_DIRECTORY | NOT_IN_FILES)
    if err:
        return err
    if cmd.path is None:
        if r is None or r.lower() == "interpolate":
            return "ProxyPassReverse needs a path when not defined in a location"
        fake, real, interp = f, r, i
    else:
        if r is not None and r.lower() != "interpolate":
            return "ProxyPassReverse can not have a path when defined in a location"
        fake, real, interp = cmd.path, f, r
    cmd.store(ReverseAlias(fake, real, interp is not None))
    return None


@handles("ProxyPassReverseCookiePath", "ProxyPassReverseCookieDomain")
def cookie_map(cmd: Cmd, f: str, r: str, interp: str | None):
    cmd.store(ReverseAlias(f, r, interp is not None))
    return None


# -- BalancerMember, ProxySet -------------------------------------------------------------------

@handles("BalancerMember")
def balancer_member(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_HTACCESS)
    if err:
        return err
    conf = conf_of(cmd)
    path, name = cmd.path, None
    params: list[str] = []
    pos = 0
    while pos < len(arg):
        word, pos = getword(arg, pos)
        if "=" not in word:
            if path is None:
                path = word
            elif name is None:
                name = word
            elif cmd.path is not None:
                return "BalancerMember can not have a balancer name when defined in a location"
            else:
                return "Invalid BalancerMember parameter. Parameter must be in the form 'key=value'"
        else:
            params.append(word)
    if path is None:
        return "BalancerMember must define balancer name when outside <Proxy > section"
    if name is None:
        return "BalancerMember must define remote proxy server"
    real = de_socketfy(name)
    if real is None:
        return 'BalancerMember uses an invalid "unix:" URL'
    path = path.lower()
    balancer = get_balancer(conf, path)
    if balancer is None:
        balancer, err = define_balancer(conf, path, "/")
        if err:
            return f"BalancerMember {err}"
    worker = get_worker(conf, balancer, real)
    reuse = worker is not None
    if worker is None:
        warn(cmd, f"AH01147: Defining worker '{name}' for balancer '{balancer.name}'", "debug", "mod_proxy.c(2674)")
        worker, err = define_worker(cmd, conf, balancer, name, PREFIX)
        if err:
            return f"BalancerMember {err}"
        warn(cmd, f"AH01148: Defined worker '{worker_name(worker)}' for balancer '{balancer.name}'", "debug",
             "mod_proxy.c(2679)")
    else:
        warn(cmd, f"AH01149: Sharing worker '{worker_name(worker)}' instead of creating new worker '{name}'",
             "info")
    worker.section = worker.section or balancer.section
    for key, val in _params(params).values():
        if reuse:
            warn(cmd, f"AH01150: Ignoring parameter '{key}={val}' for worker '{worker_name(worker)}' "
                 "because of worker sharing")
        else:
            err = set_worker_param(cmd, worker, key, val)
            if err:
                return f"BalancerMember {err}"
    return None


@handles("ProxySet")
def proxy_set(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_HTACCESS)
    if err:
        return err
    conf = conf_of(cmd)
    parent = cmd.directive.parent
    pos = 0
    worker_type = 0
    in_section = parent is not None and parent.name[:6].lower() == "<proxy"
    if in_section:
        name, _ = getword(parent.args)
        name = name.split(">", 1)[0]
        worker_type = MATCH if parent.name[6:11].lower() == "match" else PREFIX
    else:
        name, pos = getword(arg)
    worker = balancer = None
    if valid_balancer_name(name):
        balancer = get_balancer(conf, name)
        if balancer is None:
            if not in_section:
                return f"ProxySet can not find '{name}' Balancer."
            balancer, err = define_balancer(conf, name, "/")
            if err:
                return f"ProxySet {err}"
    else:
        real = de_socketfy(name)
        if real is None:
            return 'ProxySet uses an invalid "unix:" URL'
        worker = get_worker(conf, None, real, worker_type)
        if worker is None:
            if not in_section:
                return f"ProxySet can not find '{name}' Worker."
            worker, err = define_worker(cmd, conf, None, name, worker_type)
            if err:
                return f"ProxySet {err}"
    while pos < len(arg):
        word, pos = getword(arg, pos)
        if "=" not in word:
            return "Invalid ProxySet parameter. Parameter must be in the form 'key=value'"
        key, _, val = word.partition("=")
        err = set_worker_param(cmd, worker, key, val) if worker else set_balancer_param(cmd, balancer, key, val)
        if err:
            return f"ProxySet: {err} {key}={val}; {name}"
    return None


# -- ProxyRemote, NoProxy, ProxyBlock ------------------------------------------------------------

def _add_remote(cmd: Cmd, f: str, r: str, creds: str | None, regex: bool):
    which = "ProxyRemoteMatch" if regex else "ProxyRemote"
    colon = r.find(":")
    if colon < 0 or r[colon + 1:colon + 3] != "//" or colon + 3 >= len(r):
        return f"{which}: Bad syntax for a remote proxy server"
    scheme = r[:colon]
    host = r[colon + 3:]
    port = -1
    q = host.find(":")
    if q >= 0:
        m = re.match(r"[ \t\n\v\f\r]*([+-]?\d+)", host[q + 1:])
        if not m or (int(m.group(1)) & 0xFFFFFFFF) > 65535:
            return f"{which}: Bad syntax for a remote proxy server (bad port number)"
        port = int(m.group(1)) & 0xFFFFFFFF
        host = host[:q]
    rx = None
    if regex:
        rx = compile_regex(f)
        if rx is None:
            return "Regular expression for ProxyRemoteMatch could not be compiled."
    elif ":" not in f:
        f = f.lower()
    if port == -1:
        port = uri_port_of_scheme(scheme)
    import base64
    auth = "Basic " + base64.b64encode(creds.encode("utf-8", "surrogateescape")).decode() if creds else None
    conf_of(cmd).remotes.append(Remote(f, rx, scheme, host.lower(), port, auth))
    return None


@handles("ProxyRemote")
def proxy_remote(cmd: Cmd, f: str, r: str, creds: str | None):
    return _add_remote(cmd, f, r, creds, False)


@handles("ProxyRemoteMatch")
def proxy_remote_match(cmd: Cmd, f: str, r: str, creds: str | None):
    return _add_remote(cmd, f, r, creds, True)


@handles("ProxyBlock")
def proxy_block(cmd: Cmd, arg: str):
    conf = conf_of(cmd)
    if not any(arg.lower() == n.lower() for n in conf.noproxies):
        conf.noproxies.append(arg)
    return None


def _inet_ntoa(addr: int) -> str:
    return ".".join(str((addr >> s) & 255) for s in (24, 16, 8, 0))


def _is_ipaddr(cmd: Cmd, name: str) -> bool:
    """ap_proxy_is_ipaddr, with its startup warnings about guessed or disagreeing netmasks."""
    quads: list[int] = []
    pos = 0
    while len(quads) < 4 and pos < len(name):
        if name[pos] == "/" and quads:
            break
        if not isdigit(name[pos]):
            return False
        v, end = strtol_base0(name[pos:])
        if end == 0:
            return False
        if v < 0 or v > 255:
            return False
        quads.append(v)
        pos += end
        if name[pos:pos + 1] == "." and len(quads) != 4:
            pos += 1
    addr = 0
    for i, q in enumerate(quads):
        addr |= q << (24 - 8 * i)
    addr &= 0xFFFFFFFF
    if name[pos:pos + 1] == "/" and isdigit(name[pos + 1:pos + 2]):
        bits, end = strtol_base0(name[pos + 1:])
        pos += 1 + end
        if bits < 0 or bits > 32:
            return False
    else:
        n = len(quads)
        while n > 0 and quads[n - 1] == 0:
            n -= 1
        if n < 1:
            return False
        bits = 8 * n
        if bits != 32:
            cmd.reader.log.plain(f"AH00900: Warning: NetMask not supplied with IP-Addr; guessing: "
                                 f"{_inet_ntoa(addr)}/{bits}")
    mask = (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF if bits else 0
    if pos >= len(name) and addr & ~mask & 0xFFFFFFFF:
        cmd.reader.log.plain(f"AH00901: Warning: NetMask and IP-Addr disagree in {_inet_ntoa(addr)}/{bits}")
        addr &= mask
        cmd.reader.log.plain(f"AH00902:          Set to {_inet_ntoa(addr)}/{bits}")
    return pos >= len(name)


_DNS_CHARS = re.compile(r"[-A-Za-z0-9.]*")


@handles("NoProxy")
def no_proxy(cmd: Cmd, arg: str):
    conf = conf_of(cmd)
    if any(arg.lower() == n.lower() for _, n in conf.dirconn):
        return None
    if _is_ipaddr(cmd, arg):
        kind, name = "ipaddr", arg
    elif arg.startswith(".") and _DNS_CHARS.fullmatch(arg):
        kind, name = "domain", (arg.rstrip(".") or ".").lower()
    elif not arg.startswith(".") and _DNS_CHARS.fullmatch(arg) and sockaddr_info_get(arg):
        kind, name = "host", (arg[0] + arg[1:].rstrip(".")).lower() if arg else arg
    else:
        kind, name = "word", arg
    conf.dirconn.append((kind, name))
    return None


# -- simple per-server settings ---------------------------------------------------------------

@handles("ProxyDomain")
def proxy_domain(cmd: Cmd, arg: str):
    if not arg.startswith("."):
        return "ProxyDomain: domain name must start with a dot."
    cmd.server.values["ProxyDomain"] = arg
    return None


def _choice(name: str, options: tuple[str, ...], message: str):
    def handler(cmd: Cmd, arg: str):
        if arg.lower() not in options:
            return message
        cmd.server.values[name] = arg.lower()
        return None
    handles(name)(handler)


_choice("ProxyVia", ("off", "on", "block", "full"), "ProxyVia must be one of: off | on | full | block")
_choice("ProxyBadHeader", ("iserror", "ignore", "startbody"),
        "ProxyBadHeader must be one of: IsError | Ignore | StartBody")
_choice("ProxyStatus", ("off", "on", "full"), "ProxyStatus must be one of: off | on | full")


@handles("ProxyReceiveBufferSize")
def recv_buffer_size(cmd: Cmd, arg: str):
    s = atoi(arg)
    if s < 512 and s != 0:
        return "ProxyReceiveBufferSize must be >= 512 bytes, or 0 for system default."
    cmd.server.values["ProxyReceiveBufferSize"] = s
    return None


@handles("ProxyIOBufferSize")
def io_buffer_size(cmd: Cmd, arg: str):
    s = atol(arg)
    if s < 512 and s:
        return "ProxyIOBufferSize must be >= 512 bytes, or 0 for system default."
    cmd.server.values["ProxyIOBufferSize"] = s or 65536
    return None


@handles("ProxyMaxForwards")
def max_forwards(cmd: Cmd, arg: str):
    cmd.server.values["ProxyMaxForwards"] = atol(arg)
    return None


@handles("ProxyTimeout")
def proxy_timeout(cmd: Cmd, arg: str):
    t = atoi(arg)
    if t < 1:
        return "Proxy Timeout must be at least 1 second."
    cmd.server.values["ProxyTimeout"] = t
    return None


@handles("BalancerGrowth")
def balancer_growth(cmd: Cmd, arg: str):
    g = atoi(arg)
    if g < 0 or g > 1000:
        return "BalancerGrowth must be between 0 and 1000"
    cmd.server.values["BalancerGrowth"] = g
    return None


@handles("ProxySourceAddress")
def source_address(cmd: Cmd, arg: str):
    if not sockaddr_info_get(arg):
        return "ProxySourceAddress invalid value"
    cmd.server.values["ProxySourceAddress"] = arg
    return None


@handles("ProxyRequests", "BalancerPersist", "BalancerInherit", "ProxyPassInherit")
def server_flag(cmd: Cmd, flag: bool):
    cmd.server.values[cmd.cmd.name] = flag
    return None


@handles("ProxyPreserveHost", "ProxyAddHeaders", "Proxy100Continue", "ProxyPassInterpolateEnv")
def dir_flag(cmd: Cmd, flag: bool):
    cmd.context.values[cmd.cmd.name] = flag
    return None


@handles("ProxyErrorOverride")
def error_override(cmd: Cmd, arg: str):
    state = cmd.context.values.get("ProxyErrorOverride")
    a = arg.lower()
    if a == "off":
        cmd.context.values["ProxyErrorOverride"] = (False, state[1] if state else [])
    elif a == "on":
        cmd.context.values["ProxyErrorOverride"] = (True, state[1] if state else [])
    elif state is not None:
        if not isdigit(arg[:1]):
            return "ProxyErrorOverride: status codes to intercept must be numeric"
        if not state[0]:
            return "ProxyErrorOverride: status codes must follow a value of 'on'"
        code = atoi(arg)
        if not 400 <= code < 600:
            return "ProxyErrorOverride: status codes to intercept must be valid HTTP Status Codes >=400 && <600"
        state[1].append(code)
        state[1].sort()
    else:
        return "ProxyErrorOverride first parameter must be one of: off | on"
    return None
