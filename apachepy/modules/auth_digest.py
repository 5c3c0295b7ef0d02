"""mod_auth_digest: Digest authentication settings, checked as httpd does.

Stored per directory (context.values): "AuthDigestProvider" (names in order), "AuthDigestQop"
(list of "auth" entries), "AuthDigestNonceLifetime" (seconds), "AuthDigestNcCheck"
(bool), "AuthDigestAlgorithm" ("MD5"), "AuthDigestDomain" (URIs in order).
Process-wide (config.values): "AuthDigestShmemSize" (bytes).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .auth_basic import add_authn_provider
from .base import handles
from .clib import strtol
from .cmdlog import server_log

# sizeof(struct hash_table) and sizeof(client_entry) in Debian's 64-bit build
_LIST_SIZE, _ENTRY_SIZE, _HASH_DEPTH = 48, 32, 5


@handles("AuthDigestProvider")
def digest_provider(cmd: Cmd, name: str):
    return add_authn_provider(cmd, name, "Digest")


@handles("AuthDigestQop")
def qop(cmd: Cmd, op: str):
    # 2.4.71 keeps only "auth" (RFC 2069 "none" and "auth-int" are gone)
    if op.lower() != "auth":
        return "AuthDigestQop is deprecated: only 'auth' is supported"
    cmd.context.values.setdefault("AuthDigestQop", []).append(op)
    return None


@handles("AuthDigestNonceLifetime")
def nonce_lifetime(cmd: Cmd, t: str):
    lifetime, end, _ = strtol(t)
    if end < len(t) and t[end] not in " \t\n\v\f\r":
        return f"Invalid time in AuthDigestNonceLifetime: {t}"
    cmd.context.values["AuthDigestNonceLifetime"] = lifetime
    return None


@handles("AuthDigestNcCheck")
def nc_check(cmd: Cmd, flag: bool):
    cmd.context.values["AuthDigestNcCheck"] = flag
    return None


@handles("AuthDigestAlgorithm")
def algorithm(cmd: Cmd, alg: str):
    if alg.lower() != "md5":
        return f"Unsupported algorithm in AuthDigestAlgorithm: {alg}"
    cmd.context.values["AuthDigestAlgorithm"] = alg
    return None


@handles("AuthDigestDomain")
def domain(cmd: Cmd, uri: str):
    cmd.context.values.setdefault("AuthDigestDomain", []).append(uri)
    return None


@handles("AuthDigestShmemSize")
def shmem_size(cmd: Cmd, size_str: str):
    size, end, _ = strtol(size_str)
    rest = size_str[end:].lstrip(" \t\n\v\f\r")
    unit = rest[:1]
    if unit in ("", "b", "B"):
        pass
    elif unit in ("k", "K"):
        size *= 1024
    elif unit in ("m", "M"):
        size *= 1048576
    else:
        return f"Invalid size in AuthDigestShmemSize: {size_str}"
    size = (size + 2**63) % 2**64 - 2**63      # C long arithmetic wraps
    minimum = _LIST_SIZE + 8 + _ENTRY_SIZE
    if size < minimum:
        return f"size in AuthDigestShmemSize too small: {size} < {minimum}"
    buckets = (size - _LIST_SIZE) // (8 + _HASH_DEPTH * _ENTRY_SIZE) or 1
    cmd.config.values["AuthDigestShmemSize"] = size
    server_log(cmd, "auth_digest", "debug", f"AH01763: Set shmem-size: {size}, num-buckets: {buckets}",
               "mod_auth_digest.c(586)")
    return None
