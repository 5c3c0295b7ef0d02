"""The child's listener thread (event.c's listener_thread), on one epoll set.

It owns the listening sockets and every connection that is not on a worker: new connections
until their request head is complete, idle keep-alive connections, write completion and
lingering close.  Unlike httpd 2.4, a new connection is read here, not on a worker, so a slow
or silent client never holds a worker (slowloris); it is dropped without a response when
RequestReadTimeout (or Timeout) runs out.

Connection states are named after httpd's CONN_STATE_*; each connection belongs to one thread at
a time (the listener, or the worker processing it), and a worker gives it back by queueing it
under `lock` and re-arming its descriptor (EPOLLONESHOT), so a keep-alive round trip needs no
wake-up of the listener.

Accept throttle (C.4): with F = floor(AsyncRequestWorkerFactor), the child stops accepting
while no worker is idle or while
    connections - lingering - fresh >= ThreadsPerChild + (idle workers - disabled) * F
where `fresh` counts connections still reading their first request head (they hold no worker
and may never claim one; RequestReadTimeout bounds them instead) and `disabled` (0/1) is the
hysteresis httpd uses.  A worker is idle again a little after its client got the response (it
still hands the socket back), and a client that reconnects at once can find the throttle
tripped by a worker about to be idle; that window is wider than in C, so hysteresis only
applies once accepting has been off for SETTLE seconds: a throttle that a finishing worker
tripped lifts as soon as the worker is idle.

All workers busy: a complete request that finds no idle worker waits for one (FIFO).  httpd
drops a keep-alive request at once in that case; here the workers share one GIL, so "no idle
worker" is the normal state for a millisecond whenever the listener hands out a burst, and
dropping then would only cost clients a reconnect.  The child counts as busy when a request has
waited longer than BUSY_GRACE: then, as httpd does, the waiting keep-alive requests are closed
unserved and every idle keep-alive connection of the child is closed ("kill'em all"), so that
clients reconnect to a child with free workers.
"""
from __future__ import annotations

import enum
import errno
import gc
import os
import select
import socket
import threading
import time
import traceback
from collections import deque

from ..http.api import Outcome
from .httpseam import unmapped
from .procsetup import trim_memory
from .timeouts import LINGER_NORMAL, LINGER_SHORT, HeadQueue, TimeoutQueue

EPOLLIN = select.EPOLLIN
EPOLLOUT = select.EPOLLOUT
ONESHOT = select.EPOLLONESHOT
RECV_SIZE = 65536
ACCEPTS_PER_WAKEUP = 16
MAINTENANCE_INTERVAL = 0.5     # scoreboard counters refresh and the longest poll() wait
TRIM_INTERVAL = 10.0           # MaxMemFree: how often free heap memory is handed back
BUSY_GRACE = 0.1               # a request waiting this long for a worker means "all workers busy"
SETTLE = 0.05                  # hysteresis applies to a throttle that lasted this long


def above_limit(connections: int, lingering: int, fresh: int, idle: int, disabled: bool,
                threads_per_child: int, factor: int) -> bool:
    """connections_above_limit() (C.4): must this child stop accepting?  `factor` is the
    integer part of AsyncRequestWorkerFactor; `fresh` connections are not counted."""
    if idle <= 0:
        return True
    count = connections - lingering - fresh
    if count <= 0:
        return False
    return count >= threads_per_child + (idle - int(disabled)) * factor


# new connections held before their objects are frozen out of the cyclic GC (see run())
REFREEZE_AFTER = 1000


class ConnState(enum.IntEnum):
    READ_HEAD = 1           # the listener reads a request head (CONN_STATE_READ_REQUEST_LINE)
    QUEUED = 2              # head complete, waiting for a worker
    PROCESSING = 3          # on a worker
    WRITE_COMPLETION = 4
    KEEPALIVE = 5
    LINGER = 6              # CONN_STATE_LINGER_NORMAL
    LINGER_SHORT = 7


