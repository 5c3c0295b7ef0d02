"""mod_authnz_ldap: LDAP authentication and authorization settings, checked as httpd does.

Stored per directory (context.values):
  "AuthLDAPURL": LdapUrl (host list text, port, base DN, attributes, scope, filter, security)
  "AuthLDAPBindPassword": str, or ("exec", argv) for "exec:" (httpd runs the program while
      reading the configuration; apachepy runs it too, to see whether it prints a password)
  "AuthLDAPDereferenceAliases": "never"|"searching"|"finding"|"always"
  "AuthLDAPSubGroupAttribute"/"AuthLDAPSubGroupClass"/"AuthLDAPGroupAttribute": name lists
  "AuthLDAPMaxSubGroupDepth": int; "AuthLDAPInitialBindPattern": (regex text, substitution)
  the string and flag settings under their names (str / bool).
Per server (server.values): "AuthLDAPCharsetConfig" (file name).
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field

from ..config.walk import Cmd
from .base import handles
from .clib import atoi, atol, regcomp
from .session_crypto import _tokenize

GROUPATTR_MAX_ELTS = 10


@dataclass
class LdapUrl:
    url: str
    host: str
    port: int
    basedn: str
    attributes: list[str] = field(default_factory=list)
    scope: str = "sub"              # "one" or "sub" (base searches are done as subtree)
    filter: str = "objectclass=*"
    secure: str = "none"            # "none" | "ssl" | "starttls"


def _unescape(s: str) -> str:
    """apr_ldap_pvt_hex_unescape, bug for bug (no validation of the hex digits)."""
    def unhex(c: str) -> int:
        o = ord(c)
        if "0" <= c <= "9":
            return o - 48
        if "A" <= c <= "F":
            return o - 55
        return o - 87
    out, i = [], 0
    while i < len(s):
        if s[i] == "%":
            if i + 1 >= len(s):
                break
            v = unhex(s[i + 1]) << 4
            if i + 2 >= len(s):
                out.append(chr(v & 0xFF))
                break
            out.append(chr((v + unhex(s[i + 2])) & 0xFF))
            i += 3
        else:
            out.append(s[i])
            i += 1
    return "".join(out).split("\x00", 1)[0]


def _scope(p: str) -> int:
    return {"one": 1, "onetree": 1, "base": 0, "sub": 2, "subtree": 2}.get(p.lower(), -1)


def parse_ldap_url(url_in: str) -> tuple[dict | None, str | None]:
    """apr_ldap_url_parse: the URL's parts, or the reason APR gives for refusing it."""
    p = url_in
    enclosed = p.startswith("<")
    if enclosed:
        p = p[1:]
    if p[:4].lower() == "url:":
        p = p[4:]
    for scheme in ("ldap", "ldaps", "ldapi"):
        if p[:len(scheme) + 3].lower() == scheme + "://":
            p = p[len(scheme) + 3:]
            break
    else:
        return None, "The scheme was not recognised as a valid LDAP URL scheme."
    if enclosed:
        if not p.endswith(">"):
            return None, "Bad enclosure error while parsing LDAP URL."
        p = p[:-1]
    lud = {"scheme": scheme, "host": None, "port": 636 if scheme == "ldaps" else 389, "dn": None, "attrs": None,
           "scope": -1, "filter": None, "exts": None}
    hostport, slash, rest = p.partition("/")
    if hostport.startswith("["):
        r = hostport.find("]")
        if r < 0:
            return None, "Bad LDAP URL while parsing IPV6 syntax."
        after = hostport[r + 1:]
        q = after.rfind(":")
        port_text = after[q + 1:] if q >= 0 else None
        host = hostport[1:r]
    else:
        q = hostport.rfind(":")
        port_text = hostport[q + 1:] if q >= 0 else None
        host = hostport[:q] if q >= 0 else hostport
    if port_text is not None:
        port_text = _unescape(port_text)
        if not port_text:
            return None, "Bad LDAP URL while parsing."
        lud["port"] = atoi(port_text)
    lud["host"] = _unescape(host)
    if not slash:
        # early Novell referrals: host:port??dn
        if port_text is not None and "?" in port_text:
            after = port_text[port_text.index("?") + 1:]
            if after.startswith("?"):
                lud["dn"] = _unescape(after[1:])
        return _finish(lud), None
    parts = rest.split("?")
    lud["dn"] = _unescape(parts[0]) if parts[0] else ""
    if len(parts) > 1 and parts[1]:
        lud["attrs"] = [a for a in _unescape(parts[1]).split(",") if a]
    if len(parts) > 2 and parts[2]:
        lud["scope"] = _scope(_unescape(parts[2]))
        if lud["scope"] == -1:
            return None, "Bad scope encountered while parsing LDAP URL."
    if len(parts) > 3 and parts[3]:
        f = _unescape(parts[3])
        if not f:
            return None, "Bad filter encountered while parsing LDAP URL."
        lud["filter"] = f
    if len(parts) > 5:
        return None, "Bad URL encountered while parsing LDAP URL."
    if len(parts) > 4:
        exts = [e for e in parts[4].split(",") if e]
        if not exts:
            return None, "Bad extensions encountered while parsing LDAP URL."
        lud["exts"] = [_unescape(e) for e in exts]
    return _finish(lud), None


