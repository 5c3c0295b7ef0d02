"""mod_md (2.6, as bundled with httpd 2.4.71): Managed Domains, checked as mod_md does.

Process-wide settings (config.values["md"], an MdConf): `mds` (ManagedDomain list in order of
definition), `env` (MDHttpProxy, MDChallengeDns01, MDChallengeDns01Version,
MDActivationDelay, MDCACertificateFile, MDHttpProxyCACertificateFile given outside
<MDomain>), and the module-wide values: store_dir, notify_cmd, message_cmd, base_server,
port_map ({80: port, 443: port}, 0 for "-"), server_status, certificate_status,
ocsp_keep_window, ocsp_renew_window, cert_check ((name, url)), retry_delay (us),
retry_failover, store_locks ((on, wait us)), match_names, initial_delay and check_interval
(us).
Per-server settings (server.values["md"], a dict): ca_urls, ca_contact, ca_proto,
ca_agreement, renew_mode ("auto"|"always"|"manual"), transitive (bool), require_https
("off"|"temporary"|"permanent"), renew_window and warn_window ((length us, percent or None)),
must_staple, stapling, staple_others, profile_mandatory, ari_renewals (bool), profile,
ca_challenges, private_keys ([("rsa", bits) | ("default",) | (curve name,)]), eab
((kid, hmac)).  Inside <MDomain> those settings belong to that domain (ManagedDomain.settings).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from ..config.args import getword
from ..config.walk import GLOBAL_ONLY, NOT_IN_DIRECTORY, NOT_IN_LOCATION, Cmd
from .base import handles
from .clib import atoi, strtol, uri_parse

SECTION, SECTION2 = "<MDomainSet", "<MDomain"
KNOWN_CAS = [("LetsEncrypt", "https://acme-v02.api.letsencrypt.org/directory"),
             ("LetsEncrypt-Test", "https://acme-staging-v02.api.letsencrypt.org/directory"),
             ("Buypass", "https://api.buypass.com/acme/directory"),
             ("Buypass-Test", "https://api.test4.buypass.no/acme/directory")]
RSA_BITS_MIN, RSA_BITS_DEF = 2048, 2048
LIFE_NORM = 90 * 86400 * 1_000_000          # MD_TIME_LIFE_NORM
OCSP_KEEP_NORM = 7 * 86400 * 1_000_000      # MD_TIME_OCSP_KEEP_NORM


@dataclass(eq=False)
class ManagedDomain:
    domains: list[str]
    transitive: bool | None = None
    settings: dict = field(default_factory=dict)
    cert_files: list[str] = field(default_factory=list)
    pkey_files: list[str] = field(default_factory=list)
    defined_at: tuple[str, int] | None = None


@dataclass(eq=False)
class MdConf:
    mds: list[ManagedDomain] = field(default_factory=list)
    env: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)


def _mc(cmd: Cmd) -> MdConf:
    mc = cmd.config.values.get("md")
    if mc is None:
        mc = cmd.config.values["md"] = MdConf()
    return mc


def _current(cmd: Cmd) -> ManagedDomain | None:
    return cmd.config.values.get("md:current")


def _settings(cmd: Cmd) -> dict:
    """Where per-server settings go: the domain being defined, else the server."""
    cur = _current(cmd)
    return cur.settings if cur is not None else cmd.server.values.setdefault("md", {})


def _inside_md(cmd: Cmd) -> bool:
    p = cmd.directive.parent
    while p is not None:
        if p.name.lower() in (SECTION.lower(), SECTION2.lower()):
            return True
        p = p.parent
    return False


ALL, NOT_MD, MD_ONLY, GLOBAL = "all", "not_md", "md", "global"


def check_location(cmd: Cmd, where: str) -> str | None:
    """md_conf_check_location."""
    if where == GLOBAL:
        return cmd.check_context(GLOBAL_ONLY)
    inside = _inside_md(cmd)
    if where == NOT_MD and inside:
        return f"{cmd.cmd.name} is not allowed inside an '{SECTION}' context"
    if where == MD_ONLY:
        return None if inside else f"{cmd.cmd.name} is only valid inside a '{SECTION}' context, not here"
    if where == ALL and inside:
        return None
    return cmd.check_context(NOT_IN_DIRECTORY | NOT_IN_LOCATION)


def _on_off(value: str) -> tuple[bool | None, str | None]:
    v = value.lower()
    if v in ("on", "off"):
        return v == "on", None
    return None, f"unknown '{value}', supported parameter values are 'on' and 'off'"


def _transitive(value: str) -> bool | None:
    return {"auto": True, "manual": False}.get(value.lower())


def duration_parse(value: str, def_unit: str) -> int | None:
    """md_duration_parse: microseconds, or None."""
    n, end, over = strtol(value)
    if over:
        return None
    if end >= len(value):
        unit = def_unit or "s"
    elif end == 0:
        return None
    else:
        unit = value[end:]
    u = unit[:1].lower()
    if u == "d":
        return n * 86400 * 1_000_000
    if u == "s":
        return n * 1_000_000
    if u == "h":
        return n * 3600 * 1_000_000
    if u == "m":
        u2 = unit[1:2].lower()
        if u2 == "s":
            return n * 1000
        if u2 == "i":
            return n * 60 * 1_000_000
    return None


def timeslice_parse(value: str, norm: int) -> tuple[tuple[int, int | None] | None, str | None]:
    """md_timeslice_parse: ((length us, percent or None), None) or (None, complaint)."""
    d = duration_parse(value, "d")
    if d is not None:
        return (d, None), None
    n, end, over = strtol(value)
    if not over and value[end:end + 1] == "%":
        if n < 0:
            return None, "percent must be less than 100"
        percent = n & 0xFFFFFFFF
        percent = percent - 2**32 if percent >= 2**31 else percent
        return ((norm // 1_000_000) * percent // 100 * 1_000_000, percent), None
    return None, "has unrecognized format"


def _dns_is_name(host: str) -> bool:
    return all(c.isascii() and (c.isalnum() or c in ".-") for c in host) and ".." not in host


def uri_check(uri: str) -> tuple[object, str | None]:
    """mod_md's uri_check: (parsed, complaint or None)."""
    err = None
    u = uri_parse(uri)
    if u is None:
        err = "not an uri"
    elif u.scheme is not None:
        if len(u.scheme) + 1 >= len(uri):
            err = "missing uri identifier"
        elif u.scheme.startswith("http"):
            if u.hostname is None:
                err = "missing hostname"
            elif not _dns_is_name(u.hostname):
                err = "invalid hostname"
            if u.port_str is not None and (not u.port_str[:1].isdigit() or u.port == 0 or u.port > 65353):
                err = "invalid port"
        elif u.scheme == "mailto":
            at = uri.find("@")
            if at < 0:
                err = "missing @"
            elif "@" in uri[at + 1:]:
                err = "duplicate @"
            elif at == len(u.scheme) + 1:
                err = "missing local part"
            elif at == len(uri) - 1:
                err = "missing hostname"
            elif ".." in uri:
                err = "double period"
    if " " in uri or "\t" in uri:
        err = "whitespace in uri"
    return u, err


