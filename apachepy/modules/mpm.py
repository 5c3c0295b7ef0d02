"""Process and MPM directives (mpm_common, listen, unixd, event) and the event MPM's config check.

Numbers are read with C's atoi, as httpd does: trailing junk is ignored and non-numbers are 0;
out-of-range values are adjusted with httpd's warnings, in httpd's order (event_check_config).
"""
from __future__ import annotations

import grp
import os
import pwd
import re
from dataclasses import dataclass

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


# the startup message numbers of each threaded MPM's check, in check order; a restart logs the
# next number (AH00497 -> AH00498) in shorter words, except for the two "changing" messages
EVENT_CODES = dict(sl_max="00497", sl_min="00499", sl_change="00501", tl_max="00502", tl_min="00504",
                   tl_change="00506", tpc_max="00507", tpc_min="00509", mrw_min="00511", mrw_mult="00513",
                   mrw_sl="00515", start="00517", spare="00519")
WORKER_CODES = dict(sl_max="00300", sl_min="00302", sl_change="00304", tl_max="00305", tl_min="00307",
                    tl_change="00309", tpc_max="00310", tpc_min="00312", mrw_min="00314", mrw_mult="00316",
                    mrw_sl="00318", start="00320", spare="00322")
PREFORK_CODES = dict(sl_max="00175", sl_min="00177", sl_change="00179", mrw_max="00180", mrw_min="00182",
                     start="00184", spare="00186")


@dataclass
class Retained:
    """What the master keeps across configuration reloads for the MPM's check (httpd's
    retained data): the first ServerLimit and ThreadLimit, which a restart cannot change.
    A restart's load gets it as `log.retained` (apachepy/mpm/errorlog.py StreamLog); then the
    check's warnings are logged in their restart wording as [mpm_*:warn], not printed."""
    server_limit: int
    thread_limit: int


class _Warner:
    """A check's warnings: the startup text on stderr at the first load, the restart text in
    the error log (number + 1) on a restart."""

    def __init__(self, log, module: str):
        self.log = log
        self.module = module
        self.retained = getattr(log, "retained", None)

    def __call__(self, code: str, startup: str, restart: str) -> None:
        if self.retained is None:
            self.log.plain(f"AH{code}: WARNING: {startup}")
        else:
            self.log.log(self.module, "warn", f"AH{int(code) + 1:05d}: {restart}")

    def keep(self, code: str, name: str, value: int, first: int | None) -> int:
        """ServerLimit/ThreadLimit cannot change on a restart: the first value stays."""
        if first is None or value == first:
            return value
        self.log.log(self.module, "warn", f"AH{code}: changing {name} to {value} from original value of {first} "
                                          "not allowed during restart")
        return first


