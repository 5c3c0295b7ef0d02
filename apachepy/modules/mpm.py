"""Process and MPM directives (mpm_common, listen, unixd, event) and the event MPM's config check.

Numbers are read with C's atoi, as httpd does: trailing junk is ignored and non-numbers are 0;
out-of-range values are adjusted with httpd's warnings, in httpd's order (event_check_config).
"""
from __future__ import annotations

import grp
import os
import pwd
import re

from ..config.model import Listen
from ..config.walk import GLOBAL_ONLY, Cmd
from .base import handles, post_config, serves
from .core import parse_addr_port

MAX_SERVER_LIMIT = 20000
MAX_THREAD_LIMIT = 100000
DEFAULTS = {"ServerLimit": 16, "ThreadLimit": 64, "ThreadsPerChild": 25, "StartServers": 3,
            "MinSpareThreads": 75, "MaxSpareThreads": 250, "MaxConnectionsPerChild": 0,
            "ListenBacklog": 511, "SendBufferSize": 0, "ReceiveBufferSize": 0, "MaxMemFree": 2048,
            "ThreadStackSize": 0, "GracefulShutdownTimeout": 0, "AsyncRequestWorkerFactor": 2.0,
            "ListenTCPDeferAccept": 30}


def atoi(s: str) -> int:
    m = re.match(r"\s*([+-]?\d+)", s)
    return int(m.group(1)) if m else 0


def _global(cmd: Cmd) -> str | None:
    return cmd.check_context(GLOBAL_ONLY)


def _int_setter(name: str, alias_of: str | None = None, note: str | None = None):
    def handler(cmd: Cmd, arg: str):
        err = _global(cmd)
        if err:
            return err
        if note:
            cmd.reader.log.log("mpm_event", "info", note)
        cmd.config.mpm[alias_of or name] = atoi(arg)
        return None
    return handler


for _n in ("ServerLimit", "ThreadLimit", "ThreadsPerChild", "StartServers", "MinSpareThreads",
           "MaxSpareThreads", "MaxConnectionsPerChild", "MaxRequestWorkers", "GracefulShutdownTimeout",
           "MinSpareServers", "MaxSpareServers"):
    handles(_n)(_int_setter(_n))
handles("MaxClients")(_int_setter("MaxClients", "MaxRequestWorkers",
                                  "AH00521: MaxClients is deprecated, use MaxRequestWorkers instead."))
handles("MaxRequestsPerChild")(_int_setter("MaxRequestsPerChild", "MaxConnectionsPerChild",
                                           "AH00545: MaxRequestsPerChild is deprecated, use MaxConnectionsPerChild instead."))


