"""mod_auth_digest: HTTP Digest authentication (RFC 2617, MD5, qop=auth) as apache2 2.4.71 does it.

Stored per directory (context.values): "AuthDigestProvider" (names in order), "AuthDigestQop"
(list of "auth" entries), "AuthDigestNonceLifetime" (seconds), "AuthDigestNcCheck"
(bool), "AuthDigestAlgorithm" (as typed; the challenge always says MD5), "AuthDigestDomain" (URIs in order).
Process-wide (config.values): "AuthDigestShmemSize" (bytes).

2.4.71 keeps only MD5 and qop=auth: AuthDigestQop none/auth-int and MD5-sess are refused at
start, and a request without qop=auth (RFC 2069 style) is refused with AH10560.
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


# -- serving: check_authn, the challenge, Authentication-Info ---------------------------------
#
# The nonce is base64(8-byte little-endian request time in microseconds) followed by the hex
# SHA-1 of (secret, realm, that base64 text, opaque); the secret is made once per master
# process, so every child and every generation accepts the nonces of the others.
# Clients are numbered (the opaque value, hex) only when the configuration needs to follow
# them: AuthDigestNcCheck On, one-time nonces (AuthDigestNonceLifetime 0), or a client that
# sends an opaque; their table lives in shared memory made before the children fork.

import base64  # noqa: E402
import hashlib  # noqa: E402
import hmac  # noqa: E402
import mmap  # noqa: E402
import os  # noqa: E402
import struct  # noqa: E402
import threading  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from ..http.conf import compiles, field  # noqa: E402
from ..http.hooks import DECLINED, MIDDLE, OK, hook  # noqa: E402
from ..http.server import server_compiler  # noqa: E402
from .authn_core import auth_name, auth_type, escape_quotes  # noqa: E402
from .authn_results import AUTH_DENIED, AUTH_GENERAL_ERROR, AUTH_USER_FOUND, AUTH_USER_NOT_FOUND, \
    AUTHN_PROVIDERS  # noqa: E402

_SECRET = os.urandom(20)            # SECRET_LEN; made at import, in the master, before any fork
_NONCE_TIME_LEN, _NONCE_LEN = 12, 52
_NEXTNONCE_DELTA = 30_000_000       # µs: Authentication-Info carries a nextnonce this close to expiry
_NO_HEADER, _NOT_DIGEST, _INVALID, _VALID = range(4)


@dataclass(frozen=True)
class DigestConf:
    """The per-dir settings of one section (mod_auth_digest has no merger: the innermost
    section that used any of its directives supplies all of them)."""
    providers: tuple | None = None
    lifetime: int = 300_000_000      # µs; 0: one-time nonces; < 0: never expire
    check_nc: bool = False
    domain: str = ""                 # ', domain="uri uri"' or ""


_DEFAULT = DigestConf()
field("auth_digest", _DEFAULT)


@compiles("AuthDigestProvider", "AuthDigestQop", "AuthDigestNonceLifetime", "AuthDigestNcCheck",
          "AuthDigestAlgorithm", "AuthDigestDomain")
def _c_digest(conf, vals, ctx):
    v = ctx.values
    providers = v.get("AuthDigestProvider")
    domain = v.get("AuthDigestDomain")
    conf.auth_digest = DigestConf(
        tuple(providers) if providers else None,
        v.get("AuthDigestNonceLifetime", 300) * 1_000_000,
        v.get("AuthDigestNcCheck", False),
        f', domain="{" ".join(domain)}"' if domain else "")


# -- the client table (httpd's shared-memory client list) --------------------------------------

class ClientTable:
    """Clients by number: the last nonce time and nonce count each used.  Layout: a header
    (next client number, one-time-nonce counter, use counter) and fixed 32-byte slots
    (key, count, nonce time, last use); when full, the least recently used slot is reused."""

    _HEAD, _SLOT = struct.Struct("<QqQ"), struct.Struct("<QQqQ")

    def __init__(self, shmem_size: int):
        self.slots = max(1, (shmem_size - self._HEAD.size) // self._SLOT.size)
        self.mm = mmap.mmap(-1, self._HEAD.size + self.slots * self._SLOT.size, mmap.MAP_SHARED)
        self._HEAD.pack_into(self.mm, 0, 1, 0, 0)
        import multiprocessing
        self.plock = multiprocessing.Lock()     # between processes (made before the fork)
        self.tlock = threading.Lock()           # between the threads of one process

    def _locked(fn):
        def run(self, *a):
            with self.tlock, self.plock:
                return fn(self, *a)
        return run

    def _tick(self) -> int:
        nxt, otn, tick = self._HEAD.unpack_from(self.mm, 0)
        self._HEAD.pack_into(self.mm, 0, nxt, otn, tick + 1)
        return tick + 1

    def _find(self, key: int) -> int | None:
        for i in range(self.slots):
            if key and self._SLOT.unpack_from(self.mm, self._HEAD.size + i * self._SLOT.size)[0] == key:
                return i
        return None

    @_locked
    def get(self, key: int):
        """(count, nonce time) of client `key`, or None."""
        i = self._find(key)
        if i is None:
            return None
        off = self._HEAD.size + i * self._SLOT.size
        k, count, t, _ = self._SLOT.unpack_from(self.mm, off)
        self._SLOT.pack_into(self.mm, off, k, count, t, self._tick())
        return count, t

    @_locked
    def put(self, key: int, count: int, t: int) -> None:
        i = self._find(key)
        if i is not None:
            self._SLOT.pack_into(self.mm, self._HEAD.size + i * self._SLOT.size, key, count, t, self._tick())

    @_locked
    def add(self) -> int:
        """A new client: its number (apr_uint32_t, never 0)."""
        nxt, otn, tick = self._HEAD.unpack_from(self.mm, 0)
        self._HEAD.pack_into(self.mm, 0, (nxt + 1) & 0xFFFFFFFF or 1, otn, tick)
        uses = [self._SLOT.unpack_from(self.mm, self._HEAD.size + i * self._SLOT.size) for i in range(self.slots)]
        i = min(range(self.slots), key=lambda j: (uses[j][0] != 0, uses[j][3]))
        self._SLOT.pack_into(self.mm, self._HEAD.size + i * self._SLOT.size, nxt, 0, 0, self._tick())
        return nxt

    @_locked
    def next_otn(self) -> int:
        nxt, otn, tick = self._HEAD.unpack_from(self.mm, 0)
        self._HEAD.pack_into(self.mm, 0, nxt, otn + 1, tick)
        return otn + 1


_TABLE: list = []       # the process's one table: sized by the first configuration, kept across restarts


@server_compiler
def _make_table(s, main, site):
    if not _TABLE and "auth_digest_module" in site.loaded_modules:
        _TABLE.append(ClientTable(site.config.values.get("AuthDigestShmemSize", 1000)))


def _table():
    return _TABLE[0] if _TABLE else None


# -- the Authorization header ---------------------------------------------------------------------

class DigestRec:
    """The client's Authorization header (httpd's digest_header_rec) and what checking it found."""

    def __init__(self, r):
        self.status = _NO_HEADER
        self.scheme = self.username = self.realm = self.nonce = self.uri = self.response = None
        self.algorithm = self.cnonce = self.opaque = self.qop = self.nc = None
        self.opaque_num = 0
        self.nonce_time = 0
        self.ha1 = None
        self.needed_auth = False
        self.method = r.method
        self.raw_uri = r.unparsed_uri
        self.parsed_uri = r.parsed_uri


_KEYS = {"username": "username", "realm": "realm", "nonce": "nonce", "uri": "uri", "response": "response",
         "algorithm": "algorithm", "cnonce": "cnonce", "opaque": "opaque", "qop": "qop", "nc": "nc"}
_SPACE = " \t\n\v\f\r"


def _hex_strtol(text: str) -> tuple[int, int]:
    """strtol(text, &end, 16): (value, end offset; 0 without digits)."""
    i = 0
    while i < len(text) and text[i] in _SPACE:
        i += 1
    sign = 1
    if i < len(text) and text[i] in "+-":
        sign = -1 if text[i] == "-" else 1
        i += 1
    if text[i:i + 2].lower() == "0x" and i + 2 < len(text) and text[i + 2] in "0123456789abcdefABCDEF":
        i += 2
    start = i
    while i < len(text) and text[i] in "0123456789abcdefABCDEF":
        i += 1
    if i == start:
        return 0, 0
    v = sign * int(text[start:i], 16)
    return max(-2**63, min(2**63 - 1, v)), i


def parse_authorization(r, rec: DigestRec) -> None:
    """get_digest_rec: the scheme, then key=value or key="quoted value" pairs split by commas."""
    line = r.headers_in.get("Authorization")
    if line is None:
        return
    i = 0
    while i < len(line) and line[i] in _SPACE:
        i += 1
    j = i
    while j < len(line) and line[j] not in _SPACE:
        j += 1
    rec.scheme = line[i:j]
    while j < len(line) and line[j] in _SPACE:
        j += 1
    if rec.scheme.lower() != "digest":
        rec.status = _NOT_DIGEST
        return
    s, n, i = line[j:], len(line) - j, 0
    while i < n:
        while i < n and s[i] in _SPACE:
            i += 1
        k = i
        while i < n and s[i] not in "=," and s[i] not in _SPACE:
            i += 1
        key = s[k:i]
        while i < n and s[i] in _SPACE:
            i += 1
        value = []
        if i < n and s[i] == "=":
            i += 1
            while i < n and s[i] in _SPACE:
                i += 1
            if i < n and s[i] == '"':
                i += 1
                while i < n and s[i] != '"':
                    if s[i] == "\\" and i + 1 < n:
                        i += 1
                    value.append(s[i])
                    i += 1
                if i < n:
                    i += 1
            else:
                while i < n and s[i] != "," and s[i] not in _SPACE:
                    value.append(s[i])
                    i += 1
        while i < n and s[i] != ",":
            i += 1
        if i < n:
            i += 1
        attr = _KEYS.get(key.lower())
        if attr:
            setattr(rec, attr, "".join(value))
    nonce = rec.nonce
    # 2.4.71 also refuses here a nonce not shaped like its own and a response not 32 long
    if (not rec.username or rec.realm is None or not nonce or rec.uri is None or rec.response is None
            or len(rec.response) != 32 or (rec.qop is not None and (rec.cnonce is None or rec.nc is None))
            or len(nonce) != _NONCE_LEN or nonce[_NONCE_TIME_LEN - 1] != "="):
        rec.status = _INVALID
        return
    if rec.opaque is not None:
        rec.opaque_num = _hex_strtol(rec.opaque)[0] & 0xFFFFFFFF
    raw = base64_decode_binary(nonce[:_NONCE_TIME_LEN])
    rec.nonce_time = struct.unpack("<q", (raw + bytes(8))[:8])[0]
    rec.status = _VALID


def base64_decode_binary(text: str) -> bytes:
    from .auth_basic import base64_decode
    return base64_decode(text)


_NOTE = "auth_digest:rec"      # r.notes key of the initial request's DigestRec (request_config)


def _record(r) -> DigestRec:
    """The DigestRec of the request the client sent (subrequests and redirects share it)."""
    main = r
    while main.main is not None:
        main = main.main
    while main.prev is not None:
        main = main.prev
    rec = main.notes.get(_NOTE)
    if rec is None:
        rec = DigestRec(main)
        parse_authorization(main, rec)
        main.notes.set(_NOTE, rec)
    return rec


# -- nonces and the challenge ---------------------------------------------------------------

def _usec(t: float) -> int:
    return int(t * 1_000_000)


def _nonce_hash(realm: str, timestr: str, opaque: str | None) -> str:
    h = hashlib.sha1(_SECRET + realm.encode("latin-1") + timestr.encode("latin-1"))
    if opaque:
        h.update(opaque.encode("latin-1"))
    return h.hexdigest()


def _gen_nonce(r, conf: DigestConf, now: int, opaque: str | None) -> str:
    if conf.lifetime != 0:
        t = now
    else:
        table = _table()
        t = table.next_otn() if table is not None else 42
    timestr = base64.b64encode(struct.pack("<q", t)).decode("ascii")
    return timestr + _nonce_hash(auth_name(r), timestr, opaque)


def _debug(r, code_line: str, msg: str, client: bool = True) -> None:
    """A debug line with httpd's source location, as ap_log_rerror/ap_log_error write it."""
    from ..log import escape, timestamp
    log = r.server.log if r.server is not None else None
    if log is None or not log.enabled("auth_digest", "debug"):
        return
    cl = f"[client {r.client()}] " if client else ""
    log.target.write_line(f"[{timestamp()}] [auth_digest:debug] [pid {os.getpid()}:tid {threading.get_native_id()}] "
                          f"mod_auth_digest.c({code_line}): {cl}{escape(msg)}")


