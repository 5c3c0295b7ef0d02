"""A child process (or the single process of -X): one listener thread, ThreadsPerChild workers.

A forked child drops privileges, starts its threads and then waits on the pipe of death (POD):
`!` from the master means stop gracefully, `$` means stop now, end of file means the master is
gone (stop gracefully).  SIGTERM ends it at once (httpd's just_die); the other control signals
are ignored, as httpd's children block them.
"""
from __future__ import annotations

import os
import select
import signal
import socket
import sys
import traceback

from . import scoreboard as sb
from .connio import SocketIO
from .httpseam import new_connection, server_timeouts
from .listener import Listener
from .procsetup import ChildFatal, core_dump_dir, drop_privileges, pin_to_cpu, raise_fd_limit
from .timeouts import stage_timeout
from .workers import ThreadStartFailed, Workers, start_thread

APEXIT_CHILDSICK = 0x7
APEXIT_CHILDFATAL = 0xF


class Child:
    """What the listener and the workers share: settings of this generation and the flags."""

    def __init__(self, gen, slot: int):
        config = gen.loaded.config
        mpm = config.mpm
        self.gen = gen
        self.errlog = gen.errlog
        self.board = gen.board
        self.slot = slot
        self.generation = gen.number
        self.http = gen.http
        self.site = gen.site
        self.threads_per_child = mpm["ThreadsPerChild"]
        self.factor = int(mpm["AsyncRequestWorkerFactor"])     # httpd uses the integer part
        self.max_connections = mpm["MaxConnectionsPerChild"]
        self.max_mem_free = mpm["MaxMemFree"]
        self.stack_size = mpm["ThreadStackSize"]
        self.timeout, self.keepalive_timeout = server_timeouts(gen.site)
        self.extended_status = sb.extended_status(config)      # ExtendedStatus, for the workers' slots
        self.request_tail = sb.request_tail(config)            # SeeRequestTail
        self.head_timeout = stage_timeout(config, "header", self.timeout)
        self.body_timeout = stage_timeout(config, "body", self.timeout)
        self.dying = False
        self.fd_shortage = -1e9
        self.done_r, self.done_w = os.pipe2(os.O_CLOEXEC)    # written once the threads are done
        # its listener bucket's sockets (ListenCoresBucketsRatio); the others are closed here
        buckets = gen.buckets or [gen.listeners]
        mine = buckets[slot % len(buckets)]
        for bucket in buckets:
            if bucket is not mine:
                for ls in bucket:
                    ls.sock.close()
        self.listener = Listener(self, mine)
        self.workers = Workers(self, self.listener)

    # -- called by the listener ----------------------------------------------------------
    def new_connection(self, sock: socket.socket, addr):
        http = new_connection(self.http, self.site, sock, addr)
        if self.dying:
            http.stopping = True
        io = SocketIO(sock, getattr(http, "timeout", None) or self.timeout, self.body_timeout)
        attach = getattr(http, "attach", None)
        if attach is not None:
            attach(io)             # the HTTP layer's pre_connection hooks (connection filters)
        return http, io

    def set_not_accepting(self, value: int) -> None:
        self.board.set_not_accepting(self.slot, value)

    def set_counters(self, *counts) -> None:
        self.board.set_counters(self.slot, *counts)

    def begin_graceful(self) -> None:
        """Stop accepting, close idle keep-alive connections, finish the others, then exit."""
        if self.dying:
            return
        self.dying = True
        self.board.set_quiescing(self.slot, 1)
        for i in range(self.threads_per_child):
            if self.board.status(self.slot, i) != sb.DEAD:
                self.board.set_status(self.slot, i, sb.GRACEFUL)
        self.listener.wake()

    # -- running -------------------------------------------------------------------------
    def start(self) -> None:
        for i in range(self.threads_per_child):
            self.board.handle(self.slot, i).start(os.getpid(), self.generation)
        self.workers.start(self.threads_per_child, self.stack_size)
        try:
            start_thread(self._listen, "listener")
        except ThreadStartFailed:
            self.errlog.log("mpm_event", "alert", "AH00474: ap_thread_create: unable to create listener thread",
                            err=OSError(11, os.strerror(11)))
            raise

    def _listen(self) -> None:
        try:
            self.listener.run()
        except Exception:
            self.errlog.log("mpm_event", "crit", "listener failed: " + traceback.format_exc().replace("\n", " | "))
        finally:
            self.workers.stop()
            self.workers.join(5.0)
            os.write(self.done_w, b"x")


def child_main(gen, slot: int, pod_r: int) -> None:
    """The forked child: never returns."""
    code = 0
    try:
        signal.signal(signal.SIGTERM, lambda *_: die(gen))
        for s in (signal.SIGHUP, signal.SIGUSR1, signal.SIGWINCH, signal.SIGINT):
            signal.signal(s, signal.SIG_IGN)
        signal.set_wakeup_fd(-1)
        core_dump_dir(gen.loaded.config)
        drop_privileges(gen.loaded.config, gen.errlog)
        raise_fd_limit()
        pin_to_cpu(slot)
        child = Child(gen, slot)
        child.start()
    except ChildFatal:
        os._exit(APEXIT_CHILDFATAL)
    except ThreadStartFailed:
        os._exit(APEXIT_CHILDSICK)           # "let the parent decide how bad this really is"
    except Exception:
        gen.errlog.log("mpm_event", "alert", "child init failed: " + traceback.format_exc().replace("\n", " | "))
        os._exit(APEXIT_CHILDFATAL)
    try:
        poller = select.poll()
        poller.register(pod_r, select.POLLIN)
        poller.register(child.done_r, select.POLLIN)
        while True:
            ready = dict(poller.poll())
            if child.done_r in ready:
                break
            if pod_r in ready:
                try:
                    msg = os.read(pod_r, 1)
                except BlockingIOError:
                    continue                      # another child took the message
                if msg == b"$":
                    die(gen)
                poller.unregister(pod_r)          # "!" or the master is gone
                child.begin_graceful()
    except Exception:
        code = APEXIT_CHILDSICK
    finish(gen)
    os._exit(code)


def die(gen) -> None:
    """Stop now (SIGTERM, `$`): in-flight connections are dropped."""
    finish(gen)
    os._exit(0)


def finish(gen) -> None:
    """Flush what the HTTP layer buffers (access logs) before the process goes away."""
    close = getattr(gen.site, "close", None)
    if close is not None:
        try:
            close()
        except Exception:
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
