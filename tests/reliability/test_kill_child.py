"""kill -9 a child under load (issue 7): the master replaces it, and only the killed child's
connections fail, once each; the other child's connections never notice, and clients that
reconnect are served again.  The same scenario runs against Debian's apache2.

Two children.  Each client thread owns a keep-alive connection and requests /pid in a loop: a
CGI script (mod_cgi, run by the child that serves the connection) that prints its parent's pid,
i.e. the serving child.  Before the load starts, connections are opened until both children
serve some, so the kill has connections on both sides.  A connection that fails is abandoned and
the thread reconnects; a connection's pid is what its first answer said, and every later answer
on it must say the same.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import tempfile
import threading
import time

import pytest

from tests.mpm.harness import alive, children_of, wait_for
from tests.support.servers import (MODULES, ApacheServer, ApachepyServer, apache2_available,
                                   apachepy_serving)

PER_CHILD = 3                       # client connections on each child when the kill comes
CONF = f"""
LoadModule authz_core_module {MODULES}/mod_authz_core.so
LoadModule alias_module {MODULES}/mod_alias.so
LoadModule cgi_module {MODULES}/mod_cgi.so
ServerName localhost
StartServers 2
ServerLimit 2
ThreadsPerChild 8
MaxRequestWorkers 16
MinSpareThreads 16
MaxSpareThreads 32
KeepAliveTimeout 30
MaxKeepAliveRequests 0
<Directory "@DOCROOT@">
    Require all granted