def _new_client(r) -> int | None:
    table = _table()
    if table is None:
        return None
    key = table.add()
    _debug(r, "912", f"AH01768: allocated new client {key}", client=False)
    return key


def note_digest_auth_failure(r, conf: DigestConf, rec: DigestRec, stale: bool) -> None:
    table = _table()
    key = None
    if rec.opaque is None:
        if conf.check_nc or conf.lifetime == 0:
            key = _new_client(r)
        opaque = "%x" % key if key else ""
    else:
        found = table.get(rec.opaque_num) if table is not None else None
        if found is not None:
            _debug(r, "709", f"AH01764: client {rec.opaque_num} found")
            key, opaque = rec.opaque_num, rec.opaque
        else:
            _debug(r, "713", f"AH01765: client {rec.opaque_num} not found")
            key = _new_client(r)
            opaque = "%x" % key if key else ""
            stale = stale or bool(key)
    nonce = _gen_nonce(r, conf, _usec(r.request_time), opaque)
    if key and conf.lifetime == 0:
        table.put(key, 0, rec_time(nonce))
    opaque_param = f', opaque="{opaque}"' if opaque else ""
    r.err_headers_out.merge("WWW-Authenticate",
                            f'Digest realm="{auth_name(r)}", nonce="{nonce}", algorithm=MD5'
                            f'{opaque_param}{conf.domain}{", stale=true" if stale else ""}, qop="auth"')


