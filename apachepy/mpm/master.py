"""The master (parent) process: children, signals, generations (event.c's event_run and friends).

Signals (handlers only set flags; the loop acts on them):
  SIGTERM/SIGINT stop: `$` on the pipe of death, then reclaim the children with SIGTERM at once
      and at 3, 5 and 7 s (AH00045), SIGKILL at 9 s (AH00046), give up at 10 s (AH00047); the
      pid file is removed and AH00491 logged.
  SIGHUP restart: AH00494, children reclaimed as for stop, the config re-read by this process,
      listeners kept, generation + 1, StartServers new children.
  SIGUSR1 graceful: AH00493, `!` to the children (they finish in-flight requests with
      Connection: close and exit), the config re-read, new children replace old ones 1:1.
  SIGWINCH graceful stop: listeners closed, `!` to the children, pid file removed, AH00492,
      then wait for them (at most GracefulShutdownTimeout seconds when not 0), then reclaim.
A config that fails on a restart is logged (httpd's startup text, unprefixed, as stderr goes to
the error log) and the master exits 1, leaving the pid file, as httpd does.

Once a second the master runs idle server maintenance (C.6): count idle worker slots of
current-generation children that accept connections; above MaxSpareThreads ask one child to
stop; below MinSpareThreads fork children, doubling the spawn rate up to 32 per second.
"""
from __future__ import annotations

import os
import select
import signal
import sys
import time
from dataclasses import dataclass, field

from ..config.load import load
from ..errors import FatalStartup, WalkError
from ..modules.mpm import Retained, bucket_adjust
from ..version import SERVER_BUILT
from . import pidfile
from . import scoreboard as sb
from .settings import event_settings
from .child import APEXIT_CHILDFATAL, APEXIT_CHILDSICK, child_main
from ..syslogger import BadFacility
from .errorlog import ErrorLog, StreamLog
from .httpseam import open_site, reap_other_child
from .sockets import NoListeners, bucket_count, close_duplicates, duplicate_listeners, open_listeners

MAX_SPAWN_RATE = 32
# ap_reclaim_child_processes: (seconds, action)
RECLAIM_SCHEDULE = ((0, "term_nolog"), (3, "term"), (5, "term"), (7, "term"), (9, "kill"), (10, "giveup"))


@dataclass(eq=False)
class Generation:
    """Everything children of one configuration generation inherit."""
    loaded: object
    errlog: ErrorLog
    board: sb.Scoreboard
    number: int
    listeners: list
    http: object                  # the HTTP layer module (apachepy.http.connection)
    site: object
    buckets: list = field(default_factory=list)   # listeners per bucket; [0] is `listeners`
    pods: list = field(default_factory=list)      # (read fd, write fd): a pipe of death per bucket
    extra: dict = field(default_factory=dict)

    def bucket_of(self, slot: int) -> int:
        return slot % max(1, len(self.buckets))


def server_description() -> str:
    from ..cli.dumps import server_version
    return server_version()


def log_started(gen: Generation, command_line: str) -> None:
    gen.errlog.log("mpm_event", "notice", f"AH00489: {server_description()} configured -- resuming normal operations")
    gen.errlog.log("mpm_event", "info", f"AH00490: Server built: {SERVER_BUILT}")
    gen.errlog.log("core", "notice", f"AH00094: Command line: '{command_line}'")


