"""ThreadsPerChild worker threads: they run only while a connection has a request to process.

The listener reserves an idle worker (the `idle` count under its lock) and puts the connection
on `work`, a SimpleQueue every idle worker waits on (event.c's fdqueue + queue_info).  A worker
runs `Connection.process(io)` (every request that is ready, pipelined ones included), then
gives the connection back to the listener (`Listener.settle`) and, before going idle, takes
the next connection that waits for a worker, if any.
"""
from __future__ import annotations

import os
import queue
import threading
import time
import traceback

from ..http.api import Outcome
from . import scoreboard as sb
from .connio import POLLIN, wait_fd

RECV_SIZE = 65536
WAKE_CHECK = 0.5          # a worker holding an idle connection looks at `dying` this often


class ThreadStartFailed(Exception):
    """A thread could not be created (resource shortage): the child exits CHILDSICK."""


def start_thread(target, name: str, args=()) -> threading.Thread:
    t = threading.Thread(target=target, args=args, name=name, daemon=True)
    try:
        t.start()
    except RuntimeError as e:
        raise ThreadStartFailed(name) from e
    return t


class Workers:
    def __init__(self, child, listener):
        self.child = child
        self.listener = listener
        self.work: queue.SimpleQueue = queue.SimpleQueue()
        listener.work = self.work
        self.threads: list[threading.Thread] = []

    def start(self, count: int, stack_size: int) -> None:
        if stack_size:
            try:
                threading.stack_size(stack_size)
            except (ValueError, RuntimeError):
                self.child.errlog.log("mpm_event", "warn", f"AH02436: WARNING: ThreadStackSize of "
                                                           f"{stack_size} is inappropriate, using default")
        try:
            for i in range(count):
                self.threads.append(start_thread(self._run, f"worker-{i}", (i,)))
        except ThreadStartFailed:
            self.child.errlog.log("mpm_event", "alert", "AH00480: ap_thread_create: unable to create worker thread",
                                  err=OSError(11, os.strerror(11)))
            raise
        if stack_size:
            try:
                threading.stack_size(0)
            except (ValueError, RuntimeError):
                pass

    def stop(self) -> None:
        """Let idle workers exit (graceful end: the listener has no connection left)."""
        for _ in self.threads:
            self.work.put(None)

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for t in self.threads:
            t.join(max(0.0, deadline - time.monotonic()))

    def _run(self, index: int) -> None:
        child = self.child
        listener = self.listener
        score = child.board.handle(child.slot, index, child.extended_status, child.request_tail)
        score.start(os.getpid(), child.generation)
        get = self.work.get
        conn = listener.worker_ready()
        while True:
            if conn is None:
                score.ready(sb.GRACEFUL if child.dying else sb.READY)
                conn = get()
                if conn is None:
                    break
            try:
                conn = self._serve(conn, score)
            except Exception:           # a bug must not cost the child a worker
                child.errlog.log("mpm_event", "error", "worker: " + traceback.format_exc().replace("\n", " | "))
                conn = listener.worker_ready()
        if child.dying:
            score.dead()
        else:
            score.set(sb.GRACEFUL)

    def _serve(self, conn, score):
        """Process one connection; returns the next connection waiting for a worker, if any.
        The slot shows R, then what the HTTP layer reports through the ConnIO (W, L and the
        counts of each request), then W while unsent output is flushed or K before the
        connection goes back to the listener (httpd's process_socket)."""
        io = conn.io
        io.score = score
        score.reading(conn.client, "http/1.1")
        outcome, short = self._process(conn)
        while outcome is not Outcome.CLOSE and getattr(conn.http, "clogging", False):
            outcome, short = self._next_request_here(conn, score, outcome)
        conn.served = True
        io.score = None
        if io.pending:
            score.set(sb.BUSY_WRITE)
        elif outcome is not Outcome.WAIT_READ:
            score.set(sb.BUSY_KEEPALIVE if outcome is Outcome.KEEPALIVE else sb.CLOSING)
        return self.listener.settle(conn, outcome, short, worker=True)     # conn is not ours now

    def _process(self, conn):
        """Connection.process(), as (outcome, short lingering close?)."""
        if self.child.dying:
            conn.http.stopping = True           # answer with Connection: close
        conn.io.new_request()
        try:
            outcome = conn.http.process(conn.io)
        except OSError:
            return Outcome.CLOSE, True          # client gone or timed out
        except Exception:
            self.child.errlog.log("mpm_event", "error", "connection processing failed: "
                                  + traceback.format_exc().replace("\n", " | "))
            return Outcome.CLOSE, True
        return (outcome, False) if isinstance(outcome, Outcome) else (Outcome.CLOSE, False)

    def _next_request_here(self, conn, score, outcome):
        """A connection with an async-incompatible connection filter ("clogging", C.9) keeps
        its worker: wait for its next request on this thread, blocking, under KeepAliveTimeout
        (then Timeout per read of the head), as httpd's synchronous loop does."""
        child = self.child
        http, io = conn.http, conn.io
        if io.pending:
            try:
                io.flush(child.timeout)         # the client needs the whole response first
            except OSError:
                return Outcome.CLOSE, True
        keepalive = outcome is Outcome.KEEPALIVE
        # the bytes come through the connection filters (one of them is why we are here)
        recv = http.recv if getattr(http, "filtered", False) else conn.sock.recv
        pending = getattr(http, "input_pending", None)
        score.set(sb.BUSY_KEEPALIVE if keepalive else sb.BUSY_READ)
        deadline = time.monotonic() + (http.keepalive_timeout if keepalive else child.timeout)
        while True:
            if child.dying and keepalive:
                return Outcome.CLOSE, True      # idle keep-alive connections close at once
            left = deadline - time.monotonic()
            if left <= 0:
                if not keepalive:
                    http.timed_out(io)
                return Outcome.CLOSE, True
            if not (pending is not None and pending()) and not wait_fd(io.fd, POLLIN, min(left, WAKE_CHECK)):
                continue
            try:
                data = recv(RECV_SIZE)
            except BlockingIOError:
                continue
            except OSError:
                return Outcome.CLOSE, True
            if not data and keepalive:
                return Outcome.CLOSE, False     # closed between requests
            http.feed(data)
            if http.ready():
                score.set(sb.BUSY_WRITE)
                return self._process(conn)
            keepalive = False
            score.set(sb.BUSY_READ)
            deadline = time.monotonic() + child.timeout
