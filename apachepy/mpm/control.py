"""Starting the server and `-k`: what main() and mpm_unix.c do after the config is checked.

`run(loaded, opts, k_action, log)` returns the process exit code:
  * `-k` (and a plain start) first read the PidFile (ap_signal_server).  Messages go to stdout
    and say `httpd`, whatever argv0 is; a corrupt pid file is AH00058/AH00059 on stderr, exit 1.
    start: "already running" exits 0; stop / graceful-stop: SIGTERM / SIGWINCH, or the status
    line when not running, exit 0; restart / graceful: SIGHUP / SIGUSR1, or "httpd not running,
    trying to start" and start.  A broken config never gets here (the CLI exits 1 first).
  * Starting: bind the listeners and open the error log (failures on stderr, exit 1), detach
    unless -DFOREGROUND, -DNO_DETACH (no fork, but a new session) or -X, point stderr at the
    error log, write the pid file, create the scoreboard, then run the master (children) or,
    with -X / -DONE_PROCESS, a single process that serves with its own listener and workers.
"""
from __future__ import annotations

import dataclasses
import os
import select
import signal
import sys

from . import pidfile
from .child import Child, finish
from ..syslogger import BadFacility
from .errorlog import ErrorLog, status_prefix
from .httpseam import open_site
from .master import Generation, Master
from .procsetup import ChildFatal, core_dump_dir, drop_privileges, raise_fd_limit
from .scoreboard import Scoreboard
from .settings import event_settings
from .sockets import NoListeners, open_listeners


def command_line(argv0: str) -> str:
    """AH00094's text: argv with -k and its argument removed (ap_mpm_rewrite_args)."""
    args = sys.argv[1:]
    out = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-k":
            i += 2
            continue
        if a.startswith("-k") and len(a) > 2:
            i += 1
            continue
        out.append(a)
        i += 1
    return " ".join([argv0] + out)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def signal_server(config, reader, k_action: str | None, log) -> int | None:
    """ap_signal_server: an exit code when the action is done, None to go on starting."""
    conf_name = pidfile.configured(config)
    path = reader.server_root_relative(conf_name)
    running = False
    try:
        other = pidfile.read(path)
    except FileNotFoundError:
        status = "httpd (no pid file) not running"
    except pidfile.Corrupt:
        log.plain("(20014)Internal error (specific information not available): "
                  f"AH00058: Error retrieving pid file {conf_name}")
        log.plain("AH00059: Remove it before continuing if it is corrupted.")
        return 1
    except OSError as e:
        log.plain(f"{status_prefix(e)}AH00058: Error retrieving pid file {conf_name}")
        log.plain("AH00059: Remove it before continuing if it is corrupted.")
        return 1
    else:
        if other != os.getpid() and _alive(other):
            running = True
            status = f"httpd (pid {other}) already running"
        else:
            status = f"httpd (pid {other}?) not running"

    def say(text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def send(sig: int) -> int:
        try:
            os.kill(other, sig)
            return 0
        except OSError as e:
            log.plain(f"{status_prefix(e)}AH00057: sending signal to server")
            return 1

    action = k_action or "start"
    if action == "start":
        if running:
            say(status)
            return 0
        return None
    if action in ("stop", "graceful-stop"):
        if not running:
            say(status)
            return 0
        rc = send(signal.SIGTERM if action == "stop" else signal.SIGWINCH)
        return 0 if action == "stop" else rc
    # restart / graceful
    if running:
        return send(signal.SIGHUP if action == "restart" else signal.SIGUSR1)
    say("httpd not running, trying to start")
    return None


def detach(daemonize: bool) -> bool:
    """apr_proc_detach: True in the process that must go on (the daemon)."""
    os.chdir("/")
    if daemonize:
        sys.stdout.flush()
        sys.stderr.flush()
        if os.fork() > 0:
            return False
    try:
        os.setsid()
    except OSError:
        pass
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    return True


def run(loaded, opts, k_action, log) -> int:
    config, reader = loaded.config, loaded.reader
    rc = signal_server(config, reader, k_action, log)
    if rc is not None:
        return rc
    config.mpm = event_settings(config)
    # restarts re-read the config after the daemon has changed directory to /
    opts = dataclasses.replace(opts, server_root=os.path.abspath(opts.server_root))
    defines = config.defines
    one_process = "DEBUG" in defines or "ONE_PROCESS" in defines
    foreground = one_process or "FOREGROUND" in defines

    # ap_open_logs runs before the MPM's listeners (its hook is REALLY_FIRST)
    try:
        errlog = ErrorLog.open(config, reader)
    except OSError as e:
        log.plain(f"{status_prefix(e)}AH00091: {opts.argv0}: could not open error log file {e.filename}.")
        log.plain("AH00015: Unable to open logs")
        return 1
    except BadFacility as e:
        log.plain(e.message(opts.argv0))
        log.plain("AH00015: Unable to open logs")
        return 1
    try:
        errlog.check_vhosts(config, opts.argv0)
    except BadFacility as e:
        # httpd's stderr is the main error log by now (/dev/null when that is syslog)
        errlog.plain(e.message(opts.argv0))
        errlog.plain("AH00015: Unable to open logs")
        errlog.close()
        return 1
    try:
        listeners = open_listeners(config.listens, config.mpm, [],
                                   lambda msg, err: log.plain(status_prefix(err) + msg),
                                   config.values.get("AcceptFilter"))
    except NoListeners:
        log.plain("AH00015: Unable to open logs")
        return 1
    try:
        http, site = open_site(loaded)
    except Exception as e:
        log.plain(f"AH00016: Configuration Failed ({e!r})")
        return 1
    errlog.adopt(site)

    if not foreground and not detach(daemonize="NO_DETACH" not in defines):
        return 0
    if not foreground:
        from ..http.pipedlog import adopt
        adopt()                 # the daemon must be the parent of its piped loggers
    errlog.take_stderr()
    mpm = config.mpm
    board_file = config.values.get("ScoreBoardFile")
    board = Scoreboard(mpm["ServerLimit"], mpm["ThreadLimit"],
                       reader.server_root_relative(board_file) if board_file else None)
    gen = Generation(loaded, errlog, board, 0, listeners, http, site)
    pid_path = reader.server_root_relative(pidfile.configured(config))
    if one_process:
        return run_one_process(gen, pid_path, opts)
    try:
        return Master(gen, opts, pid_path, command_line(opts.argv0)).run()
    except OSError:
        return 1


def run_one_process(gen: Generation, pid_path: str, opts) -> int:
    """-X: the child's threads in this process; TERM, INT or WINCH end it (the pid file stays,
    and no AH00489 is logged, as with httpd -X)."""
    try:
        pidfile.write(pid_path, gen.errlog, opts.argv0)
    except OSError:
        return 1
    wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(wake_w)
    stop = []
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGWINCH):
        signal.signal(s, lambda signum, _f: stop.append(signum))
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    core_dump_dir(gen.loaded.config)
    try:
        drop_privileges(gen.loaded.config, gen.errlog)
    except ChildFatal:
        return 1
    raise_fd_limit()
    gen.board.set_global(gen.loaded.config.mpm["ThreadsPerChild"], 0, 1)
    gen.board.child_started(0, os.getpid(), 0)
    child = Child(gen, 0)
    child.start()
    while not stop:
        try:
            ready = select.select([wake_r, child.done_r], [], [])[0]
        except InterruptedError:
            continue
        if child.done_r in ready:
            break
        try:
            os.read(wake_r, 4096)
        except BlockingIOError:
            pass
    finish(gen)
    os._exit(0)
