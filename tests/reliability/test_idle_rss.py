"""10,000 idle keep-alive connections held on 100 worker threads (issue 7): the server's memory
stays flat while sets of 10,000 come and go, every held connection still answers, and a new
client is served meanwhile.

One child with ThreadsPerChild 100 and an AsyncRequestWorkerFactor that keeps the accept
throttle open (ThreadsPerChild + idle workers x factor stays above 10,000 as long as 10 workers
are idle).  The client is one epoll loop over raw sockets: each connection sends a GET, reads
the whole answer and stays open, at most WINDOW in flight at once (below the 100 workers, so no
request waits for a worker and "kill'em all" never fires).
"""
from __future__ import annotations

import errno
import os
import resource
import select
import socket
import struct
import time

import pytest

from tests.mpm.harness import Server, fd_count, http_get, wait_for

N = 10_000
ROUNDS = 3                # 1: warm-up; 2: the baseline; 3: must not have grown
WINDOW = 64
GROWTH = 1.10
REQUEST = b"GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n"
BODY = b"hello\n"         # the harness's htdocs/index.html

CONF = f"""\
KeepAliveTimeout 300
Timeout 300
ServerLimit 1
StartServers 1
ThreadLimit 100
ThreadsPerChild 100
MaxRequestWorkers 100
MinSpareThreads 25
MaxSpareThreads 125
AsyncRequestWorkerFactor 1000
ListenBacklog 1024
"""


@pytest.fixture
def nofile():
    """The test process (and the server, which inherits it) may hold N sockets and more."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = N + 500
    unlimited = hard == resource.RLIM_INFINITY
    if not unlimited and hard < need:
        pytest.skip(f"RLIMIT_NOFILE hard limit {hard} is below the {need} descriptors "
                    f"{N} connections need")
    resource.setrlimit(resource.RLIMIT_NOFILE, (2 * need if unlimited else hard, hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def answered(buf: bytearray) -> bool:
    """A whole answer is in (Content-Length framed; none means no body)."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return False
    head = bytes(buf[:end]).lower()
    i = head.find(b"\r\ncontent-length:")
    length = int(head[i + 17:].split(b"\r\n", 1)[0]) if i >= 0 else 0
    return len(buf) >= end + 4 + length


def check_answer(buf: bytearray) -> None:
    head, _, body = bytes(buf).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 "), head
    assert body == BODY, body
    assert b"connection: close" not in head.lower(), head


def exchange(port: int, socks: list | None, timeout: float = 90.0) -> list:
    """One GET and its whole answer on each connection, at most WINDOW at a time.  With `socks`
    None, N new connections are opened (non-blocking connect); else the given ones are reused.
    Returns the sockets, which stay open.  Fails on a refused, closed or wrong answer."""
    ep = select.epoll()
    todo = list(socks) if socks is not None else None
    done, bufs, inflight = [], {}, {}
    started = 0
    total = N if socks is None else len(socks)
    deadline = time.monotonic() + timeout
    try:
        while len(done) < total:
            while started < total and len(inflight) < WINDOW:
                if todo is None:
                    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    s.setblocking(False)
                    err = s.connect_ex(("127.0.0.1", port))
                    assert err in (0, errno.EINPROGRESS), os.strerror(err)
                    ep.register(s.fileno(), select.EPOLLOUT)
                else:
                    s = todo[started]
                    s.send(REQUEST)                   # an idle connection's buffer is empty
                    ep.register(s.fileno(), select.EPOLLIN)
                inflight[s.fileno()] = s
                bufs[s.fileno()] = bytearray()
                started += 1
            assert time.monotonic() < deadline, f"{len(done)} of {total} answered in {timeout} s"
            for fd, ev in ep.poll(0.5):
                s = inflight[fd]
                if ev & select.EPOLLOUT:              # connected: send the request
                    err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    assert err == 0, f"connection {started}: {os.strerror(err)}"
                    s.send(REQUEST)
                    ep.modify(fd, select.EPOLLIN)
                    continue
                data = s.recv(65536)
                assert data, f"closed by the server after {len(done)} answers: {bytes(bufs[fd])!r}"
                bufs[fd] += data
                if answered(bufs[fd]):
                    check_answer(bufs.pop(fd))
                    ep.unregister(fd)
                    done.append(inflight.pop(fd))
    except BaseException:
        reset_all(list(inflight.values()) + done)
        raise
    finally:
        ep.close()
    return done


def reset_all(socks: list) -> None:
    """Close with a reset: no TIME_WAIT, which would eat the loopback's ephemeral ports (tests
    running in parallel need them); the server sees the connection go as with a FIN."""
    linger = struct.pack("ii", 1, 0)
    for s in socks:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        s.close()


def rss_kb(pids: list) -> int:
    """VmRSS summed over the server's processes."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as f:
            total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return total


def test_10k_idle_keepalive_connections_rss_flat(nofile):
    with Server(CONF) as s:
        s.start("-DFOREGROUND")
        child = wait_for(lambda: s.children(), what="the child")[0]
        pids = [s.master_pid(), child]
        quiet_fds = fd_count(child)
        samples = []
        held = []
        try:
            for rnd in range(ROUNDS):
                held = exchange(s.port, None)
                # every connection now waits in keep-alive on the listener, none on a worker
                samples.append(rss_kb(pids))
                t0 = time.monotonic()
                status, _h, body, fresh = http_get(s.port, "/index.html", {"Connection": "close"})
                fresh.close()
                assert (status, body) == (200, BODY)
                assert time.monotonic() - t0 < 5.0
                if rnd == ROUNDS - 1:
                    # each of the 10,000 still answers (none was closed while idle)
                    assert len(exchange(s.port, held)) == N
                reset_all(held)
                held = []
                wait_for(lambda: fd_count(child) <= quiet_fds + 5, 30,
                         what=f"the child to close the {N} connections")
        finally:
            reset_all(held)
        assert child in s.children(), "the child was replaced"
        baseline = samples[1]          # after the warm-up round
        assert samples[-1] <= baseline * GROWTH, (
            f"server RSS grew from {baseline} KB to {samples[-1]} KB holding {N} idle "
            f"connections (rounds: {samples} KB)")