def rec_time(nonce: str) -> int:
    return struct.unpack("<q", base64_decode_binary(nonce[:_NONCE_TIME_LEN])[:8])[0]


@hook("note_auth_failure", "auth_digest_module", MIDDLE)
def hook_note_digest_auth_failure(r, kind: str):
    if kind.lower() != "digest":
        return DECLINED
    rec = _record(r)
    rec.needed_auth = True
    note_digest_auth_failure(r, r.per_dir_config.auth_digest, rec, False)
    return OK


# -- checking the response ------------------------------------------------------------------------

def _get_hash(r, user: str, realm: str, conf: DigestConf):
    """(status, hash) from the first provider that knows the user (default: "file")."""
    names = conf.providers
    if names is None:
        entry = AUTHN_PROVIDERS.get("file")
        if entry is None or entry[0] not in r.site.loaded_modules or entry[2] is None:
            r.log_error("auth_digest", "error", "AH01770: No Authn provider configured")
            return AUTH_GENERAL_ERROR, None
        names = ("file",)
    result = (AUTH_USER_NOT_FOUND, None)
    for name in names:
        entry = AUTHN_PROVIDERS.get(name)
        if entry is None or entry[0] not in r.site.loaded_modules or entry[2] is None:
            r.log_error("auth_digest", "error", f"apachepy: Authn provider {name} is not implemented")
            return AUTH_GENERAL_ERROR, None
        result = entry[2](r, user, realm)
        if result[0] != AUTH_USER_NOT_FOUND:
            break
    return result


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("latin-1")).hexdigest()


