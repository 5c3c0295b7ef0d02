"""Named providers that loaded modules register (ap_register_provider), for handlers that look
one up by name while the configuration is read: authn/authz providers, socache back-ends,
DAV repositories, proxy lbmethods.  Providers defined by directives (<AuthnProviderAlias>,
<AuthzProviderAlias>, AuthnzFcgiDefineProvider, LuaAuthzProvider) are added with `define`.
Registers no handlers.
"""
from __future__ import annotations

from ..config.walk import Cmd

STATIC = {
    "authn": {"anon": "authn_anon_module", "dbd": "authn_dbd_module", "dbm": "authn_dbm_module",
              "file": "authn_file_module", "socache": "authn_socache_module", "ldap": "authnz_ldap_module"},
    "authz": {"env": "authz_core_module", "all": "authz_core_module", "method": "authz_core_module",
              "expr": "authz_core_module", "dbd-group": "authz_dbd_module", "dbd-login": "authz_dbd_module",
              "dbd-logout": "authz_dbd_module", "dbm-group": "authz_dbm_module",
              "dbm-file-group": "authz_dbm_module", "group": "authz_groupfile_module",
              "file-group": "authz_groupfile_module", "ip": "authz_host_module", "host": "authz_host_module",
              "forward-dns": "authz_host_module", "local": "authz_host_module",
              "file-owner": "authz_owner_module", "user": "authz_user_module",
              "valid-user": "authz_user_module", "ldap-user": "authnz_ldap_module",
              "ldap-group": "authnz_ldap_module", "ldap-dn": "authnz_ldap_module",
              "ldap-attribute": "authnz_ldap_module", "ldap-filter": "authnz_ldap_module"},
    "socache": {"dbm": "socache_dbm_module", "dc": "socache_dc_module", "memcache": "socache_memcache_module",
                "redis": "socache_redis_module", "shmcb": "socache_shmcb_module",
                "default": "socache_shmcb_module"},
    "dav": {"filesystem": "dav_fs_module"},
    "dav-lock": {"generic": "dav_lock_module"},
    "lbmethod": {"byrequests": "lbmethod_byrequests_module", "bytraffic": "lbmethod_bytraffic_module",
                 "bybusyness": "lbmethod_bybusyness_module", "heartbeat": "lbmethod_heartbeat_module"},
    "watchdog": {"_default_": "watchdog_module", "_singleton_": "watchdog_module"},
}
# the version each group's providers register with (ap_register_provider): "0" but for these
VERSIONS = {"watchdog": "child"}


# authn providers that can serve Digest authentication (have get_realm_hash)
AUTHN_DIGEST = {"file", "dbm", "dbd", "socache"}


def is_loaded(cmd: Cmd, module: str) -> bool:
    return any(m.name == module for m in cmd.config.modules)


def lookup(cmd: Cmd, group: str, name: str) -> bool:
    """Whether a provider `name` of `group` exists now (names are case-sensitive)."""
    if name in cmd.config.values.get(f"providers:{group}", {}):
        return True
    module = STATIC.get(group, {}).get(name)
    return module is not None and is_loaded(cmd, module)


def authn_digest(cmd: Cmd, name: str) -> bool:
    """Whether the (existing) authn provider `name` supports Digest authentication."""
    defined = cmd.config.values.get("providers:authn", {})
    return defined[name] if name in defined else name in AUTHN_DIGEST


def define(cmd: Cmd, group: str, name: str, digest: bool = False) -> None:
    """Register a provider defined by a directive; `digest` tells whether an authn provider
    supports Digest authentication."""
    cmd.config.values.setdefault(f"providers:{group}", {})[name] = digest


def socache_create(name: str, arg: str | None, cmd: Cmd) -> str | None:
    """The provider's create() check of its argument (shmcb, dbm, memcache, redis)."""
    if name in ("shmcb", "default"):
        if not arg:
            return None
        path = cmd.reader.server_root_relative(arg)
        if "(" in path:
            if not path.endswith(")"):
                return "Invalid argument: no closing parenthesis or cache size missing after pathname with parenthesis"
            from .clib import strtol
            size_text = path[path.rindex("(") + 1:-1]
            size, end, _ = strtol(size_text)
            if end != len(size_text):
                return "Invalid argument: cache size not numerical"
            size %= 2**64   # apr_size_t
            if size < 8192:
                return "Invalid argument: size has to be >= 8192 bytes"
            if size >= 2**32 - 1:
                return "Invalid argument: size has to be < 4294967295 bytes on this platform"
        elif path.endswith(")"):
            return "Invalid argument: no opening parenthesis"
        return None
    if name in ("memcache", "redis") and not arg:
        return f"List of server names required to create {name} socache."
    return None


# output filters each module registers when loaded (ap_register_output_filter); core and
# http_core are always there.  Names compare case-insensitively.
OUTPUT_FILTERS = {
    "core_module": ["CONTENT_LENGTH", "CORE", "SUBREQ_CORE", "OLD_WRITE"],
    "http_module": ["HTTP_HEADER", "CHUNK", "HTTP_OUTERROR", "BYTERANGE"],
    "http2_module": ["H2_C2_NET_OUT", "H2_C2_NET_CATCH_H1", "H2_C2_RESPONSE_OUT", "H2_C2_TRAILERS_OUT"],
    "ssl_module": ["SSL/TLS Coalescing Filter", "SSL/TLS Filter"],
    "brotli_module": ["BROTLI_COMPRESS"], "buffer_module": ["BUFFER"],
    "cache_module": ["CACHE", "CACHE_SAVE", "CACHE_SAVE_SUBREQ", "CACHE_OUT", "CACHE_OUT_SUBREQ",
                     "CACHE_REMOVE_URL", "CACHE_INVALIDATE"],
    "data_module": ["DATA"], "deflate_module": ["DEFLATE", "INFLATE"], "dumpio_module": ["DUMPIO_OUT"],
    "expires_module": ["MOD_EXPIRES"], "headers_module": ["FIXUP_HEADERS_OUT", "FIXUP_HEADERS_ERR"],
    "include_module": ["INCLUDES"], "logio_module": ["LOGIO_TTFB_OUT"], "proxy_ftp_module": ["PROXY_SEND_DIR"],
    "proxy_html_module": ["proxy-html"], "ratelimit_module": ["RATE_LIMIT"], "reqtimeout_module": ["reqtimeout"],
    "sed_module": ["Sed"], "session_module": ["MOD_SESSION_OUT"], "substitute_module": ["SUBSTITUTE"],
    "xml2enc_module": ["xml2enc"], "case_filter_module": ["CaseFilter"], "bucketeer_module": ["BUCKETEER"],
    "charset_lite_module": ["XLATEOUT"],
}


def output_filter(cmd: Cmd, name: str) -> bool:
    """ap_get_output_filter_handle: whether an output filter of that name is registered."""
    n = name.lower()
    if n in cmd.config.values.get("output_filters", set()):
        return True
    for module, names in OUTPUT_FILTERS.items():
        if (module in ("core_module", "http_module") or is_loaded(cmd, module)) and n in (x.lower() for x in names):
            return True
    # filters apachepy implements or users register from Python (apachepy/filters/registry.py)
    from ..filters.registry import find_output_filter
    return find_output_filter(name, {m.name for m in cmd.config.modules}) is not None


def register_output_filter(cmd: Cmd, name: str) -> None:
    """An output filter registered by a directive (ExtFilterDefine, LuaOutputFilter)."""
    cmd.config.values.setdefault("output_filters", set()).add(name.lower())