class Conn:
    __slots__ = ("sock", "fd", "http", "io", "state", "client", "registered", "established",
                 "served", "head_start", "head_last", "head_bytes", "head_deadline", "queue", "after")

    def __init__(self, sock, http, io, client: str):
        self.sock = sock
        self.fd = sock.fileno()
        self.http = http
        self.io = io
        self.client = client
        self.state = ConnState.READ_HEAD
        self.registered = False
        self.established = False        # its first head is complete
        self.served = False             # a worker processed it at least once
        self.head_start = self.head_last = 0.0
        self.head_bytes = 0
        self.head_deadline = 0.0
        self.queue = None               # the TimeoutQueue it waits in
        self.after = None               # outcome to apply once write completion is done


class Listener:
    def __init__(self, child, listeners):
        self.child = child
        self.listeners = {ls.fileno(): ls for ls in listeners}
        self.ep = select.epoll()
        self.lock = threading.Lock()            # event.c's timeout_mutex + the idlers count
        self.conns: dict[int, Conn] = {}        # every open connection (listener thread only)
        self.frozen_at = 0                      # connections held at the last gc.freeze()
        self.idle = 0                           # idle, unreserved workers
        self.waiting: deque = deque()           # (conn, since): complete heads with no worker yet
        self.broken: list = []                  # connections epoll refused to take back
        self.work = None                        # set by Workers: the hand-off queue
        self.fresh = 0
        self.ka_queues: dict[float, TimeoutQueue] = {}
        self.wc_q = TimeoutQueue(child.timeout)
        self.linger_q = TimeoutQueue(LINGER_NORMAL)
        self.short_q = TimeoutQueue(LINGER_SHORT)
        self.heads = HeadQueue()
        self.disabled = False
        self.disabled_at = 0.0
        self.closed_listeners = False
        self.busy = False                       # workers_were_busy, for this iteration
        self.conns_left = child.max_connections or float("inf")
        self.poll_until = 0.0
        self.next_due = 0.0                     # when _maintain has work (earliest deadline)
        self.next_counters = 0.0
        self.next_trim = time.monotonic() + TRIM_INTERVAL
        self.wake_r, self.wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        self.ep.register(self.wake_r, EPOLLIN)
        self._enable_listeners(log=False)

    # -- thread-safe entry points ---------------------------------------------------------
    def wake(self) -> None:
        try:
            os.write(self.wake_w, b"!")
        except BlockingIOError:
            pass

    def arm(self, conn: Conn, events: int) -> None:
        """Hand the connection back to the epoll set.  Called with `lock` held, right after the
        connection was queued: the listener may act on a queued connection (expiry, kill'em
        all) only once the lock is released, so it is never closed before it is armed."""
        try:
            if conn.registered:
                try:
                    self.ep.modify(conn.fd, events | ONESHOT)
                    return
                except FileNotFoundError:
                    pass
            conn.registered = True
            self.ep.register(conn.fd, events | ONESHOT)
        except OSError:                 # a socket epoll refuses: the listener closes it
            self.broken.append(conn)
            self.next_due = 0.0
            self.wake()

    def settle(self, conn: Conn, outcome, short: bool = False, worker: bool = False):
        """Where a connection goes after a worker (or write completion) is done with it.

        With `worker`, the calling worker is released in the same locked step and gets the
        next connection waiting for a worker, if any (else None and it counts as idle)."""
        now = time.monotonic()
        io = conn.io
        nxt = None
        if io.pending:
            try:
                done = io.flush_some()
            except OSError:
                io.discard()
                done, outcome, short = True, Outcome.CLOSE, True
            if not done:
                conn.after = outcome
                with self.lock:
                    conn.state = ConnState.WRITE_COMPLETION
                    self._queue(conn, self.wc_q, now)
                    self.arm(conn, EPOLLOUT)
                    if worker:
                        nxt = self._release_worker()
                return self._released(nxt, worker)
        child = self.child
        if outcome is Outcome.KEEPALIVE and not child.dying:
            timeout = getattr(conn.http, "keepalive_timeout", None) or child.keepalive_timeout
            with self.lock:
                q = self.ka_queues.get(timeout)
                if q is None:
                    q = self.ka_queues[timeout] = TimeoutQueue(timeout)
                conn.state = ConnState.KEEPALIVE
                self._queue(conn, q, now)
                # input a connection filter already decoded (TLS records read with the last
                # request) will not make the socket readable: ask for an event at once
                pending = getattr(conn.http, "input_pending", None)
                self.arm(conn, EPOLLIN | EPOLLOUT if pending is not None and pending() else EPOLLIN)
                if worker:
                    nxt = self._release_worker()
        elif outcome is Outcome.WAIT_READ and not child.dying:
            with self.lock:
                self._start_head(conn, now)
                conn.head_bytes = 1             # part of this head is already buffered
                self._push_head(conn)
                self.arm(conn, EPOLLIN)
                if worker:
                    nxt = self._release_worker()
        else:
            self.linger(conn, short)
            if worker:
                with self.lock:
                    nxt = self._release_worker()
        return self._released(nxt, worker)

    def linger(self, conn: Conn, short: bool) -> None:
        """Lingering close: shut our side, then read and discard until EOF or the linger time."""
        try:
            conn.sock.shutdown(socket.SHUT_WR)
        except OSError:
            short = True            # the reader will see the error and close at once
        with self.lock:
            conn.state = ConnState.LINGER_SHORT if short or self.child.dying else ConnState.LINGER
            self._queue(conn, self.short_q if conn.state == ConnState.LINGER_SHORT else self.linger_q,
                        time.monotonic())
            self.arm(conn, EPOLLIN)

    def worker_ready(self):
        """A new worker: the next waiting connection, else None (and it counts as idle)."""
        with self.lock:
            nxt = self._release_worker()
        return self._released(nxt, True)

    def _release_worker(self):
        """(lock held) Give the worker a waiting connection, or count it idle."""
        if self.waiting:
            conn = self.waiting.popleft()[0]
            conn.state = ConnState.PROCESSING
            return conn
        self.idle += 1
        return None

    def _released(self, nxt, worker: bool):
        if worker and nxt is None and self.disabled:
            self.wake()              # one more idle worker: the throttle may lift
        if self.next_due < self.poll_until:
            self.wake()              # a deadline earlier than the listener's next wake-up
        return nxt

    # -- the loop ------------------------------------------------------------------------
    def run(self) -> None:
        # What exists now (configuration, site, modules: in a forked child, pages shared with
        # the master) lives as long as the process: keep it out of the cyclic GC, so that a
        # full collection walks only what came later, mostly per-connection objects (shorter
        # pauses with many connections held, see docs/performance.md), and never writes to
        # the shared pages.
        gc.freeze()
        child = self.child
        conns = self.conns
        poll = self.ep.poll
        while True:
            if child.dying:
                if not self.closed_listeners:
                    self._stop_accepting()
                if not conns:
                    break
            now = time.monotonic()
            timeout = max(0.0, self.next_due - now)
            self.poll_until = now + timeout
            try:
                events = poll(timeout)
            except InterruptedError:
                events = ()
            self.busy = False
            for fd, ev in events:
                conn = conns.get(fd)
                try:
                    if conn is not None:
                        self._on_event(conn, ev)
                    elif fd in self.listeners:
                        self._on_accept(self.listeners[fd])
                    elif fd == self.wake_r:
                        try:
                            os.read(self.wake_r, 4096)
                        except BlockingIOError:
                            pass
                except Exception:       # a bug must cost one connection, not the child
                    self._failed(conn)
            try:
                self._maintain(time.monotonic())
            except Exception:
                self._failed(None)
            # after a burst of new connections, at the first quiet moment: their objects live as
            # long as the connections, so keep them out of full collections too (cycles are
            # broken at close, so refcounting still frees them); a 10,000-connection set held
            # idle otherwise costs 3-12 ms pauses that hit a fresh client's latency
            held = len(conns)
            if held < self.frozen_at:
                self.frozen_at = held
            elif not events and held >= self.frozen_at + REFREEZE_AFTER:
                gc.freeze()
                self.frozen_at = held

    def _failed(self, conn) -> None:
        self.child.errlog.log("mpm_event", "error", "listener: " + traceback.format_exc().replace("\n", " | "))
        if conn is not None and conn.fd in self.conns:
            try:
                self._close(conn)
            except Exception:
                pass

    # -- accepting -----------------------------------------------------------------------
    def _above_limit(self, hysteresis: bool = True) -> bool:
        return above_limit(len(self.conns), len(self.linger_q) + len(self.short_q), self.fresh,
                           self.idle, self.disabled and hysteresis,
                           self.child.threads_per_child, self.child.factor)

    def _on_accept(self, ls) -> None:
        if self.disabled or self.child.dying:
            return
        log = self.child.errlog
        for _ in range(ACCEPTS_PER_WAKEUP):
            if self.busy or self.idle <= 0:
                self._disable_listeners()
                log.log("mpm_event", "debug", "All workers busy, not accepting new conns in this process")
                return
            if self._above_limit():
                self._disable_listeners()
                log.log("mpm_event", "debug", f"Too many open connections ({len(self.conns)}), "
                                              "not accepting new conns in this process")
                return
            try:
                sock, addr = ls.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as e:
                if e.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    # out of descriptors: stop accepting until connections close (httpd would
                    # end the child; with slow clients held on the listener that is worse)
                    log.log("core", "error", "AH02179: apr_socket_accept: (client socket)", err=e)
                    self._disable_listeners()
                    self.child.fd_shortage = time.monotonic()
                    return
                continue                 # ECONNABORTED and friends: next one
            self.conns_left -= 1
            self._new_conn(sock, addr)
            if self.conns_left <= 0:
                log.log("mpm_event", "trace1", "Stopping process due to MaxConnectionsPerChild")
                self.child.begin_graceful()
                return

    def _new_conn(self, sock, addr) -> None:
        child = self.child
        try:
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            sock.close()
            return
        conn = Conn(sock, None, None, unmapped(addr)[0])
        try:
            conn.http, conn.io = child.new_connection(sock, addr)
        except Exception as e:          # the HTTP layer refused it: log and drop
            child.errlog.log("mpm_event", "error", f"cannot set up connection: {e!r}")
            sock.close()
            return
        self.conns[conn.fd] = conn
        self.fresh += 1
        now = time.monotonic()
        conn.head_start = conn.head_last = now
        if getattr(conn.http, "clogging", False):
            # an async-incompatible connection filter: a worker reads this connection
            # itself, blocking, for its whole life (httpd's worker fallback)
            self._dispatch(conn)
            return
        self._read_head(conn, now)

    def _disable_listeners(self) -> None:
        if not self.disabled:
            self.disabled = True
            self.disabled_at = time.monotonic()
            for fd in self.listeners:
                try:
                    self.ep.unregister(fd)
                except OSError:
                    pass
            self.child.set_not_accepting(1)

    def _enable_listeners(self, log: bool = True) -> None:
        if self.closed_listeners:
            return
        if log:
            self.child.errlog.log("mpm_event", "debug",
                                  f"AH00457: Accepting new connections again: {len(self.conns)} active conns "
                                  f"({len(self.linger_q) + len(self.short_q)} lingering/0 clogged/0 suspended), "
                                  f"{self.idle} idle workers")
        self.disabled = False
        for fd in self.listeners:
            self.ep.register(fd, EPOLLIN)
        self.child.set_not_accepting(0)

    def _stop_accepting(self) -> None:
        """Graceful stop: close our copies of the listeners, drop idle keep-alive connections,
        and have responses from now on say `Connection: close`."""
        self.closed_listeners = True
        for conn in list(self.conns.values()):
            conn.http.stopping = True
        for fd, ls in self.listeners.items():
            if not self.disabled:
                try:
                    self.ep.unregister(fd)
                except OSError:
                    pass
            ls.sock.close()
        self.listeners = {}
        with self.lock:
            for conn in self.linger_q.pop_all():      # while dying, lingering is short
                self.short_q.push(conn, time.monotonic())
                conn.queue = self.short_q
                conn.state = ConnState.LINGER_SHORT

    # -- connection events ---------------------------------------------------------------
    def _on_event(self, conn: Conn, ev: int) -> None:
        state = conn.state
        if state == ConnState.READ_HEAD:
            if conn.io.pending:           # a filter's output first (TLS handshake records)
                try:
                    conn.io.flush_some()
                except OSError:
                    self._close(conn)
                    return
            self._read_head(conn, time.monotonic())
        elif state == ConnState.KEEPALIVE:
            with self.lock:
                self._unqueue(conn)
            now = time.monotonic()
            self._start_head(conn, now)
            self._read_head(conn, now)
        elif state == ConnState.WRITE_COMPLETION:
            with self.lock:
                self._unqueue(conn)
            try:
                done = conn.io.flush_some()
            except OSError:
                self._close(conn)
                return
            if done:
                self.settle(conn, conn.after)
            else:
                with self.lock:
                    self._queue(conn, self.wc_q, time.monotonic())
                    self.arm(conn, EPOLLOUT)
        elif state in (ConnState.LINGER, ConnState.LINGER_SHORT):
            self._drain(conn)

    def _start_head(self, conn: Conn, now: float) -> None:
        conn.state = ConnState.READ_HEAD
        conn.head_start = conn.head_last = now
        conn.head_bytes = 0
        conn.head_deadline = self.child.head_timeout.deadline(now, now, 0)

    def _read_head(self, conn: Conn, now: float) -> None:
        http = conn.http
        # with connection filters (TLS) the bytes come through them, non-blocking
        filtered = getattr(http, "filtered", False)
        recv = http.recv if filtered else conn.sock.recv
        got = False
        while True:
            try:
                data = recv(RECV_SIZE)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                self._close(conn)
                return
            if not data:
                if conn.head_bytes == 0:        # closed between requests: nothing to answer
                    self._close(conn)
                    return
                http.feed(b"")
                if http.ready():
                    self._dispatch(conn)
                else:
                    self._close(conn)
                return
            got = True
            conn.head_bytes += len(data)
            http.feed(data)
            if http.ready():
                self._dispatch(conn)
                return
            if len(data) < RECV_SIZE and not filtered:
                break
        if got:
            conn.head_last = now
        conn.head_deadline = self.child.head_timeout.deadline(conn.head_start, conn.head_last, conn.head_bytes)
        # a filter may have output to send before it can read on (a TLS handshake)
        events = EPOLLIN | EPOLLOUT if conn.io.pending else EPOLLIN
        with self.lock:
            if conn not in self.heads.members:
                self._push_head(conn)
            self.arm(conn, events)

    def _dispatch(self, conn: Conn) -> None:
        """The head is complete: to an idle worker, else wait for one."""
        if not conn.established:
            conn.established = True
            self.fresh -= 1
        with self.lock:
            self.heads.remove(conn)
            if self.idle <= 0:
                conn.state = ConnState.QUEUED
                now = time.monotonic()
                self.waiting.append((conn, now))
                self.next_due = min(self.next_due, now + BUSY_GRACE)
                return
            self.idle -= 1
            conn.state = ConnState.PROCESSING
        self.work.put(conn)

    def _drain(self, conn: Conn) -> None:
        sock = conn.sock
        while True:
            try:
                data = sock.recv(RECV_SIZE)
            except (BlockingIOError, InterruptedError):
                self.arm(conn, EPOLLIN)
                return
            except OSError:
                data = b""
            if not data:
                self._close(conn)
                return

    # -- queues (callers hold self.lock) ---------------------------------------------------
    def _queue(self, conn: Conn, q: TimeoutQueue, now: float) -> None:
        conn.queue = q
        deadline = q.push(conn, now)
        if deadline < self.next_due:
            self.next_due = deadline

    def _push_head(self, conn: Conn) -> None:
        self.heads.push(conn)
        if conn.head_deadline < self.next_due:
            self.next_due = conn.head_deadline

    def _next_expiry(self, limit: float) -> float:
        """(lock held) The earliest deadline of any queue, or `limit`."""
        nxt = limit
        for q in (self.wc_q, self.linger_q, self.short_q, *self.ka_queues.values()):
            d = q.next_expiry()
            if d is not None and d < nxt:
                nxt = d
        d = self.heads.next_expiry()
        if d is not None and d < nxt:
            nxt = d
        if self.waiting:
            nxt = min(nxt, self.waiting[0][1] + BUSY_GRACE)
        return nxt

    def _unqueue(self, conn: Conn) -> None:
        if conn.queue is not None:
            conn.queue.remove(conn)
            conn.queue = None

    def _close(self, conn: Conn) -> None:
        with self.lock:
            self._unqueue(conn)
            self.heads.remove(conn)
        if self.conns.pop(conn.fd, None) is not None and not conn.established:
            self.fresh -= 1
        conn.io.discard()
        closed = getattr(conn.http, "closed", None)
        if closed is not None:
            try:
                closed()
            except Exception:
                pass
        try:
            conn.sock.close()
        except OSError:
            pass

    def _maintain(self, now: float) -> None:
        """Expire the queues, kill'em all when busy or dying, re-enable accepting, refresh
        the scoreboard; skipped while nothing is due (the common case after an event)."""
        child = self.child
        if now < self.next_due and not (self.busy or self.disabled or child.dying):
            return
        to_close: list = []
        to_short: list = []
        with self.lock:
            broken, self.broken = self.broken, []
            waiting = self.waiting
            if waiting and now - waiting[0][1] > BUSY_GRACE:
                # all workers busy: keep-alive requests are not served (C.4), new ones wait on
                self.busy = True
                keep = deque(item for item in waiting if not item[0].served)
                to_short += [c for c, _t in waiting if c.served]
                self.waiting = keep
            if self.busy or child.dying:
                for q in self.ka_queues.values():       # kill'em all
                    n = len(q)
                    if n:
                        child.errlog.log("mpm_event", "trace1", "All workers are busy or dying, will "
                                                                f"shutdown {n} keep-alive connections")
                    to_short += q.pop_all()
            else:
                for q in self.ka_queues.values():
                    to_short += q.pop_expired(now)
            to_close += self.heads.pop_expired(now)       # slow or silent: no response
            to_short += self.wc_q.pop_expired(now)
            to_close += self.linger_q.pop_expired(now)
            to_close += self.short_q.pop_expired(now)
            for conn in to_short + to_close:
                conn.queue = None
        for conn in broken:
            if conn.fd in self.conns:
                self._close(conn)
        for conn in to_close:
            if conn.state == ConnState.READ_HEAD:
                expired = getattr(conn.http, "timed_out", None)
                if expired is not None:           # the HTTP layer logs (and may answer) a 408
                    try:
                        expired(conn.io)
                    except Exception:
                        pass
                    if conn.io.sent:
                        self.linger(conn, short=True)
                        continue
            self._close(conn)
        for conn in to_short:
            if conn.state == ConnState.WRITE_COMPLETION:
                conn.io.discard()
            self.linger(conn, short=True)
        if self.disabled and not child.dying and not self._fd_short(now) \
                and not self._above_limit(hysteresis=now - self.disabled_at > SETTLE):
            self._enable_listeners()
        if now >= self.next_trim:
            self.next_trim = now + TRIM_INTERVAL
            trim_memory(child.max_mem_free)
        if now >= self.next_counters:
            self.next_counters = now + MAINTENANCE_INTERVAL
            ka = sum(len(q) for q in self.ka_queues.values())
            child.set_counters(len(self.conns), 0, len(self.wc_q), ka,
                               len(self.linger_q) + len(self.short_q), 0)
        with self.lock:
            self.next_due = self._next_expiry(self.next_counters)

    def _fd_short(self, now: float) -> bool:
        return now - self.child.fd_shortage < 1.0
