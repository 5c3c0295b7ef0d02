"""The scoreboard: shared memory the master and every child read and write (scoreboard.h).

Layout (little-endian, fixed for the life of the master because ServerLimit and ThreadLimit
cannot change on a restart): a global header, then ServerLimit process slots, then
ServerLimit x ThreadLimit worker slots.  The memory is an anonymous shared mmap created before
the first fork, or, when `ScoreBoardFile` is set, a file of that name (relative to ServerRoot)
mapped MAP_SHARED, so that other programs can read it; the master removes the file when it
stops.

Read API (what mod_status uses):

    scoreboard.current() -> Scoreboard | None   the board of this process (master, child, -X)
    Scoreboard.attach(path) -> Scoreboard      another process's ScoreBoardFile, read-only use
    board.snapshot() -> Snapshot
        .server_limit, .thread_limit, .threads_per_child
        .generation          MPM generation: restarts so far (ParentServerMPMGeneration)
        .config_generation   configuration loads so far (ParentServerConfigGeneration)
        .restart_time        epoch seconds of the last (re)start
        .processes           [ProcessScore] one per slot, index = slot number:
             pid (0 = empty slot), generation, quiescing, not_accepting,
             connections, wait_io, write_completion, keep_alive, lingering_close, suspended
        .workers             [[WorkerScore]] per slot, ThreadsPerChild entries each:
             status (one of STATUS letters), pid, tid, generation, access_count, bytes_served,
             conn_count, conn_bytes, start_time, stop_time, last_used, duration_us,
             client, request, vhost, protocol, my_access_count, my_bytes_served
             (access_count/bytes_served: the slot's whole life; my_*: its current process;
             conn_*: its current connection, as httpd's worker_score)
    board.process(slot) / board.worker(slot, thread)   one slot, same types

Write API (one worker thread writes its own slot through a WorkerHandle; the calls and what
they change are httpd's update_child_status / ap_time_process_request / ap_increment_counts):
    start(pid, generation)   S, the slot's pid/tid/generation (the lifetime totals are kept)
    ready(status)            `_` or `G` between connections: conn_count/conn_bytes reset
    reading(client, protocol)  R at the start of a connection's turn: request line and vhost cleared
    handling(line, vhost, conn_count)  W: the request read; its clock starts
    logging(line, vhost)     L: the request is being logged
    served(nbytes, timed)    after logging: access counts and bytes; the clock stops
The request/vhost/client and timing fields, and the counts, are only written with
ExtendedStatus on (`extended_status(config)`); status letters always are.

Status letters are mod_status's: `.` dead/open slot, `S` starting, `_` waiting for a
connection, `R` reading the request, `W` sending the reply, `K` keep-alive (transient in the
event MPM), `L` logging, `D` DNS lookup, `C` closing, `G` gracefully finishing, `I` idle
cleanup.  Process counters are refreshed by each child's listener about twice a second.
"""
from __future__ import annotations

import mmap
import os
import struct
import threading
import time
from dataclasses import dataclass

# SERVER_* values, in httpd's order (the master compares them: <= READY is idle)
DEAD, STARTING, READY, BUSY_READ, BUSY_WRITE, BUSY_KEEPALIVE, BUSY_LOG, BUSY_DNS, CLOSING, \
    GRACEFUL, IDLE_KILL = range(11)
STATUS = ".S_RWKLDCGI"

_MAGIC = b"APYSCB02"
# magic, server_limit, thread_limit, threads_per_child, generation, config generation, restart time
_GLOBAL = struct.Struct("<8siiiiid")
_PROC = struct.Struct("<iiBBxxIIIIII")      # pid, generation, quiescing, not_accepting, 6 counters
_WORKER_LAYOUT = (("status", "B"), ("_pad", "3x"), ("pid", "i"), ("tid", "i"), ("generation", "i"),
                  ("access_count", "Q"), ("bytes_served", "Q"), ("conn_count", "I"), ("conn_bytes", "Q"),
                  ("start_time", "d"), ("stop_time", "d"), ("last_used", "d"), ("duration_us", "Q"),
                  ("client", "64s"), ("request", "64s"), ("vhost", "32s"), ("protocol", "16s"),
                  ("my_access_count", "Q"), ("my_bytes_served", "Q"))
