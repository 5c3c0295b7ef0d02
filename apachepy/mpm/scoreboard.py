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
             client, request, vhost, protocol
    board.process(slot) / board.worker(slot, thread)   one slot, same types

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

_MAGIC = b"APYSCB01"
# magic, server_limit, thread_limit, threads_per_child, generation, config generation, restart time
_GLOBAL = struct.Struct("<8siiiiid")
_PROC = struct.Struct("<iiBBxxIIIIII")      # pid, generation, quiescing, not_accepting, 6 counters
_WORKER_LAYOUT = (("status", "B"), ("_pad", "3x"), ("pid", "i"), ("tid", "i"), ("generation", "i"),
                  ("access_count", "Q"), ("bytes_served", "Q"), ("conn_count", "I"), ("conn_bytes", "Q"),
                  ("start_time", "d"), ("stop_time", "d"), ("last_used", "d"), ("duration_us", "Q"),
                  ("client", "64s"), ("request", "64s"), ("vhost", "32s"), ("protocol", "16s"))
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
        """The master reaped the child: free the slot, mark its workers dead."""
        _PROC.pack_into(self.mm, self._poff(slot), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        for t in range(self.thread_limit):
            self.set_status(slot, t, DEAD)

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
        for i in (12, 13, 14, 15):
            v[i] = _text(v[i])
        return WorkerScore(*v)

    def handle(self, slot: int, thread: int) -> "WorkerHandle":
        return WorkerHandle(self, self._woff(slot, thread))

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
    """One worker's slot, written by that worker thread only (no locking needed)."""

    __slots__ = ("mm", "off")

    def __init__(self, board: Scoreboard, off: int):
        self.mm = board.mm
        self.off = off

    def start(self, pid: int, generation: int) -> None:
        _WORKER.pack_into(self.mm, self.off, STARTING, pid, threading.get_native_id(), generation,
                          0, 0, 0, 0, 0.0, 0.0, 0.0, 0, b"", b"", b"", b"")

    def set(self, status: int) -> None:
        self.mm[self.off] = status

    def get(self) -> int:
        return self.mm[self.off]

    def begin(self, client: str) -> None:
        """A connection arrives on this worker: `client` is "ip" for mod_status."""
        struct.pack_into("<d", self.mm, self.off + _W["start_time"], time.time())
        struct.pack_into("64s", self.mm, self.off + _W["client"], client.encode("latin-1", "replace")[:63])

    def request(self, line: str, vhost: str, protocol: str = "HTTP/1.1") -> None:
        struct.pack_into("64s32s16s", self.mm, self.off + _W["request"], line.encode("latin-1", "replace")[:63],
                         vhost.encode("latin-1", "replace")[:31], protocol.encode("latin-1", "replace")[:15])

    def done(self, requests: int, nbytes: int, started: float) -> None:
        """Account finished requests: access counts, bytes, stop time, duration."""
        o = self.off
        acc, byts, cc, cb = struct.unpack_from("<QQIQ", self.mm, o + _W["access_count"])
        now = time.time()
        struct.pack_into("<QQIQ", self.mm, o + _W["access_count"], acc + requests, byts + nbytes,
                         cc + requests, cb + nbytes)
        dur = struct.unpack_from("<Q", self.mm, o + _W["duration_us"])[0]
        struct.pack_into("<ddQ", self.mm, o + _W["stop_time"], now, now, dur + int((now - started) * 1e6))