def _uri_matches(r, rec: DigestRec):
    """The uri attribute against the request-target; None when they match, else the status."""
    from ..http.request import default_port, get_server_name, get_server_port
    from ..http.uri import unescape_url
    from .clib import uri_parse
    src = rec.parsed_uri

    def unesc(v):
        return unescape_url(v, keep_unreserved=False)[0] if v else v  # ap_unescape_url
    r_host = unesc(src.hostname) if src.hostname else get_server_name(r)
    r_port = src.port if src.port_str else get_server_port(r)
    r_path = unesc(src.path)
    r_query = unesc(src.query)
    d = uri_parse(rec.uri)
    if d is None:
        r.log_error("auth_digest", "error", f"AH01783: invalid uri <{rec.uri}> in Authorization header")
        return 400
    d_host = unesc(d.hostname) if d.hostname else d.hostname
    d_path = unesc(d.path)
    d_query = unesc(d.query) if d.query else d.query
    if not d.query and r_query and r.subprocess_env.get("AuthDigestEnableQueryStringHack") is not None:
        r.log_error("auth_digest", "info", f"AH01784: applying AuthDigestEnableQueryStringHack to uri <{rec.raw_uri}>")
        d_query = r_query
    if r.method == "CONNECT":
        if not src.hostinfo or rec.uri != src.hostinfo:
            r.log_error("auth_digest", "error",
                        f"AH01785: uri mismatch - <{rec.uri}> does not match request-uri <{src.hostinfo}>")
            return 400
        return None
    if ((d_host and d_host.lower() != r_host.lower())
            or (d.port_str is not None and d.port != r_port)
            or (d_host and d.port_str is None and r_port != default_port(r))
            or (d_path != r_path and (not d_path or not r_path or d_path != r_path)
                and not (d_path and not r_path and src.hostname and d_path == "*"))
            or (d_query != r_query and (not d_query or not r_query or d_query != r_query))):
        r.log_error("auth_digest", "error",
                    f"AH01786: uri mismatch - <{rec.uri}> does not match request-uri <{rec.raw_uri}>")
        return 400
    return None