_WORKER = struct.Struct("<" + "".join(f for _n, f in _WORKER_LAYOUT))
_WORKER_FIELDS = tuple(n for n, _f in _WORKER_LAYOUT if n != "_pad")
# byte offset of each worker field inside its slot
_W = {n: struct.calcsize("<" + "".join(f for _n, f in _WORKER_LAYOUT[:i]))
      for i, (n, _f) in enumerate(_WORKER_LAYOUT)}
_PROC_FIELDS = ("pid", "generation", "quiescing", "not_accepting", "connections", "wait_io",
                "write_completion", "keep_alive", "lingering_close", "suspended")
_COUNTERS_OFF = 12        # offset of `connections` inside a process slot


@dataclass
class ProcessScore:
    pid: int
    generation: int
    quiescing: int
    not_accepting: int
    connections: int
    wait_io: int
    write_completion: int
    keep_alive: int
    lingering_close: int
    suspended: int


@dataclass
class WorkerScore:
    status: str
    pid: int
    tid: int
    generation: int
    access_count: int
    bytes_served: int
    conn_count: int
    conn_bytes: int
    start_time: float
    stop_time: float
    last_used: float
    duration_us: int
    client: str
    request: str
    vhost: str
    protocol: str
    my_access_count: int = 0
    my_bytes_served: int = 0


@dataclass
class Snapshot:
    server_limit: int
    thread_limit: int
    threads_per_child: int
    generation: int
    config_generation: int
    restart_time: float
    processes: list[ProcessScore]
    workers: list[list[WorkerScore]]


def _text(b: bytes) -> str:
    return b.split(b"\0", 1)[0].decode("latin-1")


_current: "Scoreboard | None" = None


def current() -> "Scoreboard | None":
    """The scoreboard this process serves with (inherited by children across fork)."""
    return _current


