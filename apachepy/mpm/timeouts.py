"""Timeouts the listener enforces, and the queues that hold connections until they expire.

Config: mod_reqtimeout's `RequestReadTimeout` for the request head (Timeout and KeepAliveTimeout
come from the HTTP layer's server records, see httpseam.py).  Queues: one FIFO per distinct
timeout value (event.c's timeout_queue), so the oldest entry is always the first to expire; and
a heap for request heads, whose deadlines move when mod_reqtimeout's MinRate extends them.
"""
from __future__ import annotations

import heapq
import itertools
from collections import OrderedDict
from dataclasses import dataclass

from ..modules.reqtimeout import DEFAULTS

LINGER_NORMAL = 30.0      # MAX_SECS_TO_LINGER
LINGER_SHORT = 2.0        # SECONDS_TO_LINGER


@dataclass(frozen=True)
class StageTimeout:
    """How long reading a request head (or body) may take.

    With mod_reqtimeout: `initial` seconds from the start of the stage, extended by one second
    per `min_rate` bytes received, up to `maximum`.  Without it (or with `header=0`/`body=0`):
    `Timeout` since the last byte received (`per_read`)."""
    initial: float
    maximum: float
    min_rate: float
    per_read: bool

    def deadline(self, start: float, last_read: float, received: int) -> float:
        if self.per_read:
            return last_read + self.initial
        if self.min_rate:
            return min(start + self.initial + received / self.min_rate, start + self.maximum)
        return start + self.initial


def stage_timeout(config, stage: str, timeout: float) -> StageTimeout:
    """A stage ("header" or "body") of the main server's RequestReadTimeout, with
    mod_reqtimeout's defaults (header=20-40,MinRate=500 body=20,MinRate=500) when it is
    loaded; else Timeout per read."""
    if "reqtimeout_module" not in config.module_names():
        return StageTimeout(timeout, timeout, 0, True)
    stages = config.main.values.get("RequestReadTimeout") or DEFAULTS
    initial, maximum, rate = stages.get(stage, DEFAULTS[stage])
    if not initial:
        return StageTimeout(timeout, timeout, 0, True)
    if not rate:
        return StageTimeout(float(initial), float(initial), 0, False)
    return StageTimeout(float(initial), float(maximum) if maximum else float("inf"), float(rate), False)


class TimeoutQueue:
    """Connections that share one timeout, oldest first (O(1) push, remove, expiry check)."""

    __slots__ = ("timeout", "items")

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.items: OrderedDict = OrderedDict()

    def __len__(self) -> int:
        return len(self.items)

    def push(self, conn, now: float) -> float:
        deadline = now + self.timeout
        self.items[conn] = deadline
        return deadline

    def remove(self, conn) -> None:
        self.items.pop(conn, None)

    def next_expiry(self) -> float | None:
        for deadline in self.items.values():
            return deadline
        return None

    def pop_expired(self, now: float) -> list:
        out = []
        items = self.items
        while items:
            conn, deadline = next(iter(items.items()))
            if deadline > now:
                break
            del items[conn]
            out.append(conn)
        return out

    def pop_all(self) -> list:
        out = list(self.items)
        self.items.clear()
        return out


class HeadQueue:
    """Connections reading a request head: a heap of (deadline, seq, conn), lazily cleaned.

    A connection's real deadline lives on the connection (`head_deadline`); an entry whose
    connection left the queue or got a later deadline is skipped or re-pushed when it surfaces."""

    def __init__(self):
        self.heap: list = []
        self.members: set = set()
        self.seq = itertools.count()

    def __len__(self) -> int:
        return len(self.members)

    def push(self, conn) -> None:
        self.members.add(conn)
        heapq.heappush(self.heap, (conn.head_deadline, next(self.seq), conn))

    def remove(self, conn) -> None:
        self.members.discard(conn)

    def _clean(self) -> None:
        heap = self.heap
        while heap:
            deadline, _s, conn = heap[0]
            if conn not in self.members:
                heapq.heappop(heap)
            elif conn.head_deadline > deadline:
                heapq.heapreplace(heap, (conn.head_deadline, next(self.seq), conn))
            else:
                return

    def next_expiry(self) -> float | None:
        self._clean()
        return self.heap[0][0] if self.heap else None

    def pop_expired(self, now: float) -> list:
        out = []
        while True:
            self._clean()
            if not self.heap or self.heap[0][0] > now:
                return out
            conn = heapq.heappop(self.heap)[2]
            self.members.discard(conn)
            out.append(conn)