def _check_nc(r, rec: DigestRec, conf: DigestConf, client) -> bool:
    """With AuthDigestNcCheck: nc must grow for a nonce; a newer nonce starts over."""
    if not conf.check_nc or _table() is None:
        return True
    nc, end = _hex_strtol(rec.nc)
    if end < len(rec.nc) and rec.nc[end] not in _SPACE:
        r.log_error("auth_digest", "error", f"AH01773: invalid nc {rec.nc} received - not a number")
        return False
    count, t = client
    if rec.nonce_time < t or (rec.nonce_time == t and nc <= count):
        r.log_error("auth_digest", "error", "AH01774: Warning, possible replay attack: nonce-count check "
                    f"failed: {nc % 2**64} is not above {count} for nonce {rec.nonce}")
        return False
    _table().put(rec.opaque_num, nc % 2**64, rec.nonce_time)
    return True


def _check_nonce(r, rec: DigestRec, conf: DigestConf, client):
    expected = _nonce_hash(auth_name(r), rec.nonce[:_NONCE_TIME_LEN], rec.opaque)
    if expected != rec.nonce[_NONCE_TIME_LEN:]:
        r.log_error("auth_digest", "error", f"AH01776: invalid nonce {rec.nonce} received - hash is not {expected}")
        return False
    dt = _usec(r.request_time) - rec.nonce_time
    if conf.lifetime > 0 and dt < 0:
        r.log_error("auth_digest", "error", f"AH01777: invalid nonce {rec.nonce} received - user attempted time travel")
        return False
    if conf.lifetime > 0:
        if dt > conf.lifetime:
            r.log_error("auth_digest", "info", f"AH01778: user {r.user}: nonce expired ({dt // 1_000_000:.2f} seconds "
                        f"old - max lifetime {conf.lifetime // 1_000_000:.2f}) - sending new nonce")
            return False
    elif conf.lifetime == 0 and client is not None and client[1] != rec.nonce_time:
        r.log_error("auth_digest", "info",
                    f"AH01779: user {r.user}: one-time-nonce {rec.nonce} already used - sending new nonce")
        return False
    return True