def _add_domain(domains: list[str], name: str) -> None:
    if name not in domains:
        domains.append(name.lower())


# -- managed domains --------------------------------------------------------------------------

@handles("<MDomainSet", "<MDomain")
def section(cmd: Cmd, arg: str):
    err = check_location(cmd, NOT_MD)
    if err:
        return err
    end = arg.rfind(">")
    if end < 0:
        return f"{SECTION}> directive missing closing '>'"
    arg = arg[:end]
    if not arg:
        return f"{SECTION} > section must specify a unique domain name"
    name, pos = getword(arg)
    domains: list[str] = []
    _add_domain(domains, name)
    transitive = None
    while pos < len(arg):
        name, pos = getword(arg, pos)
        t = _transitive(name)
        if t is None:
            _add_domain(domains, name)
        else:
            transitive = t
    md = ManagedDomain(domains, transitive)
    node = cmd.directive
    cmd.config.values["md:current"] = md
    try:
        cmd.walk(node.children)
    finally:
        cmd.config.values["md:current"] = None
        cmd.directive = node
    _mc(cmd).mds.append(md)
    return None


@handles("MDMember", "MDMembers")
def members(cmd: Cmd, argv: list[str]):
    err = check_location(cmd, MD_ONLY)
    settings = cmd.server.values.setdefault("md", {})
    if err:
        if len(argv) == 1:
            t = _transitive(argv[0])
            if t is None:
                return 'unknown value, use "auto|manual"'
            settings["transitive"] = t
            return None
        return err
    md = _current(cmd)
    for a in argv:
        t = _transitive(a)
        if t is None:
            _add_domain(md.domains, a)
        else:
            settings["transitive"] = t
    return None


