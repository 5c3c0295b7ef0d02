"""mod_ldap (util_ldap): the LDAP connection pool and cache, checked as httpd does.

Stored per server (server.values): "LDAPSharedCacheSize" (bytes), "LDAPSharedCacheFile"
(absolute path), "LDAPCacheTTL"/"LDAPOpCacheTTL" (microseconds), "LDAPCacheEntries"/
"LDAPOpCacheEntries" (int, negative read as 0), "LDAPTrustedGlobalCert" ([(type, path,
password)]), "LDAPTrustedMode" ("none"|"ssl"|"starttls"), "LDAPVerifyServerCert" (bool),
"LDAPConnectionTimeout", "LDAPTimeout" (seconds), "LDAPLibraryDebug", "LDAPRetries" (int),
"LDAPConnectionPoolTTL", "LDAPRetryDelay" (microseconds; -1 for infinite pool TTL).
Stored per directory (context.values): "LDAPTrustedClientCert" ([(type, path, password)]),
"LDAPReferrals" ("on"|"off"|"default"), "LDAPReferralHopLimit" (int).
"""
from __future__ import annotations

import os

from ..config.walk import GLOBAL_ONLY, Cmd
from .base import handles
from .clib import atoi, atol, strtol, timeout_parse
from .cmdlog import server_log

CERT_TYPES = ["CA_DER", "CA_BASE64", "CA_CERT7_DB", "CA_SECMOD", "CERT_DER", "CERT_BASE64", "CERT_PFX",
              "CERT_KEY3_DB", "CERT_NICKNAME", "KEY_DER", "KEY_BASE64", "KEY_PFX"]
GLOBAL_ONLY_TYPES = {"CA_CERT7_DB", "CA_SECMOD", "CERT_PFX", "CERT_KEY3_DB"}


def _debug(cmd: Cmd, line: int, msg: str) -> None:
    server_log(cmd, "ldap", "debug", msg, f"util_ldap.c({line})")


def _global(cmd: Cmd) -> str | None:
    return cmd.check_context(GLOBAL_ONLY)