@hook("check_user_id", "auth_digest_module", MIDDLE)
def authenticate_digest_user(r):
    kind = auth_type(r)
    if kind is None or kind.lower() != "digest":
        return DECLINED
    realm = auth_name(r)
    if realm is None:
        r.log_error("auth_digest", "error", f"AH01780: need AuthName: {r.uri}")
        return 500
    rec = _record(r)
    rec.needed_auth = True
    conf = r.per_dir_config.auth_digest

    def fail(stale: bool = False):
        note_digest_auth_failure(r, conf, rec, stale)
        return 401

    if rec.status != _VALID:
        if rec.status == _NOT_DIGEST:
            r.log_error("auth_digest", "error", f"AH01781: client used wrong authentication scheme `{rec.scheme}': {r.uri}")
        elif rec.status == _INVALID:
            r.log_error("auth_digest", "error", "AH01782: missing user, realm, nonce, uri, digest, cnonce, or "
                        f"nonce_count in authorization header: {r.uri}")
        return fail()
    r.user = rec.username
    r.ap_auth_type = "Digest"
    if rec.uri != rec.raw_uri:
        status = _uri_matches(r, rec)
        if status:
            return status
    if rec.opaque is not None and rec.opaque_num == 0:
        r.log_error("auth_digest", "error", f"AH01787: received invalid opaque - got `{rec.opaque}'")
        return fail()
    if rec.realm != realm:
        r.log_error("auth_digest", "error", f"AH01788: realm mismatch - got `{rec.realm}' but expected `{realm}'")
        return fail()
    if rec.algorithm is not None and rec.algorithm.lower() != "md5":
        r.log_error("auth_digest", "error", f"AH01789: unknown algorithm `{rec.algorithm}' received: {r.uri}")
        return fail()
    result, rec.ha1 = _get_hash(r, r.user, realm, conf)
    if result == AUTH_USER_NOT_FOUND:
        r.log_error("auth_digest", "error", f"AH01790: user `{r.user}' in realm `{realm}' not found: {r.uri}")
        return fail()
    if result == AUTH_DENIED:
        r.log_error("auth_digest", "error", f"AH01791: user `{r.user}' in realm `{realm}' denied by provider: {r.uri}")
        return fail()
    if result != AUTH_USER_FOUND:
        return 500
    if rec.qop is None or rec.qop.lower() != "auth":
        r.log_error("auth_digest", "error", f"AH10560: invalid or missing qop value '{rec.qop or '(null)'}', "
                    f"RFC 2069 is no longer supported: {r.uri}")
        return fail()
    expected = _md5(f"{rec.ha1}:{rec.nonce}:{rec.nc}:{rec.cnonce}:{rec.qop}:{_md5(f'{rec.method}:{rec.uri}')}")
    if not hmac.compare_digest(rec.response.encode("latin-1"), expected.encode("latin-1")):
        r.log_error("auth_digest", "error", f"AH01794: user {r.user}: password mismatch: {r.uri}")
        return fail()
    table = _table()
    client = table.get(rec.opaque_num) if table is not None and rec.opaque is not None else None
    if (conf.check_nc or conf.lifetime == 0) and table is not None and client is None:
        r.log_error("auth_digest", "info", f"AH10618: client {rec.opaque_num} is no longer known - sending new nonce")
        return fail(True)
    if not _check_nc(r, rec, conf, client):
        return fail()
    if not _check_nonce(r, rec, conf, client):
        return fail(True)
    return OK


@hook("fixups", "auth_digest_module", MIDDLE)
def add_auth_info(r):
    """Authentication-Info: rspauth (and a nextnonce when the nonce is about to expire)."""
    if r.main is not None or r.prev is not None:
        return OK
    rec = r.notes.get(_NOTE)
    if rec is None or not rec.needed_auth or rec.ha1 is None:
        return OK
    conf = r.per_dir_config.auth_digest
    nextnonce = ""
    now = _usec(r.request_time)
    if conf.lifetime > 0:
        if now - rec.nonce_time > conf.lifetime - _NEXTNONCE_DELTA:
            nextnonce = f', nextnonce="{_gen_nonce(r, conf, now, rec.opaque)}"'
    elif conf.lifetime == 0 and rec.opaque is not None and _table() is not None \
            and _table().get(rec.opaque_num) is not None:
        nonce = _gen_nonce(r, conf, 0, rec.opaque)
        nextnonce = f', nextnonce="{nonce}"'
        _table().put(rec.opaque_num, 0, rec_time(nonce))
    rspauth = _md5(f"{rec.ha1}:{rec.nonce}:{rec.nc}:{rec.cnonce}:{rec.qop}:{_md5(':' + rec.uri)}")
    r.headers_out.merge("Authentication-Info", f'rspauth="{rspauth}"{nextnonce}, cnonce="{escape_quotes(rec.cnonce)}"'
                        f", nc={rec.nc}, qop={rec.qop}")
    return OK


from .base import serves  # noqa: E402

serves("AuthDigestProvider", "AuthDigestQop", "AuthDigestNonceLifetime", "AuthDigestNcCheck", "AuthDigestAlgorithm",
       "AuthDigestDomain", "AuthDigestShmemSize")