@handles("MDomain")
def mdomain(cmd: Cmd, argv: list[str]):
    err = check_location(cmd, NOT_MD)
    if err:
        return err
    domains: list[str] = []
    transitive = None
    for a in argv:
        t = _transitive(a)
        if t is None:
            _add_domain(domains, a)
        else:
            transitive = t
    if not domains:
        return "needs at least one domain name"
    _mc(cmd).mds.append(ManagedDomain(domains, transitive, defined_at=(cmd.directive.file, cmd.directive.line)))
    return None


# -- settings for a server or a managed domain ---------------------------------------------------

@handles("MDCertificateAuthority")
def ca(cmd: Cmd, argv: list[str]):
    err = check_location(cmd, ALL)
    if err:
        return err
    urls = _settings(cmd)["ca_urls"] = []
    for name in argv:
        known = [u for n, u in KNOWN_CAS if n.lower() == name.lower()]
        if known:
            urls.append(known[0])
            continue
        u, why = uri_check(name)
        if why is None and u.scheme is None:
            why = "missing uri scheme"
        if why is not None:
            return (f"The CA name '{name}' is not known and it is not a URL either ({why}). Known CA names are: "
                    + " ".join(n for n, _ in KNOWN_CAS) + ".")
        urls.append(name)
    return None


def _setting(key: str, where: str = ALL):
    def handler(cmd: Cmd, value: str):
        err = check_location(cmd, where)
        if err:
            return err
        _settings(cmd)[key] = value
        return None
    return handler


handles("MDContactEmail")(_setting("ca_contact"))
handles("MDCertificateProtocol")(_setting("ca_proto"))
handles("MDCertificateAgreement")(_setting("ca_agreement"))
handles("MDProfile")(_setting("profile"))


def _flag_setting(key: str):
    def handler(cmd: Cmd, value: str):
        err = check_location(cmd, ALL)
        if err:
            return err
        v, err = _on_off(value)
        if err:
            return err
        _settings(cmd)[key] = v
        return None
    return handler


handles("MDProfileMandatory")(_flag_setting("profile_mandatory"))
handles("MDMustStaple")(_flag_setting("must_staple"))
handles("MDStapling")(_flag_setting("stapling"))
handles("MDStapleOthers")(_flag_setting("staple_others"))
handles("MDRenewViaARI")(_flag_setting("ari_renewals"))


@handles("MDRenewMode", "MDDriveMode")
def renew_mode(cmd: Cmd, value: str):
    v = value.lower()
    mode = {"auto": "auto", "automatic": "auto", "always": "always", "manual": "manual", "stick": "manual"}.get(v)
    if mode is None:
        return f"unknown MDDriveMode {value}"
    err = check_location(cmd, ALL)
    if err:
        return err
    _settings(cmd)["renew_mode"] = mode
    return None


@handles("MDRequireHttps")
def require_https(cmd: Cmd, value: str):
    err = check_location(cmd, ALL)
    if err:
        return err
    v = value.lower()
    if v not in ("off", "temporary", "permanent"):
        return f"unknown '{value}', supported parameter values are 'temporary' and 'permanent'"
    _settings(cmd)["require_https"] = v
    return None


def _window(key: str, name: str, norm: int, too_long: str | None):
    def handler(cmd: Cmd, value: str):
        err = check_location(cmd, ALL)
        if err:
            return err
        ts, err = timeslice_parse(value, norm)
        if err is None and too_long and ts[1] is not None and ts[0] >= norm:
            err = too_long
        if err:
            return f"{name} {err}"
        target = _mc(cmd).values if key.startswith("ocsp") else _settings(cmd)
        target[key] = ts
        return None
    return handler


handles("MDRenewWindow")(_window("renew_window", "MDRenewWindow", LIFE_NORM, "a length of 100% or more is not allowed."))
handles("MDWarnWindow")(_window("warn_window", "MDWarnWindow", LIFE_NORM, "a length of 100% or more is not allowed."))
handles("MDStaplingKeepResponse")(_window("ocsp_keep_window", "MDStaplingKeepResponse", OCSP_KEEP_NORM, None))
handles("MDStaplingRenewWindow")(_window("ocsp_renew_window", "MDStaplingRenewWindow", LIFE_NORM,
                                         "with a length of 100% or more is not allowed."))


@handles("MDHttpProxy")
def http_proxy(cmd: Cmd, value: str):
    err = check_location(cmd, ALL)
    if err:
        return err
    u, why = uri_check(value)
    if why is None:
        if u.scheme is None:
            why = "missing uri scheme"
        elif u.scheme.lower() not in ("http", "https"):
            why = "uri scheme must be http or https"
    if why:
        return why
    if _inside_md(cmd):
        _settings(cmd)["proxy_url"] = value
    else:
        _mc(cmd).env["proxy_url"] = value
    return None