def threaded_check_config(config, log, codes: dict, max_thread_limit: int, module: str = "mpm_event") -> None:
    """Adjust a threaded MPM's numbers as event/worker_check_config do, with their warnings."""
    warn = _Warner(log, module)
    retained = warn.retained
    m = {**DEFAULTS, **{k: v for k, v in config.mpm.items()}}
    server_limit = m["ServerLimit"]
    if server_limit > MAX_SERVER_LIMIT:
        warn(codes["sl_max"], f"ServerLimit of {server_limit} exceeds compile-time limit of {MAX_SERVER_LIMIT} "
                              f"servers, decreasing to {MAX_SERVER_LIMIT}.",
             f"ServerLimit of {server_limit} exceeds compile-time limit of {MAX_SERVER_LIMIT}, decreasing to match")
        server_limit = MAX_SERVER_LIMIT
    elif server_limit < 1:
        warn(codes["sl_min"], f"ServerLimit of {server_limit} not allowed, increasing to 1.",
             f"ServerLimit of {server_limit} not allowed, increasing to 1")
        server_limit = 1
    server_limit = warn.keep(codes["sl_change"], "ServerLimit", server_limit, retained and retained.server_limit)
    thread_limit = m["ThreadLimit"]
    if thread_limit > max_thread_limit:
        warn(codes["tl_max"], f"ThreadLimit of {thread_limit} exceeds compile-time limit of {max_thread_limit} "
                              f"threads, decreasing to {max_thread_limit}.",
             f"ThreadLimit of {thread_limit} exceeds compile-time limit of {max_thread_limit}, decreasing to match")
        thread_limit = max_thread_limit
    elif thread_limit < 1:
        warn(codes["tl_min"], f"ThreadLimit of {thread_limit} not allowed, increasing to 1.",
             f"ThreadLimit of {thread_limit} not allowed, increasing to 1")
        thread_limit = 1
    thread_limit = warn.keep(codes["tl_change"], "ThreadLimit", thread_limit, retained and retained.thread_limit)
    tpc = m["ThreadsPerChild"]
    if tpc > thread_limit:
        warn(codes["tpc_max"], f"ThreadsPerChild of {tpc} exceeds ThreadLimit of {thread_limit} threads, "
                               f"decreasing to {thread_limit}. To increase, please see the ThreadLimit directive.",
             f"ThreadsPerChild of {tpc} exceeds ThreadLimit of {thread_limit}, decreasing to match")
        tpc = thread_limit
    elif tpc < 1:
        warn(codes["tpc_min"], f"ThreadsPerChild of {tpc} not allowed, increasing to 1.",
             f"ThreadsPerChild of {tpc} not allowed, increasing to 1")
        tpc = 1
    # the default MaxRequestWorkers comes from the *default* limits, 16 x 25
    max_workers = m.get("MaxRequestWorkers", DEFAULTS["ServerLimit"] * DEFAULTS["ThreadsPerChild"])
    if max_workers < tpc:
        warn(codes["mrw_min"], f"MaxRequestWorkers of {max_workers} is less than ThreadsPerChild of {tpc}, "
                               f"increasing to {tpc}. MaxRequestWorkers must be at least as large as the number "
                               "of threads in a single server.",
             f"MaxRequestWorkers of {max_workers} is less than ThreadsPerChild of {tpc}, increasing to match")
        max_workers = tpc
    active = max_workers // tpc
    if max_workers % tpc:
        tmp = max_workers
        max_workers = active * tpc
        warn(codes["mrw_mult"], f"MaxRequestWorkers of {tmp} is not an integer multiple of ThreadsPerChild of "
                                f"{tpc}, decreasing to nearest multiple {max_workers}, for a maximum of {active} "
                                "servers.",
             f"MaxRequestWorkers of {tmp} is not an integer multiple of ThreadsPerChild of {tpc}, decreasing to "
             f"nearest multiple {max_workers}")
    if active > server_limit:
        warn(codes["mrw_sl"], f"MaxRequestWorkers of {max_workers} would require {active} servers and would "
                              f"exceed ServerLimit of {server_limit}, decreasing to {server_limit * tpc}. "
                              "To increase, please see the ServerLimit directive.",
             f"MaxRequestWorkers of {max_workers} would require {active} servers and exceed ServerLimit of "
             f"{server_limit}, decreasing to {server_limit * tpc}")
        active = server_limit
    start = m["StartServers"]
    if start < 1:
        warn(codes["start"], f"StartServers of {start} not allowed, increasing to 1.",
             f"StartServers of {start} not allowed, increasing to 1")
        start = 1
    min_spare = m["MinSpareThreads"]
    if min_spare < 1:
        warn(codes["spare"], f"MinSpareThreads of {min_spare} not allowed, increasing to 1 to avoid almost certain "
                             "server failure. Please read the documentation.",
             f"MinSpareThreads of {min_spare} not allowed, increasing to 1")
        min_spare = 1
    config.mpm.update({
        "ServerLimit": server_limit, "ThreadLimit": thread_limit, "ThreadsPerChild": tpc,
        "MaxRequestWorkers": max_workers, "ActiveDaemonsLimit": active, "StartServers": start,
        "MinSpareThreads": min_spare, "MaxSpareThreads": m["MaxSpareThreads"],
        "MaxConnectionsPerChild": m["MaxConnectionsPerChild"],
        "AsyncRequestWorkerFactor": m["AsyncRequestWorkerFactor"],
        "ListenBacklog": m["ListenBacklog"], "SendBufferSize": m["SendBufferSize"],
        "ReceiveBufferSize": m["ReceiveBufferSize"], "MaxMemFree": m["MaxMemFree"],
        "ThreadStackSize": m["ThreadStackSize"], "GracefulShutdownTimeout": m["GracefulShutdownTimeout"],
        "ListenTCPDeferAccept": m["ListenTCPDeferAccept"],
    })
    bucket_adjust(config.mpm, 1)       # the MPM redoes it with its number of listener buckets