class Master:
    def __init__(self, gen: Generation, opts, pid_path: str, command_line: str):
        self.gen = gen
        self.opts = opts
        self.pid_path = pid_path
        self.command_line = command_line
        mpm = gen.loaded.config.mpm
        # ServerLimit and ThreadLimit are fixed for the master's life (the scoreboard's size)
        self.retained = Retained(mpm["ServerLimit"], mpm["ThreadLimit"])
        self.config_generation = 1
        self.shutdown_pending = self.restart_pending = False
        self.is_ungraceful = False
        self.was_graceful = False
        self.child_fatal = False
        self.pids: dict[int, int] = {}            # pid -> slot
        self.active_daemons = self.total_daemons = self.max_daemon_used = 0
        self.idle_spawn_rate = [1]                # per listener bucket
        self.hold_off = 0
        self.maxclients_reported = self.near_maxclients_reported = False
        self.sick_child_detected = False
        self.had_healthy_child = False
        self.wake_r, self.wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)

    # -- signals -------------------------------------------------------------------------
    def _install_signals(self) -> None:
        signal.set_wakeup_fd(self.wake_w)
        signal.signal(signal.SIGTERM, self._sig_term)
        signal.signal(signal.SIGINT, self._sig_term)
        signal.signal(signal.SIGWINCH, self._sig_term)
        signal.signal(signal.SIGHUP, self._sig_restart)
        signal.signal(signal.SIGUSR1, self._sig_restart)
        signal.signal(signal.SIGCHLD, lambda *_: None)      # wakes the loop through the wakeup fd
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)

    def _sig_term(self, signum, _frame) -> None:
        self.shutdown_pending = True
        self.is_ungraceful = signum != signal.SIGWINCH

    def _sig_restart(self, signum, _frame) -> None:
        if self.restart_pending:
            return
        self.restart_pending = True
        self.is_ungraceful = signum == signal.SIGHUP

    def _sleep(self, seconds: float) -> None:
        """Sleep, waking early for a signal."""
        try:
            if select.select([self.wake_r], [], [], max(0.0, seconds))[0]:
                os.read(self.wake_r, 4096)
        except InterruptedError:
            pass

    # -- the generations -----------------------------------------------------------------
    def run(self) -> int:
        self._install_signals()
        gen = self.gen
        pidfile.write(self.pid_path, gen.errlog, self.opts.argv0)
        if not self._open_buckets(gen, None):
            return 1
        gen.board.set_global(gen.loaded.config.mpm["ThreadsPerChild"], gen.number, self.config_generation, time.time())
        self._new_pod()
        remaining = self._start_count()
        self._startup_children(remaining)
        remaining = 0
        while True:
            log_started(self.gen, self.command_line)
            self._main_loop(remaining)
            if self.shutdown_pending and self.is_ungraceful:
                return self._stop()
            if self.shutdown_pending:
                return self._graceful_stop()
            remaining = self._restart()
            if remaining < 0:
                return 1

    def _start_count(self) -> int:
        mpm = self.gen.loaded.config.mpm
        return min(mpm["StartServers"], mpm["ActiveDaemonsLimit"])

    def _open_buckets(self, gen: Generation, keep: int | None) -> bool:
        """event_open_logs + the start of event_run: the listener buckets (`keep` after a
        graceful restart, which keeps their number), then the numbers that depend on them."""
        mpm = gen.loaded.config.mpm
        n = keep or bucket_count(mpm, lambda level, msg: gen.errlog.log("core", level, msg))

        def report(msg, err):
            gen.errlog.log("core", "crit", msg, err=err)
        try:
            gen.buckets = duplicate_listeners(gen.listeners, mpm, n, report)
        except NoListeners:
            gen.errlog.log("mpm_event", "crit", "could not duplicate listeners")
            return False
        bucket_adjust(mpm, n)
        rates = self.idle_spawn_rate          # new buckets start at the highest rate so far
        self.idle_spawn_rate = (rates + [max(rates)] * n)[:n]
        return True

    def _new_pod(self) -> None:
        # never block the master on a full pipe
        self.gen.pods = [os.pipe2(os.O_CLOEXEC | os.O_NONBLOCK) for _ in self.gen.buckets]

    def _pod_signal(self, gen: Generation, msg: bytes, count: int, bucket: int | None = None) -> None:
        """`count` messages on the pipe of death of `bucket`, or of every bucket."""
        for i, (_r, w) in enumerate(gen.pods):
            if bucket is not None and i != bucket:
                continue
            for _ in range(count):
                try:
                    os.write(w, msg)
                except OSError:
                    break

    def _close_pods(self, gen: Generation) -> None:
        for r, w in gen.pods:
            os.close(w)
            os.close(r)

    def _stop(self) -> int:
        mpm = self.gen.loaded.config.mpm
        self._pod_signal(self.gen, b"$", mpm["ActiveDaemonsLimit"])
        self._reclaim(terminate=True)
        if not self.child_fatal:
            pidfile.remove(self.pid_path, self.gen.errlog)
            self.gen.errlog.log("mpm_event", "notice", "AH00491: caught SIGTERM, shutting down")
        self.gen.board.close(unlink=True)
        return 1 if self.child_fatal else 0

    def _graceful_stop(self) -> int:
        gen = self.gen
        mpm = gen.loaded.config.mpm
        for ls in gen.listeners:
            ls.sock.close()
        close_duplicates(gen.buckets)
        self._pod_signal(gen, b"!", mpm["ActiveDaemonsLimit"])
        self._relieve()
        if not self.child_fatal:
            pidfile.remove(self.pid_path, gen.errlog)
            gen.errlog.log("mpm_event", "notice", "AH00492: caught SIGWINCH, shutting down gracefully")
        timeout = mpm["GracefulShutdownTimeout"]
        cutoff = time.monotonic() + timeout if timeout else None
        self.shutdown_pending = False
        while True:
            self._sleep(1.0)
            self._relieve()
            if self.shutdown_pending or not self.pids:
                break
            if cutoff is not None and time.monotonic() >= cutoff:
                break
        self._pod_signal(gen, b"$", mpm["ActiveDaemonsLimit"])
        self._reclaim(terminate=True)
        gen.board.close(unlink=True)
        return 0

    def _restart(self) -> int:
        """Restart: returns how many children to start 1:1 as old ones exit, or -1 to exit."""
        old = self.gen
        mpm = old.loaded.config.mpm
        graceful = not self.is_ungraceful
        self.was_graceful = graceful
        number = old.number + 1
        if graceful:
            old.errlog.log("mpm_event", "notice", "AH00493: SIGUSR1 received.  Doing graceful restart")
            self._pod_signal(old, b"!", mpm["ActiveDaemonsLimit"])
        else:
            old.errlog.log("mpm_event", "notice", "AH00494: SIGHUP received.  Attempting to restart")
            self._pod_signal(old, b"$", mpm["ActiveDaemonsLimit"])
            self._reclaim(terminate=True)
            old.board.clear(time.time())      # every child is gone: counts start over
        self._close_pods(old)
        close_duplicates(old.buckets)         # old children keep their own copies
        self.restart_pending = self.shutdown_pending = False
        gen = self._reload(old, number)
        if gen is None or not self._open_buckets(gen, len(old.buckets) if graceful else None):
            return -1
        self.gen = gen
        self.config_generation += 1
        self._new_pod()
        pidfile.write(self.pid_path, gen.errlog, self.opts.argv0)
        gen.board.set_global(gen.loaded.config.mpm["ThreadsPerChild"], number, self.config_generation,
                             None if graceful else time.time())
        self.maxclients_reported = self.near_maxclients_reported = False
        if graceful:
            self.hold_off = 10
            return self._start_count()
        self._startup_children(self._start_count())
        return 0

    def _reload(self, old: Generation, number: int) -> Generation | None:
        """Re-read the configuration as httpd's main loop does; None if it fails."""
        log = StreamLog(old.errlog, self.opts.log_level, self.retained)
        try:
            loaded = load(self.opts, log)
        except Exception as e:       # FatalStartup, WalkError, BadIdentity, or a bug
            report_load_error(e, old.errlog)
            return None
        config = loaded.config
        config.mpm = event_settings(config)
        try:
            errlog = ErrorLog.open(config, loaded.reader)
        except OSError as e:
            old.errlog.log("core", "emerg", f"AH00091: {self.opts.argv0}: could not open error log file "
                                            f"{e.filename}.", err=e)
            old.errlog.log("core", "emerg", "AH00019: Unable to open logs, exiting")
            return None
        except BadFacility as e:
            # httpd logs both without a server: to stderr, still the old log
            old.errlog.plain(e.message(self.opts.argv0))
            old.errlog.stderr_line("core", "emerg", "AH00019: Unable to open logs, exiting")
            return None
        errlog.take_stderr()
        try:
            errlog.check_vhosts(config, self.opts.argv0)
        except BadFacility as e:
            # stderr is the new main log now (/dev/null when that is syslog)
            errlog.plain(e.message(self.opts.argv0))
            errlog.stderr_line("core", "emerg", "AH00019: Unable to open logs, exiting")
            return None

        def report(msg, err):
            errlog.log("core", "crit" if err else "alert", msg, err=err)
        try:
            listeners = open_listeners(config.listens, config.mpm, old.listeners, report,
                                       config.values.get("AcceptFilter"))
        except NoListeners:
            errlog.log("core", "emerg", "AH00019: Unable to open logs, exiting")
            return None
        if errlog.fd != old.errlog.fd:
            old.errlog.close()
        try:
            http, site = open_site(loaded)
        except Exception as e:
            errlog.log("core", "emerg", f"AH00020: Configuration Failed, exiting ({e!r})")
            return None
        errlog.adopt(site)
        close = getattr(old.site, "close", None)     # the old children keep their own copies
        if close is not None:
            try:
                close()
            except Exception:
                pass
        return Generation(loaded, errlog, old.board, number, listeners, http, site)

    # -- children ------------------------------------------------------------------------
    def _make_child(self, slot: int) -> int:
        gen = self.gen
        if slot + 1 > self.max_daemon_used:
            self.max_daemon_used = slot + 1
        if gen.board.pid(slot) != 0:
            gen.errlog.log("mpm_event", "error", f"AH03455: BUG: Scoreboard slot {slot} should be empty but is "
                                                 f"in use by pid {gen.board.pid(slot)}")
            return -1
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        try:
            pid = os.fork()
        except OSError as e:
            gen.errlog.log("mpm_event", "error", "AH00481: fork: Unable to fork new process", err=e)
            self._sleep(10)
            return -1
        if pid == 0:
            bucket = gen.bucket_of(slot)
            try:
                signal.set_wakeup_fd(-1)
                os.close(self.wake_r)
                os.close(self.wake_w)
                for i, (r, w) in enumerate(gen.pods):
                    os.close(w)
                    if i != bucket:
                        os.close(r)
            except OSError:
                pass
            child_main(gen, slot, gen.pods[bucket][0])     # never returns
            os._exit(APEXIT_CHILDFATAL)
        gen.board.child_started(slot, pid, gen.number)
        self.pids[pid] = slot
        self.total_daemons += 1
        self.active_daemons += 1
        return 0

    def _startup_children(self, number: int) -> None:
        board = self.gen.board
        for slot in range(board.server_limit):
            if number <= 0:
                break
            if board.pid(slot) != 0:
                continue
            if self._make_child(slot) < 0:
                break
            number -= 1

    def _child_stopped(self, slot: int) -> None:
        board = self.gen.board
        ps = board.process(slot)
        if ps.quiescing != 2:
            self.active_daemons -= 1
        self.total_daemons -= 1
        board.child_stopped(slot)

    def _process_status(self, pid: int, status: int) -> int:
        """ap_process_child_status: log odd deaths; returns 0, CHILDSICK or CHILDFATAL."""
        errlog = self.gen.errlog
        if os.WIFEXITED(status):
            code = os.WEXITSTATUS(status)
            if code == APEXIT_CHILDSICK:
                return code
            if code == APEXIT_CHILDFATAL:
                errlog.log("mpm_event", "alert", f"AH00050: Child {pid} returned a Fatal error... Apache is exiting!")
                return code
            return 0
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig not in (signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGKILL):
                desc = signal.strsignal(sig) or f"signal {sig}"
                if os.WCOREDUMP(status):
                    where = self.gen.loaded.config.values.get("CoreDumpDirectory", self.gen.loaded.config.server_root)
                    errlog.log("core", "notice", f"AH00051: child pid {pid} exit signal {desc} ({sig}), "
                                                 f"possible coredump in {where}")
                else:
                    errlog.log("core", "notice", f"AH00052: child pid {pid} exit signal {desc} ({sig})")
        return 0

    def _reap(self):
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return 0, 0
        return pid, status

    def _main_loop(self, remaining: int) -> None:
        """server_main_loop: reap children, replace them, run maintenance once a second."""
        successive_kills = 0
        next_tick = time.monotonic() + 1.0
        while not (self.restart_pending or self.shutdown_pending):
            pid, status = self._reap()
            if pid:
                processed = self._process_status(pid, status)
                slot = self.pids.pop(pid, None)
                if processed == APEXIT_CHILDFATAL:
                    if slot is None or self.gen.board.process(slot).generation == self.gen.number:
                        self.shutdown_pending = self.is_ungraceful = True
                        self.child_fatal = True
                        if slot is not None:
                            self._child_stopped(slot)
                        return
                    self.gen.errlog.log("mpm_event", "warn", "AH00487: Ignoring fatal error in child of "
                                                             f"previous generation (pid {pid}).")
                    self.sick_child_detected = True
                elif processed == APEXIT_CHILDSICK:
                    self.sick_child_detected = True
                if slot is not None:
                    self._child_stopped(slot)
                    if processed == APEXIT_CHILDSICK:
                        self.idle_spawn_rate[self.gen.bucket_of(slot)] = 1
                    elif remaining:
                        self._make_child(slot)
                        remaining -= 1
                elif reap_other_child(pid, self.gen.errlog.plain):
                    pass                        # a piped log program, started again
                elif self.was_graceful:
                    self.gen.errlog.log("mpm_event", "warn", f"AH00488: long lost child came home! (pid {pid})")
                if slot is None or not os.WIFSIGNALED(status):
                    continue
                successive_kills += 1
                if successive_kills >= 3:
                    if successive_kills % 10 == 3:
                        self.gen.errlog.log("mpm_event", "warn", "AH10392: children are killed successively!")
                    continue
                remaining += 1
            else:
                now = time.monotonic()
                if now < next_tick:
                    self._sleep(next_tick - now)
                    continue
                next_tick = now + 1.0
                successive_kills = 0
            if remaining:
                self._startup_children(remaining)
                remaining = 0
                continue
            max_daemon_used = 0
            for bucket in range(len(self.gen.buckets)):
                max_daemon_used = self._maintenance(bucket, max_daemon_used)
            self.max_daemon_used = max_daemon_used

    def _maintenance(self, bucket: int, max_daemon_used: int) -> int:
        """perform_idle_server_maintenance for one listener bucket: the slots i with
        i % buckets == bucket, against the spare-thread numbers divided by the buckets.
        Returns the highest slot in use + 1 seen so far."""
        gen = self.gen
        board = gen.board
        mpm = gen.loaded.config.mpm
        tpc = mpm["ThreadsPerChild"]
        buckets = len(gen.buckets)
        rate = self.idle_spawn_rate[bucket]
        idle_threads = active_threads = 0
        free: list[int] = []
        last_non_dead = -1
        had_healthy = False
        for i in range(board.server_limit):
            if buckets > 1 and i % buckets != bucket:
                continue
            if i >= self.max_daemon_used and len(free) == rate:
                break
            ps = board.process(i)
            if ps.pid != 0:
                if ps.quiescing == 1:
                    board.set_quiescing(i, 2)
                    self.active_daemons -= 1
                    ps.quiescing = 2
                child_active = 0
                for j in range(tpc):
                    status = board.status(i, j)
                    if status <= sb.READY and not ps.quiescing and not ps.not_accepting \
                            and ps.generation == gen.number:
                        idle_threads += 1
                    if sb.READY <= status < sb.GRACEFUL:
                        child_active += 1
                active_threads += child_active
                if child_active == tpc:
                    had_healthy = True
                last_non_dead = i
            elif len(free) < rate:
                free.append(i)
        max_daemon_used = max(max_daemon_used, last_non_dead + 1)
        if self.sick_child_detected:
            if had_healthy:
                self.sick_child_detected = False
            elif bucket < buckets - 1:
                return max_daemon_used          # decided at the last bucket
            else:
                self.shutdown_pending = self.is_ungraceful = True
                self.child_fatal = True
                gen.errlog.log("mpm_event", "alert", "AH02324: A resource shortage or other unrecoverable failure "
                                                     "was encountered before any child process initialized "
                                                     "successfully... httpd is exiting!")
                return max_daemon_used
        errlog = gen.errlog
        if idle_threads > mpm["MaxSpareThreads"] // buckets:
            do_kill = (self.active_daemons == self.total_daemons
                       or board.server_limit - self.total_daemons > mpm["ActiveDaemonsLimit"])
            if do_kill:
                self._pod_signal(gen, b"!", 1, bucket)
            rate = 1
        elif idle_threads < mpm["MinSpareThreads"] // buckets:
            if active_threads >= mpm["MaxRequestWorkers"] // buckets:
                if idle_threads == 0:
                    if not self.maxclients_reported:
                        errlog.log("mpm_event", "error", "AH00484: server reached MaxRequestWorkers setting, "
                                                         "consider raising the MaxRequestWorkers setting")
                        self.maxclients_reported = True
                elif not self.near_maxclients_reported:
                    errlog.log("mpm_event", "error", "AH10159: server is within MinSpareThreads of MaxRequestWorkers, "
                                                     "consider raising the MaxRequestWorkers setting")
                    self.near_maxclients_reported = True
                rate = 1
            elif not free:
                errlog.log("mpm_event", "error", "AH03490: scoreboard is full, not at MaxRequestWorkers."
                                                 "Increase ServerLimit.")
                rate = 1
            else:
                n = min(len(free), rate)
                limit = mpm["ActiveDaemonsLimit"]
                if n + self.active_daemons > limit:
                    if self.active_daemons < limit:
                        n = limit - self.active_daemons
                    else:
                        rate = 1
                        self.hold_off += 1
                        n = 0
                if rate >= 8:
                    errlog.log("mpm_event", "info", "AH00486: server seems busy, (you may need to increase "
                                                    "StartServers, ThreadsPerChild or Min/MaxSpareThreads), "
                                                    f"spawning {n} children, there are around {idle_threads} "
                                                    f"idle threads, {self.active_daemons} active children, and "
                                                    f"{self.total_daemons} children that are shutting down")
                for slot in free[:n]:
                    if self._make_child(slot) == 0:
                        max_daemon_used = max(max_daemon_used, slot + 1)
                if self.hold_off:
                    self.hold_off -= 1
                elif rate < MAX_SPAWN_RATE // buckets:
                    rate *= 2
        else:
            rate = 1
        self.idle_spawn_rate[bucket] = rate
        return max_daemon_used

    def _relieve(self) -> None:
        """Reap whatever children have exited (ap_relieve_child_processes)."""
        while True:
            pid, status = self._reap()
            if not pid:
                return
            self._process_status(pid, status)
            slot = self.pids.pop(pid, None)
            if slot is not None:
                self._child_stopped(slot)

    def _reclaim(self, terminate: bool) -> None:
        """ap_reclaim_child_processes: signal children on httpd's schedule until they are gone."""
        errlog = self.gen.errlog
        start = time.monotonic()
        wait = 0.016
        schedule = list(RECLAIM_SCHEDULE if terminate else RECLAIM_SCHEDULE[1:])
        while self.pids:
            if schedule and schedule[0][0] > 0:
                time.sleep(wait)
                wait = min(wait * 4, 1.0)
            action = None
            if schedule and schedule[0][0] <= time.monotonic() - start:
                action = schedule.pop(0)[1]
            self._relieve()
            for pid in list(self.pids):
                if action in ("term", "term_nolog"):
                    if action == "term":
                        errlog.log("core", "warn", f"AH00045: child process {pid} still did not exit, "
                                                   "sending a SIGTERM")
                    self._kill(pid, signal.SIGTERM)
                elif action == "kill":
                    errlog.log("core", "error", f"AH00046: child process {pid} still did not exit, sending a SIGKILL")
                    self._kill(pid, signal.SIGKILL)
                elif action == "giveup":
                    errlog.log("core", "error", f"AH00047: could not make child process {pid} exit, "
                                                "attempting to continue anyway")
                    self._child_stopped(self.pids.pop(pid))
            if action == "giveup":
                return

    @staticmethod
    def _kill(pid: int, sig: int) -> None:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def report_load_error(e: Exception, errlog: ErrorLog) -> None:
    """A config that fails on a restart: httpd's startup text, written into the error log."""
    from ..modules.mpm import BadIdentity
    if isinstance(e, WalkError):
        if e.file is not None:
            errlog.plain(f"AH00526: Syntax error on line {e.line} of {e.file}:")
        errlog.plain(e.message)
    elif isinstance(e, (FatalStartup, BadIdentity)):
        errlog.plain(getattr(e, "message", str(e)))
    else:
        errlog.log("core", "emerg", f"configuration reload failed: {e!r}")