def _env_or_md(key: str):
    def handler(cmd: Cmd, value: str):
        err = check_location(cmd, ALL)
        if err:
            return err
        if _inside_md(cmd):
            _settings(cmd)[key] = value
        else:
            _mc(cmd).env[key] = value
        return None
    return handler


handles("MDChallengeDns01")(_env_or_md("dns01_cmd"))
handles("MDCACertificateFile")(_env_or_md("ca_certs"))
handles("MDHttpProxyCACertificateFile")(_env_or_md("proxy_ca_certs"))


@handles("MDCAChallenges")
def challenges(cmd: Cmd, argv: list[str]):
    err = check_location(cmd, ALL)
    if err:
        return err
    _settings(cmd)["ca_challenges"] = list(argv)
    return None


@handles("MDPrivateKeys")
def private_keys(cmd: Cmd, argv: list[str]):
    err = check_location(cmd, ALL)
    if err:
        return err
    if not argv:
        return "needs to specify the private key type"
    keys: list[tuple] = []
    _settings(cmd)["private_keys"] = keys

    def add_rsa(bits_text: str | None) -> str | None:
        bits = RSA_BITS_DEF
        if bits_text is not None:
            bits = strtol(bits_text)[0] & 0xFFFFFFFF
            bits = bits - 2**32 if bits >= 2**31 else bits
            if bits < RSA_BITS_MIN:
                return f"must be {RSA_BITS_MIN} or higher in order to be considered safe."
            if bits >= 2**31 - 1:
                return "is too large for an RSA key length."
        if any(k[0] == "rsa" for k in keys):
            return "two keys of type 'RSA' are not possible."
        keys.append(("rsa", bits))
        return None

    i = 0
    while i < len(argv):
        ptype = argv[i]
        if ptype.lower() == "default":
            if len(argv) > 1:
                return "'Default' allows no other parameter"
            keys.append(("default",))
        elif len(ptype) > 3 and ptype[:3].lower() == "rsa" and ptype[3].isdigit():
            err = add_rsa(ptype[3:])
            if err:
                return err
        elif ptype.lower() == "rsa":
            if i + 1 < len(argv) and argv[i + 1][:1].isdigit():
                i += 1
                err = add_rsa(argv[i])
            else:
                err = add_rsa(None)
            if err:
                return err
        else:
            if any(k[0].lower() == ptype.lower() for k in keys if k[0] not in ("rsa", "default")):
                return f"two keys of type '{ptype}' are not possible."
            keys.append((ptype,))
        i += 1
    return None


@handles("MDExternalAccountBinding")
def eab(cmd: Cmd, keyid: str, hmac: str | None):
    err = check_location(cmd, ALL)
    if err:
        return err
    if hmac is None:
        if keyid.lower() == "none":
            keyid = "none"
        elif cmd.config.values.get("run_mode") != "dump":
            path = cmd.reader.server_root_relative(keyid)
            if not os.path.isfile(path):
                return f"{cmd.cmd.name}: file not found: {path}"
            try:
                with open(path, "rb") as f:
                    data = json.loads(f.read())
            except (OSError, ValueError):
                return f"{cmd.cmd.name}: error reading JSON file {path}"
            kid = data.get("kid") if isinstance(data, dict) else None
            if not isinstance(kid, str) or not kid:
                return f"{cmd.cmd.name}: JSON does not contain 'kid' element in file {path}"
            hmac = data.get("hmac")
            if not isinstance(hmac, str) or not hmac:
                return f"{cmd.cmd.name}: JSON does not contain 'hmac' element in file {path}"
            keyid = kid
    _settings(cmd)["eab"] = (keyid, hmac)
    return None


@handles("MDCertificateFile", "MDCertificateKeyFile")
def cert_file(cmd: Cmd, arg: str):
    err = check_location(cmd, MD_ONLY)
    if err:
        return err
    md = _current(cmd)
    (md.cert_files if cmd.cmd.name == "MDCertificateFile" else md.pkey_files).append(
        cmd.reader.server_root_relative(arg))
    return None


# -- module-wide settings -------------------------------------------------------------------------

def _mc_setting(key: str):
    def handler(cmd: Cmd, value: str):
        err = check_location(cmd, NOT_MD)
        if err:
            return err
        _mc(cmd).values[key] = value
        return None
    return handler


handles("MDStoreDir")(_mc_setting("store_dir"))
handles("MDNotifyCmd")(_mc_setting("notify_cmd"))
handles("MDMessageCmd")(_mc_setting("message_cmd"))