def bucket_adjust(mpm: dict, buckets: int) -> None:
    """What event_run adjusts silently once it knows the number of listener buckets: every
    bucket gets a child (and room for one more) and spare threads."""
    tpc = mpm["ThreadsPerChild"]
    active = mpm["ActiveDaemonsLimit"] = max(mpm["ActiveDaemonsLimit"], buckets)
    mpm["StartServers"] = min(max(mpm["StartServers"], buckets), active)
    min_spare = mpm["MinSpareThreads"] = max(mpm["MinSpareThreads"], tpc * (buckets - 1) + buckets)
    mpm["MaxSpareThreads"] = max(mpm["MaxSpareThreads"], min_spare + (tpc + 1) * buckets)


def event_check_config(config, log) -> None:
    threaded_check_config(config, log, EVENT_CODES, MAX_THREAD_LIMIT, "mpm_event")


def prefork_check_config(config, log) -> None:
    """prefork_check_config: one process per connection, ServerLimit up to 200000."""
    warn = _Warner(log, "mpm_prefork")
    codes = PREFORK_CODES
    mp = config.mpm
    server_limit = mp.get("ServerLimit", 256)
    if server_limit > 200000:
        warn(codes["sl_max"], f"ServerLimit of {server_limit} exceeds compile-time limit of 200000 servers, "
                              "decreasing to 200000.",
             f"ServerLimit of {server_limit} exceeds compile-time limit of 200000, decreasing to match")
        server_limit = 200000
    elif server_limit < 1:
        warn(codes["sl_min"], f"ServerLimit of {server_limit} not allowed, increasing to 1.",
             f"ServerLimit of {server_limit} not allowed, increasing to 1")
        server_limit = 1
    retained = warn.retained
    server_limit = warn.keep(codes["sl_change"], "ServerLimit", server_limit, retained and retained.server_limit)
    limit = mp.get("MaxRequestWorkers", 256)
    if limit > server_limit:
        warn(codes["mrw_max"], f"MaxRequestWorkers of {limit} exceeds ServerLimit value of {server_limit} servers, "
                               f"decreasing MaxRequestWorkers to {server_limit}. To increase, please see the "
                               "ServerLimit directive.",
             f"MaxRequestWorkers of {limit} exceeds ServerLimit value of {server_limit}, decreasing to match")
        limit = server_limit
    elif limit < 1:
        warn(codes["mrw_min"], f"MaxRequestWorkers of {limit} not allowed, increasing to 1.",
             f"MaxRequestWorkers of {limit} not allowed, increasing to 1")
        limit = 1
    start = mp.get("StartServers", 5)
    if start < 1:
        warn(codes["start"], f"StartServers of {start} not allowed, increasing to 1.",
             f"StartServers of {start} not allowed, increasing to 1")
        start = 1
    min_free = mp.get("MinSpareServers", 5)
    if min_free < 1:
        warn(codes["spare"], f"MinSpareServers of {min_free} not allowed, increasing to 1 to avoid almost "
                             "certain server failure. Please read the documentation.",
             f"MinSpareServers of {min_free} not allowed, increasing to 1")
        min_free = 1
    mp.update({"ServerLimit": server_limit, "MaxRequestWorkers": limit, "StartServers": start,
               "MinSpareServers": min_free})


@post_config
def mpm_check(config, log, reader) -> None:
    names = config.module_names()
    if "mpm_event_module" in names:
        event_check_config(config, log)
    elif "mpm_worker_module" in names:
        threaded_check_config(config, log, WORKER_CODES, 20000, "mpm_worker")
    elif "mpm_prefork_module" in names:
        prefork_check_config(config, log)


# served by the event MPM (apachepy/mpm).
# RequestReadTimeout: its header and body stages (the listener reads heads, workers bodies).
# ExtendedStatus and SeeRequestTail: what the workers record in the scoreboard (mpm/scoreboard.py).
serves("ExtendedStatus", "SeeRequestTail", "ListenCoresBucketsRatio", "RequestReadTimeout", "AcceptFilter", "Listen", "ListenBacklog", "SendBufferSize", "ReceiveBufferSize",
       "ListenTCPDeferAccept", "StartServers", "ServerLimit", "ThreadLimit", "ThreadsPerChild",
       "MinSpareThreads", "MaxSpareThreads",
       "MaxRequestWorkers", "MaxClients", "AsyncRequestWorkerFactor", "GracefulShutdownTimeout",
       "MaxConnectionsPerChild", "MaxRequestsPerChild", "MinSpareServers", "MaxSpareServers",
       "User", "Group", "PidFile", "ScoreBoardFile", "CoreDumpDirectory", "MaxMemFree", "ThreadStackSize")