class Scoreboard:
    def __init__(self, server_limit: int, thread_limit: int, path: str | None = None):
        global _current
        self.server_limit = server_limit
        self.thread_limit = thread_limit
        self.path = path
        self.proc_base = _GLOBAL.size
        self.worker_base = self.proc_base + server_limit * _PROC.size
        size = self.worker_base + server_limit * thread_limit * _WORKER.size
        if path:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.ftruncate(fd, size)
                self.mm = mmap.mmap(fd, size, mmap.MAP_SHARED)
            finally:
                os.close(fd)
        else:
            self.mm = mmap.mmap(-1, size, mmap.MAP_SHARED)
        _GLOBAL.pack_into(self.mm, 0, _MAGIC, server_limit, thread_limit, 0, 0, 0, time.time())
        _current = self

    @classmethod
    def attach(cls, path: str) -> "Scoreboard":
        """Map an existing ScoreBoardFile (e.g. from a test or a monitoring tool)."""
        board = cls.__new__(cls)
        with open(path, "r+b") as f:
            board.mm = mmap.mmap(f.fileno(), 0, mmap.MAP_SHARED)
        magic, board.server_limit, board.thread_limit = _GLOBAL.unpack_from(board.mm, 0)[:3]
        if magic != _MAGIC:
            raise ValueError(f"{path} is not an apachepy scoreboard")
        board.path = None                 # never unlinked by a reader
        board.proc_base = _GLOBAL.size
        board.worker_base = board.proc_base + board.server_limit * _PROC.size
        return board

    # -- global --------------------------------------------------------------------------
    def set_global(self, threads_per_child: int, generation: int, config_generation: int,
                   restart_time: float | None = None) -> None:
        old = _GLOBAL.unpack_from(self.mm, 0)
        _GLOBAL.pack_into(self.mm, 0, _MAGIC, self.server_limit, self.thread_limit,
                          threads_per_child, generation, config_generation,
                          old[6] if restart_time is None else restart_time)

    # -- process slots -------------------------------------------------------------------
    def _poff(self, slot: int) -> int:
        return self.proc_base + slot * _PROC.size

    def process(self, slot: int) -> ProcessScore:
        return ProcessScore(*_PROC.unpack_from(self.mm, self._poff(slot)))

    def pid(self, slot: int) -> int:
        return struct.unpack_from("<i", self.mm, self._poff(slot))[0]

    def child_started(self, slot: int, pid: int, generation: int) -> None:
        _PROC.pack_into(self.mm, self._poff(slot), pid, generation, 0, 0, 0, 0, 0, 0, 0, 0)
        for t in range(self.thread_limit):
            self.set_status(slot, t, DEAD)

    def child_stopped(self, slot: int) -> None:
        """The master reaped the child: free the slot, mark its workers dead (which resets
        their per-process and per-connection counts; the slot's lifetime totals stay)."""
        _PROC.pack_into(self.mm, self._poff(slot), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        for t in range(self.thread_limit):
            self.handle(slot, t).dead()

    def clear(self, restart_time: float) -> None:
        """A non-graceful restart starts from a zeroed scoreboard (ap_create_scoreboard on a
        second pass); a graceful one keeps every count."""
        self.mm[self.proc_base:] = bytes(len(self.mm) - self.proc_base)
        self.set_global(0, 0, 0, restart_time)

    def set_quiescing(self, slot: int, value: int) -> None:
        self.mm[self._poff(slot) + 8] = value

    def set_not_accepting(self, slot: int, value: int) -> None:
        self.mm[self._poff(slot) + 9] = value

    def set_counters(self, slot: int, connections: int, wait_io: int, write_completion: int,
                     keep_alive: int, lingering_close: int, suspended: int) -> None:
        struct.pack_into("<IIIIII", self.mm, self._poff(slot) + _COUNTERS_OFF, connections, wait_io,
                         write_completion, keep_alive, lingering_close, suspended)

    # -- worker slots --------------------------------------------------------------------
    def _woff(self, slot: int, thread: int) -> int:
        return self.worker_base + (slot * self.thread_limit + thread) * _WORKER.size

    def set_status(self, slot: int, thread: int, status: int) -> None:
        self.mm[self._woff(slot, thread)] = status

    def status(self, slot: int, thread: int) -> int:
        return self.mm[self._woff(slot, thread)]

    def worker(self, slot: int, thread: int) -> WorkerScore:
        v = list(_WORKER.unpack_from(self.mm, self._woff(slot, thread)))
        v[0] = STATUS[v[0]] if v[0] < len(STATUS) else "?"
        for i in (12, 13, 14, 15):        # client, request, vhost, protocol
            v[i] = _text(v[i])
        return WorkerScore(*v)

    def handle(self, slot: int, thread: int, extended: bool = True, reqtail: bool = False) -> "WorkerHandle":
        return WorkerHandle(self, self._woff(slot, thread), extended, reqtail)

    # -- reading -------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        g = _GLOBAL.unpack_from(self.mm, 0)
        tpc = g[3] or self.thread_limit
        procs = [self.process(i) for i in range(self.server_limit)]
        workers = [[self.worker(i, t) for t in range(min(tpc, self.thread_limit))]
                   for i in range(self.server_limit)]
        return Snapshot(self.server_limit, self.thread_limit, tpc, g[4], g[5], g[6], procs, workers)

    def close(self, unlink: bool = False) -> None:
        if unlink and self.path:
            try:
                os.unlink(self.path)
            except OSError:
                pass


class WorkerHandle:
    """One worker's slot, written by that worker thread only (no locking needed).

    `extended` is ExtendedStatus: without it only the status letter is kept up to date, as
    httpd does; `reqtail` is SeeRequestTail (keep the last 63 characters of a long request
    line instead of the first)."""

    __slots__ = ("mm", "off", "extended", "reqtail")

    def __init__(self, board: Scoreboard, off: int, extended: bool = True, reqtail: bool = False):
        self.mm = board.mm
        self.off = off
        self.extended = extended
        self.reqtail = reqtail

    def start(self, pid: int, generation: int) -> None:
        struct.pack_into("<B3xiii", self.mm, self.off, STARTING, pid, threading.get_native_id(), generation)

    def set(self, status: int) -> None:
        self.mm[self.off] = status

    def get(self) -> int:
        return self.mm[self.off]

    def _put(self, name: str, fmt: str, *values) -> None:
        struct.pack_into(fmt, self.mm, self.off + _W[name], *values)

    def _text(self, name: str, size: int, text: str, tail: bool = False) -> None:
        b = text.encode("latin-1", "replace")
        b = b[-(size - 1):] if tail and len(b) >= size else b[:size - 1]
        self._put(name, f"{size}s", b)

    def ready(self, status: int = READY) -> None:
        """Waiting for a connection: `_` (the connection's counts start over), or `G` while
        the child stops (nothing else changes)."""
        self.mm[self.off] = status
        if status in (READY, DEAD):
            self._put("conn_count", "<IQ", 0, 0)
            self._put("last_used", "<d", time.time())

    def dead(self) -> None:
        """`.`: also the counts of the process that had the slot start over."""
        self.ready(DEAD)
        self._put("my_access_count", "<QQ", 0, 0)

    def reading(self, client: str, protocol: str = "http/1.1") -> None:
        """R: a worker starts on a connection (update_child_status from the connection)."""
        self.mm[self.off] = BUSY_READ
        if self.extended:
            self._text("client", 64, client)
            self._put("request", "64s32s16s", b"", b"", protocol.encode("latin-1", "replace")[:15])

    def handling(self, line: str, vhost: str, conn_count: int) -> None:
        """W: a request was read and its handler runs; `conn_count` is the connection's
        requests so far, this one included (ap_set_conn_count); its clock starts."""
        self.mm[self.off] = BUSY_WRITE
        if self.extended:
            self._text("request", 64, line, self.reqtail)
            self._text("vhost", 32, vhost)
            self._put("conn_count", "<I", conn_count)
            now = time.time()
            self._put("start_time", "<d", now)
            self._put("last_used", "<d", now)

    def logging(self, line: str, vhost: str) -> None:
        """L: the request is logged (its line is recorded even when it was refused unread)."""
        self.mm[self.off] = BUSY_LOG
        if self.extended:
            self._text("request", 64, line, self.reqtail)
            self._text("vhost", 32, vhost)

    def served(self, nbytes: int, timed: bool) -> None:
        """The request is logged: count it (ap_increment_counts); `timed` when handling()
        started its clock, which stops now (ap_time_process_request)."""
        if not self.extended:
            return
        o = self.off
        acc, byts, cc, cb = struct.unpack_from("<QQIQ", self.mm, o + _W["access_count"])
        struct.pack_into("<QQIQ", self.mm, o + _W["access_count"], acc + 1, byts + nbytes, cc + 1, cb + nbytes)
        my_acc, my_b = struct.unpack_from("<QQ", self.mm, o + _W["my_access_count"])
        self._put("my_access_count", "<QQ", my_acc + 1, my_b + nbytes)
        if timed:
            now = time.time()
            start = struct.unpack_from("<d", self.mm, o + _W["start_time"])[0]
            dur = struct.unpack_from("<Q", self.mm, o + _W["duration_us"])[0]
            self._put("stop_time", "<dd", now, now)
            self._put("duration_us", "<Q", dur + max(0, int((now - start) * 1e6)))


def _flag(config, name: str) -> bool | None:
    v = config.main.conf.values.get(name)
    if not v:
        return None
    last = v[-1]
    last = last[0] if isinstance(last, list) else last
    return last is True or str(last).lower() == "on"


def extended_status(config) -> bool:
    """ap_extended_status: the ExtendedStatus directive, else On exactly when mod_status is
    loaded (its pre_config turns it on; the MPM's default is Off)."""
    v = _flag(config, "ExtendedStatus")
    return ("status_module" in config.module_names()) if v is None else v


def request_tail(config) -> bool:
    """SeeRequestTail (default Off)."""
    return bool(_flag(config, "SeeRequestTail"))