</Directory>
ScriptAlias /pid "@DOCROOT@/pid.sh"
"""
PID_SH = "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n%s\\n' \"$PPID\"\n"
REQUEST = b"GET /pid HTTP/1.1\r\nHost: localhost\r\n\r\n"


def read_answer(sock: socket.socket) -> tuple[int, bytes]:
    """Status and body of one response, framed by Content-Length or chunked (a CGI's output
    is streamed, so its framing is the server's choice)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += recv(sock)
    head, _, buf = buf.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    lower = head.lower()
    if b"\r\ntransfer-encoding: chunked" not in lower:
        i = lower.find(b"\r\ncontent-length:")
        length = int(lower[i + 17:].split(b"\r\n", 1)[0]) if i >= 0 else 0
        while len(buf) < length:
            buf += recv(sock)
        return status, buf[:length]
    body = b""
    while True:
        while b"\r\n" not in buf:
            buf += recv(sock)
        size, _, buf = buf.partition(b"\r\n")
        n = int(size.split(b";")[0], 16)
        while len(buf) < n + 2:
            buf += recv(sock)
        body, buf = body + buf[:n], buf[n + 2:]
        if n == 0:
            return status, body


def recv(sock: socket.socket) -> bytes:
    data = sock.recv(65536)
    if not data:
        raise ConnectionError("closed by the server")
    return data


class Conn:
    """One client connection and what happened on it."""

    def __init__(self, port: int):
        self.opened = time.monotonic()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.pid: int | None = None         # the child that serves it (from its first answer)
        self.answers: list[float] = []      # when each answer came
        self.failure: str | None = None

    def ask(self) -> int:
        """One request; the serving child's pid.  Raises on a failed or wrong answer."""
        self.sock.sendall(REQUEST)
        status, body = read_answer(self.sock)
        if status != 200:
            raise AssertionError(f"status {status}: {body!r}")
        pid = int(body)
        if self.pid is None:
            self.pid = pid
        elif pid != self.pid:
            raise AssertionError(f"answered by {pid} on a connection served by {self.pid}")
        self.answers.append(time.monotonic())
        return pid


def spread(port: int, children: list[int]) -> list[Conn]:
    """PER_CHILD connections on each child: open connections until both children have served
    that many, closing the extras (bounded)."""
    per: dict[int, list[Conn]] = {pid: [] for pid in children}
    for _ in range(100):
        if all(len(v) >= PER_CHILD for v in per.values()):
            break
        c = Conn(port)
        pid = c.ask()
        assert pid in per, f"answered by {pid}, not one of the children {children}"
        if len(per[pid]) < PER_CHILD:
            per[pid].append(c)
        else:
            c.sock.close()
    assert all(len(v) >= PER_CHILD for v in per.values()), \
        f"100 connections did not reach both children: { {k: len(v) for k, v in per.items()} }"
    return [c for v in per.values() for c in v]


def client(first: Conn, port: int, stop: threading.Event, log: list) -> None:
    """Request in a loop; on a failure, note it on the connection and reconnect."""
    c = first
    log.append(c)
    while not stop.is_set():
        try:
            c.ask()
        except Exception as e:              # reset, EOF, timeout or a wrong answer
            c.failure = repr(e)
            c.sock.close()
            if stop.is_set():
                return
            try:
                c = Conn(port)
            except OSError as e2:           # refused: counts as a failed connection too
                bad = Conn.__new__(Conn)
                bad.opened, bad.sock, bad.pid, bad.answers, bad.failure = time.monotonic(), None, None, [], repr(e2)
                log.append(bad)
                stop.wait(0.1)
                continue
            log.append(c)
        time.sleep(0.005)
    if c.sock is not None:
        c.sock.close()


def kill_under_load(server) -> None:
    master = server.pid
    children = wait_for(lambda: (lambda k: k if len(k) == 2 else None)(children_of(master)),
                        20, what="two children")
    conns = spread(server.port, children)
    stop = threading.Event()
    logs: list[list[Conn]] = [[] for _ in conns]
    threads = [threading.Thread(target=client, args=(c, server.port, stop, log))
               for c, log in zip(conns, logs)]
    for t in threads:
        t.start()
    try:
        wait_for(lambda: all(len(c.answers) >= PER_CHILD + 3 for c in conns), 15, what="the load to run")
        victim, survivor = conns[0].pid, next(c.pid for c in conns if c.pid != conns[0].pid)
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda: not alive(victim), 10, what="the killed child to die")
        dead_at = time.monotonic()          # from now on no connection can reach the victim
        new = wait_for(lambda: (lambda k: [p for p in k if p not in children] if len(k) == 2 and victim not in k
                                else None)(children_of(master)), 15, what="the master to replace the child")
        # every client is served again: its current connection answered after the death
        wait_for(lambda: all(log[-1].failure is None and sum(t > dead_at for t in log[-1].answers) >= 3
                             for log in logs), 15, what="every client to be served after the kill")
    finally:
        stop.set()
        for t in threads:
            t.join(15)
    assert not any(t.is_alive() for t in threads)

    for c in conns:
        if c.pid == survivor:
            assert c.failure is None, f"a connection of the surviving child failed: {c.failure}"
            assert any(t > dead_at for t in c.answers), "the surviving child stopped answering"
        else:
            # its child died under it: exactly one request failed, then the client moved on
            assert c.failure is not None and not any(t > dead_at for t in c.answers)
    for log in logs:
        for c in log[1:]:                   # the reconnections
            if c.opened > dead_at:
                assert c.failure is None, f"a connection opened after the kill failed: {c.failure}"
            else:                           # opened as the victim died: may have reached it
                assert c.failure is None or c.pid in (None, victim), c.failure
    # the replacement child serves too (new connections go to whichever child accepts first)
    for _ in range(60):
        c = Conn(server.port)
        try:
            if c.ask() == new[0]:
                break
        finally:
            c.sock.close()
    else:
        raise AssertionError(f"60 new connections, none served by the new child {new[0]}")
    assert "Traceback" not in server.read_error_log()
    # httpd logs nothing for a child killed by SIGKILL (ap_process_child_status)
    assert "exit signal" not in server.read_error_log()


@pytest.fixture
def docroot():
    d = tempfile.mkdtemp(prefix="kill-child.")
    os.chmod(d, 0o755)
    with open(os.path.join(d, "pid.sh"), "w") as f:
        f.write(PID_SH)
    os.chmod(os.path.join(d, "pid.sh"), 0o755)
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.mark.skipif(not apachepy_serving(), reason="needs a serving apachepy")
def test_kill_9_child_under_load_apachepy(docroot):
    with ApachepyServer(CONF, docroot, ["-DFOREGROUND"]) as p:
        kill_under_load(p)


@pytest.mark.skipif(not apache2_available() or not os.path.exists(f"{MODULES}/mod_cgi.so"),
                    reason="needs Debian's apache2 with mod_cgi")
def test_kill_9_child_under_load_apache2(docroot):
    with ApacheServer(CONF, docroot) as a:
        kill_under_load(a)