def _finish(lud: dict) -> dict:
    if lud["scope"] == -1:
        lud["scope"] = 0
    if lud["host"] == "":
        lud["host"] = None
    return lud


@handles("AuthLDAPURL")
def ldap_url(cmd: Cmd, url: str, mode: str | None):
    lud, err = parse_ldap_url(url)
    if err:
        return err
    prev = cmd.context.values.get("AuthLDAPURL")
    host = lud["host"] or "localhost"
    if prev is not None:
        host = f"{lud['host']} {prev.host}" if lud["host"] else f"(null) {prev.host}"
    filt = lud["filter"]
    if filt is None:
        filt = "objectclass=*"
    elif filt.startswith("("):
        filt = filt[1:-1]
    secure = prev.secure if prev is not None else "none"
    if mode is not None:
        m = mode.lower()
        if m not in ("none", "ssl", "tls", "starttls"):
            return "Invalid LDAP connection mode setting: must be one of NONE, SSL, or TLS/STARTTLS"
        secure = "starttls" if m == "tls" else m
    if url[:5].lower() == "ldaps":
        secure = "ssl"
    port = lud["port"] or (636 if url[:5].lower() == "ldaps" else 389)
    cmd.context.values["AuthLDAPURL"] = LdapUrl(url, host, port, lud["dn"] or "", lud["attrs"] or ["uid"],
                                                 "one" if lud["scope"] == 1 else "sub", filt, secure)
    return None


def exec_line(argv: list[str]) -> str:
    """ap_get_exec_line: the first output line of a program run from its own directory."""
    try:
        out = subprocess.run(argv, cwd=os.path.dirname(argv[0]) or "/", capture_output=True, timeout=30,
                             stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    line = out.decode("latin-1")
    for sep in "\n\r":
        line = line.split(sep, 1)[0]
    return line[:8191]


@handles("AuthLDAPBindPassword")
def bind_password(cmd: Cmd, arg: str):
    if len(arg) > 5 and arg.startswith("exec:"):
        argv = _tokenize(arg[5:]) or [""]
        argv[0] = cmd.reader.server_root_relative(argv[0])
        password = exec_line(argv)
        cmd.context.values["AuthLDAPBindPassword"] = ("exec", argv)
    else:
        password = arg
        cmd.context.values["AuthLDAPBindPassword"] = arg
    if not password:
        return "Empty passwords are invalid for AuthLDAPBindPassword"
    return None


@handles("AuthLDAPDereferenceAliases")
def deref(cmd: Cmd, arg: str):
    if arg == "never" or arg.lower() == "off":
        v = "never"
    elif arg in ("searching", "finding"):
        v = arg
    elif arg == "always" or arg.lower() == "on":
        v = "always"
    else:
        return "Unrecognized value for AuthLDAPDereferenceAliases directive"
    cmd.context.values["AuthLDAPDereferenceAliases"] = v
    return None


@handles("AuthLDAPSubGroupAttribute")
def subgroup_attribute(cmd: Cmd, arg: str):
    items = cmd.context.values.setdefault("AuthLDAPSubGroupAttribute", [])
    if len(items) == GROUPATTR_MAX_ELTS:
        return "Too many AuthLDAPSubGroupAttribute values"
    items.append(arg)
    return None


@handles("AuthLDAPSubGroupClass", "AuthLDAPGroupAttribute")
def group_list(cmd: Cmd, arg: str):
    items = cmd.context.values.setdefault(cmd.cmd.name, [])
    if len(items) > GROUPATTR_MAX_ELTS:
        return ("Too many AuthLDAPSubGroupClass values" if cmd.cmd.name == "AuthLDAPSubGroupClass"
                else "Too many AuthLDAPGroupAttribute directives")
    items.append(arg)
    return None


@handles("AuthLDAPMaxSubGroupDepth")
def max_depth(cmd: Cmd, arg: str):
    cmd.context.values["AuthLDAPMaxSubGroupDepth"] = atol(arg)
    return None


@handles("AuthLDAPCharsetConfig")
def charset_config(cmd: Cmd, arg: str):
    cmd.server.values["AuthLDAPCharsetConfig"] = arg
    return None


@handles("AuthLDAPInitialBindPattern")
def bind_pattern(cmd: Cmd, exp: str, subst: str):
    regex, ok = regcomp(exp)
    if not ok:
        return f"AuthLDAPInitialBindPattern: cannot compile regular expression '{exp}'"
    cmd.context.values["AuthLDAPInitialBindPattern"] = (exp, regex, subst)
    return None


@handles("AuthLDAPBindDN", "AuthLDAPRemoteUserAttribute", "AuthLDAPAuthorizePrefix")
def string_slot(cmd: Cmd, arg: str):
    cmd.context.values[cmd.cmd.name] = arg
    return None


@handles("AuthLDAPBindAuthoritative", "AuthLDAPRemoteUserIsDN", "AuthLDAPCompareDNOnServer",
         "AuthLDAPGroupAttributeIsDN", "AuthLDAPInitialBindAsUser", "AuthLDAPSearchAsUser", "AuthLDAPCompareAsUser")
def flag_slot(cmd: Cmd, flag: bool):
    cmd.context.values[cmd.cmd.name] = flag
    return None