@handles("AsyncRequestWorkerFactor")
def async_factor(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    m = re.fullmatch(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)", arg)
    if not m:
        return "error parsing value"
    val = float(m.group(1))
    if val <= 0:
        return "AsyncRequestWorkerFactor argument must be a positive number"
    # httpd stores the factor in 1/16 units, then uses only its integer part (C.4)
    cmd.config.mpm["AsyncRequestWorkerFactor"] = max(val, 1.0)
    return None


@handles("ListenBacklog")
def listen_backlog(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    n = atoi(arg)
    if n < 1:
        return "ListenBacklog must be > 0"
    cmd.config.mpm["ListenBacklog"] = n
    return None


@handles("ListenCoresBucketsRatio")
def listen_buckets(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    n = atoi(arg)
    if n < 1:
        return "ListenCoresBucketsRatio must be > 0"
    cmd.config.mpm["ListenCoresBucketsRatio"] = n
    return None


def _bufsize(name: str):
    def handler(cmd: Cmd, arg: str):
        err = _global(cmd)
        if err:
            return err
        n = atoi(arg)
        if n < 512 and n != 0:
            return f"{name} must be >= 512 bytes, or 0 for system default."
        cmd.config.mpm[name] = n
        return None
    return handler


handles("SendBufferSize")(_bufsize("SendBufferSize"))
handles("ReceiveBufferSize")(_bufsize("ReceiveBufferSize"))


def _strtol(arg: str) -> int:
    m = re.match(r"\s*([+-]?\d+)", arg)
    return int(m.group(1)) if m else 0


@handles("MaxMemFree")
def max_mem_free(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    n = _strtol(arg)
    if n < 0:
        return f"Invalid MaxMemFree value: {arg}"
    cmd.config.mpm["MaxMemFree"] = n
    return None


@handles("ThreadStackSize")
def thread_stack_size(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    n = _strtol(arg)
    if n < 0:
        return f"Invalid ThreadStackSize value: {arg}"
    cmd.config.mpm["ThreadStackSize"] = n
    return None


@handles("ListenTCPDeferAccept")
def defer_accept(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    cmd.config.mpm["ListenTCPDeferAccept"] = atoi(arg)
    return None


@handles("CoreDumpDirectory")
def core_dump_dir(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    path = cmd.reader.server_root_relative(arg)
    if not os.path.exists(path):
        return f"CoreDumpDirectory {path} does not exist"
    if not os.path.isdir(path):
        return f"CoreDumpDirectory {path} is not a directory"
    cmd.config.values["CoreDumpDirectory"] = path
    return None


@handles("PidFile")
def pid_file(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    cmd.config.values["PidFile"] = arg
    return None


@handles("ScoreBoardFile")
def scoreboard_file(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    cmd.config.values["ScoreBoardFile"] = arg
    return None


@handles("Listen")
def listen(cmd: Cmd, argv: list[str]):
    err = _global(cmd)
    if err:
        return err
    if len(argv) < 1 or len(argv) > 2:
        return "Listen requires 1 or 2 arguments."
    host, port, ok = parse_addr_port(argv[0])
    if not ok:
        return "Invalid address or port"
    if port is None:
        return "Port must be specified"
    if host == "*":
        host = None
    proto = argv[1].lower() if len(argv) == 2 else ("https" if port == 443 else "http")
    for other in cmd.config.listens:
        if other.host == host and other.port == port:
            return "Cannot define multiple Listeners on the same IP:port"
    cmd.config.listens.append(Listen(host, port, proto, argv[0], cmd.directive))
    return None


BIG_SECURITY_HOLE_TEXT = (
    "Error:\tApache has not been designed to serve pages while\n"
    "\trunning as root.  There are known race conditions that\n"
    "\twill allow any local user to read any file on the system.\n"
    "\tIf you still desire to serve pages as root then\n"
    "\tadd -DBIG_SECURITY_HOLE to the CFLAGS env variable\n"
    "\tand then rebuild the server.\n"
    "\tIt is strongly suggested that you instead modify the User\n"
    "\tdirective in your httpd.conf file to list a non-root\n"
    "\tuser.\n")


class BadIdentity(Exception):
    """httpd prints AH00543/AH00544 and exits 1 at once for an unknown user or group."""


@handles("User")
def user(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    if arg.startswith("#"):
        uid = atoi(arg[1:])
    else:
        try:
            uid = pwd.getpwnam(arg).pw_uid
        except KeyError:
            raise BadIdentity(f"AH00543: {cmd.reader.argv0}: bad user name {arg}")
    if uid == 0:
        return BIG_SECURITY_HOLE_TEXT
    cmd.config.values["User"] = (arg, uid)
    return None


@handles("Group")
def group(cmd: Cmd, arg: str):
    err = _global(cmd)
    if err:
        return err
    if arg.startswith("#"):
        gid = atoi(arg[1:])
    else:
        try:
            gid = grp.getgrnam(arg).gr_gid
        except KeyError:
            raise BadIdentity(f"AH00544: {cmd.reader.argv0}: bad group name {arg}")
    cmd.config.values["Group"] = (arg, gid)
    return None


# the startup message numbers of each threaded MPM's check, in check order
EVENT_CODES = dict(sl_max="00497", sl_min="00499", tl_max="00502", tl_min="00504", tpc_max="00507",
                   tpc_min="00509", mrw_min="00511", mrw_mult="00513", mrw_sl="00515", start="00517",
                   spare="00519")
WORKER_CODES = dict(sl_max="00300", sl_min="00302", tl_max="00305", tl_min="00307", tpc_max="00310",
                    tpc_min="00312", mrw_min="00314", mrw_mult="00316", mrw_sl="00318", start="00320",
                    spare="00322")


def threaded_check_config(config, log, codes: dict, max_thread_limit: int) -> None:
    """Adjust a threaded MPM's numbers as event/worker_check_config do, printing their warnings."""
    m = {**DEFAULTS, **{k: v for k, v in config.mpm.items()}}
    server_limit = m["ServerLimit"]
    if server_limit > MAX_SERVER_LIMIT:
        log.plain(f"AH{codes['sl_max']}: WARNING: ServerLimit of {server_limit} exceeds compile-time limit of "
                  f"{MAX_SERVER_LIMIT} servers, decreasing to {MAX_SERVER_LIMIT}.")
        server_limit = MAX_SERVER_LIMIT
    elif server_limit < 1:
        log.plain(f"AH{codes['sl_min']}: WARNING: ServerLimit of {server_limit} not allowed, increasing to 1.")
        server_limit = 1
    thread_limit = m["ThreadLimit"]
    if thread_limit > max_thread_limit:
        log.plain(f"AH{codes['tl_max']}: WARNING: ThreadLimit of {thread_limit} exceeds compile-time limit of "
                  f"{max_thread_limit} threads, decreasing to {max_thread_limit}.")
        thread_limit = max_thread_limit
    elif thread_limit < 1:
        log.plain(f"AH{codes['tl_min']}: WARNING: ThreadLimit of {thread_limit} not allowed, increasing to 1.")
        thread_limit = 1
    tpc = m["ThreadsPerChild"]
    if tpc > thread_limit:
        log.plain(f"AH{codes['tpc_max']}: WARNING: ThreadsPerChild of {tpc} exceeds ThreadLimit of {thread_limit} "
                  f"threads, decreasing to {thread_limit}. To increase, please see the ThreadLimit directive.")
        tpc = thread_limit
    elif tpc < 1:
        log.plain(f"AH{codes['tpc_min']}: WARNING: ThreadsPerChild of {tpc} not allowed, increasing to 1.")
        tpc = 1
    # the default MaxRequestWorkers comes from the *default* limits, 16 x 25
    max_workers = m.get("MaxRequestWorkers", DEFAULTS["ServerLimit"] * DEFAULTS["ThreadsPerChild"])
    if max_workers < tpc:
        log.plain(f"AH{codes['mrw_min']}: WARNING: MaxRequestWorkers of {max_workers} is less than ThreadsPerChild "
                  f"of {tpc}, increasing to {tpc}. MaxRequestWorkers must be at least as large as the number of "
                  "threads in a single server.")
        max_workers = tpc
    active = max_workers // tpc
    if max_workers % tpc:
        tmp = max_workers
        max_workers = active * tpc
        log.plain(f"AH{codes['mrw_mult']}: WARNING: MaxRequestWorkers of {tmp} is not an integer multiple of "
                  f"ThreadsPerChild of {tpc}, decreasing to nearest multiple {max_workers}, for a maximum of "
                  f"{active} servers.")
    if active > server_limit:
        log.plain(f"AH{codes['mrw_sl']}: WARNING: MaxRequestWorkers of {max_workers} would require {active} "
                  f"servers and would exceed ServerLimit of {server_limit}, decreasing to {server_limit * tpc}. "
                  "To increase, please see the ServerLimit directive.")
        active = server_limit
    start = m["StartServers"]
    if start < 1:
        log.plain(f"AH{codes['start']}: WARNING: StartServers of {start} not allowed, increasing to 1.")
        start = 1
    min_spare = m["MinSpareThreads"]
    if min_spare < 1:
        log.plain(f"AH{codes['spare']}: WARNING: MinSpareThreads of {min_spare} not allowed, increasing to 1 to "
                  "avoid almost certain server failure. Please read the documentation.")
        min_spare = 1
    # silently, at run start (one listener bucket)
    buckets = 1
    active = max(active, buckets)
    start = min(max(start, buckets), active)
    min_spare = max(min_spare, tpc * (buckets - 1) + buckets)
    max_spare = max(m["MaxSpareThreads"], min_spare + (tpc + 1) * buckets)
    config.mpm.update({
        "ServerLimit": server_limit, "ThreadLimit": thread_limit, "ThreadsPerChild": tpc,
        "MaxRequestWorkers": max_workers, "ActiveDaemonsLimit": active, "StartServers": start,
        "MinSpareThreads": min_spare, "MaxSpareThreads": max_spare,
        "MaxConnectionsPerChild": m["MaxConnectionsPerChild"],
        "AsyncRequestWorkerFactor": m["AsyncRequestWorkerFactor"],
        "ListenBacklog": m["ListenBacklog"], "SendBufferSize": m["SendBufferSize"],
        "ReceiveBufferSize": m["ReceiveBufferSize"], "MaxMemFree": m["MaxMemFree"],
        "ThreadStackSize": m["ThreadStackSize"], "GracefulShutdownTimeout": m["GracefulShutdownTimeout"],
        "ListenTCPDeferAccept": m["ListenTCPDeferAccept"],
    })


def event_check_config(config, log) -> None:
    threaded_check_config(config, log, EVENT_CODES, MAX_THREAD_LIMIT)


def prefork_check_config(config, log) -> None:
    """prefork_check_config: one process per connection, ServerLimit up to 200000."""
    mp = config.mpm
    server_limit = mp.get("ServerLimit", 256)
    if server_limit > 200000:
        log.plain(f"AH00175: WARNING: ServerLimit of {server_limit} exceeds compile-time limit of 200000 servers, "
                  "decreasing to 200000.")
        server_limit = 200000
    elif server_limit < 1:
        log.plain(f"AH00177: WARNING: ServerLimit of {server_limit} not allowed, increasing to 1.")
        server_limit = 1
    limit = mp.get("MaxRequestWorkers", 256)
    if limit > server_limit:
        log.plain(f"AH00180: WARNING: MaxRequestWorkers of {limit} exceeds ServerLimit value of {server_limit} "
                  f"servers, decreasing MaxRequestWorkers to {server_limit}. To increase, please see the "
                  "ServerLimit directive.")
        limit = server_limit
    elif limit < 1:
        log.plain(f"AH00182: WARNING: MaxRequestWorkers of {limit} not allowed, increasing to 1.")
        limit = 1
    start = mp.get("StartServers", 5)
    if start < 1:
        log.plain(f"AH00184: WARNING: StartServers of {start} not allowed, increasing to 1.")
        start = 1
    min_free = mp.get("MinSpareServers", 5)
    if min_free < 1:
        log.plain(f"AH00186: WARNING: MinSpareServers of {min_free} not allowed, increasing to 1 to avoid almost "
                  "certain server failure. Please read the documentation.")
        min_free = 1
    mp.update({"ServerLimit": server_limit, "MaxRequestWorkers": limit, "StartServers": start,
               "MinSpareServers": min_free})


@post_config
def mpm_check(config, log, reader) -> None:
    names = config.module_names()
    if "mpm_event_module" in names:
        event_check_config(config, log)
    elif "mpm_worker_module" in names:
        threaded_check_config(config, log, WORKER_CODES, 20000)
    elif "mpm_prefork_module" in names:
        prefork_check_config(config, log)


# served by the event MPM (apachepy/mpm); ListenCoresBucketsRatio is read but not used.
# RequestReadTimeout: its header and body stages (the listener reads heads, workers bodies).
serves("RequestReadTimeout", "AcceptFilter", "Listen", "ListenBacklog", "SendBufferSize", "ReceiveBufferSize",
       "ListenTCPDeferAccept", "StartServers", "ServerLimit", "ThreadLimit", "ThreadsPerChild",
       "MinSpareThreads", "MaxSpareThreads",
       "MaxRequestWorkers", "MaxClients", "AsyncRequestWorkerFactor", "GracefulShutdownTimeout",
       "MaxConnectionsPerChild", "MaxRequestsPerChild", "MinSpareServers", "MaxSpareServers",
       "User", "Group", "PidFile", "ScoreBoardFile", "CoreDumpDirectory", "MaxMemFree", "ThreadStackSize")