@handles("LDAPSharedCacheSize")
def cache_bytes(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    v = atol(arg) % 2**64     # apr_size_t
    cmd.server.values["LDAPSharedCacheSize"] = v
    _debug(cmd, 2227, f"AH01297: ldap cache: Setting shared memory cache size to {v} bytes.")
    return None


@handles("LDAPSharedCacheFile")
def cache_file(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    path = cmd.reader.server_root_relative(arg)
    cmd.server.values["LDAPSharedCacheFile"] = path
    _debug(cmd, 2254, f"AH01298: LDAP cache: Setting shared memory cache file to {path}.")
    return None


def _wrap64(v: int) -> int:
    return (v + 2**63) % 2**64 - 2**63


@handles("LDAPCacheTTL", "LDAPOpCacheTTL")
def cache_ttl(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    v = _wrap64(atol(arg) * 1_000_000)
    cmd.server.values[cmd.cmd.name] = v
    if cmd.cmd.name == "LDAPCacheTTL":
        _debug(cmd, 2275, f"AH01299: ldap cache: Setting cache TTL to {v} microseconds.")
    else:
        _debug(cmd, 2320, f"AH01301: ldap cache: Setting operation cache TTL to {v} microseconds.")
    return None


@handles("LDAPCacheEntries", "LDAPOpCacheEntries")
def cache_entries(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    v = max(atol(arg), 0)
    cmd.server.values[cmd.cmd.name] = v
    if cmd.cmd.name == "LDAPCacheEntries":
        _debug(cmd, 2299, f"AH01300: ldap cache: Setting search cache size to {v} entries.")
    else:
        _debug(cmd, 2344, f"AH01302: ldap cache: Setting operation cache size to {v} entries.")
    return None


def _cert(cmd: Cmd, ctype: str, path: str, client: bool) -> tuple[tuple | None, str | None]:
    kind = ctype.upper()
    if kind not in CERT_TYPES:
        if client:
            return None, (f'The certificate type "{ctype}" is not recognised. It should be one of CA_DER, '
                          "CA_BASE64, CERT_DER, CERT_BASE64, CERT_NICKNAME, CERT_PFX, KEY_DER, KEY_BASE64, KEY_PFX")
        return None, (f"The certificate type {ctype} is not recognised. It should be one of CA_DER, CA_BASE64, "
                      "CA_CERT7_DB, CA_SECMOD, CERT_DER, CERT_BASE64, CERT_KEY3_DB, CERT_NICKNAME, KEY_DER, "
                      "KEY_BASE64")
    if client and kind in GLOBAL_ONLY_TYPES:
        return None, (f'The certificate type "{ctype}" is only valid within a LDAPTrustedGlobalCert directive. '
                      "Only CA_DER, CA_BASE64, CERT_DER, CERT_BASE64, CERT_NICKNAME, KEY_DER, and KEY_BASE64 "
                      "may be used.")
    if client:
        _debug(cmd, 2555, f"AH01305: LDAP: SSL trusted client cert - {path} (type {ctype})")
    else:
        _debug(cmd, 2475, f"AH01303: LDAP: SSL trusted global cert - {path} (type {ctype})")
    if kind != "CERT_NICKNAME":
        full = cmd.reader.server_root_relative(path)
        try:
            os.stat(full)
        except OSError as e:
            what = "SSL client certificate file" if client else "SSL trusted certificate authority file"
            server_log(cmd, "ldap", "error", f"({e.errno}){os.strerror(e.errno)}: "
                       f"{'AH01306' if client else 'AH01304'}: LDAP: Could not open {what} - {full}")
            return None, "Invalid client certificate file path" if client else "Invalid global certificate file path"
        path = full
    return (kind, path), None


@handles("LDAPTrustedGlobalCert")
def trusted_global_cert(cmd: Cmd, ctype: str, path: str, password: str | None):
    err = _global(cmd)
    if err:
        return err
    cert, err = _cert(cmd, ctype, path, client=False)
    if err:
        return err
    cmd.server.values.setdefault("LDAPTrustedGlobalCert", []).append(cert + (password,))
    return None


@handles("LDAPTrustedClientCert")
def trusted_client_cert(cmd: Cmd, ctype: str, path: str, password: str | None):
    cert, err = _cert(cmd, ctype, path, client=True)
    if err:
        return err
    cmd.context.values.setdefault("LDAPTrustedClientCert", []).append(cert + (password,))
    return None


@handles("LDAPTrustedMode")
def trusted_mode(cmd: Cmd, mode: str):
    _debug(cmd, 2602, f"AH01307: LDAP: SSL trusted mode - {mode}")
    m = mode.lower()
    if m not in ("none", "ssl", "tls", "starttls"):
        return "Invalid LDAPTrustedMode setting: must be one of NONE, SSL, or TLS/STARTTLS"
    cmd.server.values["LDAPTrustedMode"] = "starttls" if m == "tls" else m
    return None


@handles("LDAPVerifyServerCert")
def verify_server_cert(cmd: Cmd, flag: bool):
    err = _global(cmd)
    if err:
        return err
    _debug(cmd, 2638, f"AH01308: LDAP: SSL verify server certificate - {'TRUE' if flag else 'FALSE'}")
    cmd.server.values["LDAPVerifyServerCert"] = flag
    return None


@handles("LDAPConnectionTimeout")
def connection_timeout(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    v = atol(arg)
    cmd.server.values["LDAPConnectionTimeout"] = v
    _debug(cmd, 2666, f"AH01309: ldap connection: Setting connection timeout to {v} seconds.")
    return None


@handles("LDAPReferrals")
def referrals(cmd: Cmd, arg: str):
    _debug(cmd, 2685, f"AH01311: LDAP: Setting referral chasing {arg}")
    if arg.lower() not in ("on", "off", "default"):
        return "LDAPReferrals must be 'on', 'off', or 'default'"
    cmd.context.values["LDAPReferrals"] = arg.lower()
    return None


@handles("LDAPLibraryDebug")
def library_debug(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    cmd.server.values["LDAPLibraryDebug"] = atoi(arg)
    return None


@handles("LDAPReferralHopLimit")
def referral_hop_limit(cmd: Cmd, arg: str):
    v = atol(arg) & 0xFFFFFFFF        # stored in an int
    v = v - 2**32 if v >= 2**31 else v
    if v <= 0:
        return ("LDAPReferralHopLimit must be greater than zero (Use 'LDAPReferrals Off' to disable referral "
                "chasing)")
    cmd.context.values["LDAPReferralHopLimit"] = v
    _debug(cmd, 2738, f"AH01312: LDAP: Limit chased referrals to maximum of {v} hops.")
    return None


@handles("LDAPTimeout")
def op_timeout(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    v, end, _ = strtol(arg)
    if end == 0 or end != len(arg):
        return "Timeout not numerical"
    if v < 0:
        return "Timeout must be non-negative"
    cmd.server.values["LDAPTimeout"] = v
    _debug(cmd, 2791, f"AH01313: ldap connection: Setting op timeout to {v} seconds.")
    return None


@handles("LDAPConnectionPoolTTL")
def conn_ttl(cmd: Cmd, arg: str):
    t = -1
    if not arg.startswith("-"):
        t = timeout_parse(arg, "s")
        if t is None:
            return "LDAPConnectionPoolTTL has wrong format"
    cmd.server.values["LDAPConnectionPoolTTL"] = t if t >= 0 else -1
    return None


@handles("LDAPRetryDelay")
def retry_delay(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    t = timeout_parse(arg, "s")
    if t is None:
        return "LDAPRetryDelay has wrong format"
    cmd.server.values["LDAPRetryDelay"] = t
    return None


@handles("LDAPRetries")
def retries(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    v = atoi(arg)
    if v < 0:
        return "LDAPRetries must be >= 0"
    cmd.server.values["LDAPRetries"] = v
    return None
