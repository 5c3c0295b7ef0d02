"""The directive catalog: every directive of every module shipped with stock httpd 2.4, as data.

One file per module (named after the module symbol minus ``_module``; ``http_core`` holds
http_module).  The facts (names, argument kinds, override bits, help strings) follow the
command tables of the Debian apache2 2.4.71 build; ``doc`` texts are our own.

ALL_MODULES lists the modules compiled into Debian's apache2 first, in ``apache2 -l`` order,
then all others sorted by short name.  BY_NAME is keyed by module symbol (``rewrite_module``),
BY_SOURCE by source file name (``mod_rewrite.c``, ``event.c``); ``<IfModule>`` accepts either.
"""
from __future__ import annotations

from apachepy.config.registry import Module
from apachepy.modules.catalog import (
    access_compat, actions, alias, allowmethods, asis, auth_basic, auth_digest, auth_form, authn_anon,
    authn_core, authn_dbd, authn_dbm, authn_file, authn_socache, authnz_fcgi, authnz_ldap, authz_core,
    authz_dbd, authz_dbm, authz_groupfile, authz_host, authz_owner, authz_user, autoindex, brotli,
    bucketeer, buffer, cache, cache_disk, cache_socache, case_filter, case_filter_in, cern_meta, cgi,
    cgid, charset_lite, core, data, dav, dav_fs, dav_lock, dbd, deflate, dialup, dir, dumpio, echo, env,
    example_hooks, example_ipc, expires, ext_filter, file_cache, filter, headers, heartbeat,
    heartmonitor, http2, http_core, ident, imagemap, include, info, isapi, lbmethod_bybusyness,
    lbmethod_byrequests, lbmethod_bytraffic, lbmethod_heartbeat, ldap, log_config, log_debug,
    log_forensic, logio, lua, macro, md, mime, mime_magic, mpm_event, mpm_mpmt_os2, mpm_netware,
    mpm_prefork, mpm_winnt, mpm_worker, negotiation, netware, nwssl, optional_fn_export,
    optional_fn_import, optional_hook_export, optional_hook_import, privileges, proxy, proxy_ajp,
    proxy_balancer, proxy_connect, proxy_express, proxy_fcgi, proxy_fdpass, proxy_ftp, proxy_hcheck,
    proxy_html, proxy_http, proxy_http2, proxy_scgi, proxy_uwsgi, proxy_wstunnel, ratelimit, reflector,
    remoteip, reqtimeout, request, rewrite, sed, session, session_cookie, session_crypto, session_dbd,
    setenvif, slotmem_plain, slotmem_shm, so, socache_dbm, socache_dc, socache_memcache, socache_redis,
    socache_shmcb, speling, ssl, status, substitute, suexec, systemd, unique_id, unixd, userdir,
    usertrack, version, vhost_alias, watchdog, win32, xml2enc,
)

ALL_MODULES: list[Module] = [
    core.MODULE, so.MODULE, watchdog.MODULE, http_core.MODULE, log_config.MODULE, logio.MODULE,
    version.MODULE, unixd.MODULE, access_compat.MODULE, actions.MODULE, alias.MODULE,
    allowmethods.MODULE, asis.MODULE, auth_basic.MODULE, auth_digest.MODULE, auth_form.MODULE,
    authn_anon.MODULE, authn_core.MODULE, authn_dbd.MODULE, authn_dbm.MODULE, authn_file.MODULE,
    authn_socache.MODULE, authnz_fcgi.MODULE, authnz_ldap.MODULE, authz_core.MODULE, authz_dbd.MODULE,
    authz_dbm.MODULE, authz_groupfile.MODULE, authz_host.MODULE, authz_owner.MODULE, authz_user.MODULE,
    autoindex.MODULE, brotli.MODULE, bucketeer.MODULE, buffer.MODULE, cache.MODULE, cache_disk.MODULE,
    cache_socache.MODULE, case_filter.MODULE, case_filter_in.MODULE, cern_meta.MODULE, cgi.MODULE,
    cgid.MODULE, charset_lite.MODULE, data.MODULE, dav.MODULE, dav_fs.MODULE, dav_lock.MODULE,
    dbd.MODULE, deflate.MODULE, dialup.MODULE, dir.MODULE, dumpio.MODULE, echo.MODULE, env.MODULE,
    example_hooks.MODULE, example_ipc.MODULE, expires.MODULE, ext_filter.MODULE, file_cache.MODULE,
    filter.MODULE, headers.MODULE, heartbeat.MODULE, heartmonitor.MODULE, http2.MODULE, ident.MODULE,
    imagemap.MODULE, include.MODULE, info.MODULE, isapi.MODULE, lbmethod_bybusyness.MODULE,
    lbmethod_byrequests.MODULE, lbmethod_bytraffic.MODULE, lbmethod_heartbeat.MODULE, ldap.MODULE,
    log_debug.MODULE, log_forensic.MODULE, lua.MODULE, macro.MODULE, md.MODULE, mime.MODULE,
    mime_magic.MODULE, mpm_event.MODULE, mpm_mpmt_os2.MODULE, mpm_netware.MODULE, mpm_prefork.MODULE,
    mpm_winnt.MODULE, mpm_worker.MODULE, negotiation.MODULE, netware.MODULE, nwssl.MODULE,
    optional_fn_export.MODULE, optional_fn_import.MODULE, optional_hook_export.MODULE,
    optional_hook_import.MODULE, privileges.MODULE, proxy.MODULE, proxy_ajp.MODULE,
    proxy_balancer.MODULE, proxy_connect.MODULE, proxy_express.MODULE, proxy_fcgi.MODULE,
    proxy_fdpass.MODULE, proxy_ftp.MODULE, proxy_hcheck.MODULE, proxy_html.MODULE, proxy_http.MODULE,
    proxy_http2.MODULE, proxy_scgi.MODULE, proxy_uwsgi.MODULE, proxy_wstunnel.MODULE, ratelimit.MODULE,
    reflector.MODULE, remoteip.MODULE, reqtimeout.MODULE, request.MODULE, rewrite.MODULE, sed.MODULE,
    session.MODULE, session_cookie.MODULE, session_crypto.MODULE, session_dbd.MODULE, setenvif.MODULE,
    slotmem_plain.MODULE, slotmem_shm.MODULE, socache_dbm.MODULE, socache_dc.MODULE,
    socache_memcache.MODULE, socache_redis.MODULE, socache_shmcb.MODULE, speling.MODULE, ssl.MODULE,
    status.MODULE, substitute.MODULE, suexec.MODULE, systemd.MODULE, unique_id.MODULE, userdir.MODULE,
    usertrack.MODULE, vhost_alias.MODULE, win32.MODULE, xml2enc.MODULE,
]

BY_NAME: dict[str, Module] = {m.name: m for m in ALL_MODULES}
BY_SOURCE: dict[str, Module] = {m.source: m for m in ALL_MODULES}