@handles("MDBaseServer")
def base_server(cmd: Cmd, value: str):
    err = check_location(cmd, NOT_MD)
    if err:
        return err
    v, err = _on_off(value)
    if err:
        return err
    _mc(cmd).values["base_server"] = v
    return None


@handles("MDServerStatus", "MDCertificateStatus")
def status_flags(cmd: Cmd, value: str):
    err = check_location(cmd, ALL)
    if err:
        return err
    v, err = _on_off(value)
    if err:
        return err
    _mc(cmd).values["server_status" if cmd.cmd.name == "MDServerStatus" else "certificate_status"] = v
    return None


def _delay(key: str, def_unit: str, check):
    def handler(cmd: Cmd, value: str):
        err = check_location(cmd, NOT_MD)
        if err:
            return err
        d = duration_parse(value, def_unit)
        if d is None:
            return "unrecognized duration format"
        err = check(d)
        if err:
            return err
        _mc(cmd).values[key] = d
        return None
    return handler


handles("MDInitialDelay")(_delay("initial_delay", "s", lambda d: "initial delay must not be negative" if d < 0 else None))
handles("MDCheckInterval")(_delay("check_interval", "s", lambda d: "check interval cannot be less than one second"
                                  if d < 1_000_000 else None))
handles("MDRetryDelay")(_delay("retry_delay", "s", lambda d: "minimum delay must be greater than 0" if d <= 0 else None))
handles("MDActivationDelay")(_delay("activation_delay", "d", lambda d: None))


@handles("MDRetryFailover")
def retry_failover(cmd: Cmd, value: str):
    err = check_location(cmd, NOT_MD)
    if err:
        return err
    n = atoi(value)
    if n <= 0:
        return "invalid argument, must be a number > 0"
    _mc(cmd).values["retry_failover"] = n
    return None


@handles("MDStoreLocks")
def store_locks(cmd: Cmd, s: str):
    err = check_location(cmd, NOT_MD)
    if err:
        return err
    wait = 0
    if s.lower() in ("on", "off"):
        use = s.lower() == "on"
    else:
        d = duration_parse(s, "s")
        if d is None:
            return "neither 'on', 'off' or a duration specified"
        wait, use = d, d != 0
    _mc(cmd).values["store_locks"] = (use, wait)
    return None


@handles("MDMatchNames")
def match_names(cmd: Cmd, s: str):
    err = check_location(cmd, NOT_MD)
    if err:
        return err
    if s.lower() not in ("all", "servernames"):
        return "invalid argument, must be a 'all' or 'servernames'"
    _mc(cmd).values["match_names"] = s.lower()
    return None


def _port_map(mc: MdConf, value: str) -> str | None:
    if value.startswith("http:"):
        net, rest = 80, value[4:]
    elif value.startswith("https:"):
        net, rest = 443, value[5:]
    else:
        n, end, over = strtol(value)
        if over:
            return "unable to parse first port number"
        net, rest = n & 0xFFFFFFFF, value[end:]
        net = net - 2**32 if net >= 2**31 else net
    if not rest.startswith(":"):
        return "no ':' after first port number"
    rest = rest[1:]
    if rest.startswith("-"):
        local = 0
    else:
        n, end, over = strtol(rest)
        if over:
            return "unable to parse second port number"
        local = n & 0xFFFFFFFF
        local = local - 2**32 if local >= 2**31 else local
        if local <= 0 or local > 65535:
            return "invalid number for port map, must be in ]0,65535]"
    if net not in (80, 443):
        return "mapped port number must be 80 or 443"
    mc.values.setdefault("port_map", {})[net] = local
    return None


@handles("MDPortMap")
def port_map(cmd: Cmd, v1: str, v2: str | None):
    err = check_location(cmd, NOT_MD)
    if not err:
        err = _port_map(_mc(cmd), v1)
    if not err and v2 is not None:
        err = _port_map(_mc(cmd), v2)
    return err


@handles("MDChallengeDns01Version")
def dns01_version(cmd: Cmd, value: str):
    err = check_location(cmd, NOT_MD)
    if err:
        return err
    if value not in ("1", "2"):
        return "Only versions `1` and `2` are supported"
    _mc(cmd).env["dns01_version"] = value
    return None


@handles("MDCertificateCheck")
def cert_check(cmd: Cmd, name: str, url: str):
    err = check_location(cmd, ALL)
    if err:
        return err
    _mc(cmd).values["cert_check"] = (name, url)
    return None
