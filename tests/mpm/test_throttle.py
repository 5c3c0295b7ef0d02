"""The accept throttle and early keep-alive closing (C.4), with one small child."""
from __future__ import annotations

import socket
import time

from apachepy.mpm.scoreboard import Scoreboard
from tests.mpm.harness import Server, hold_worker, http_get, read_response, release, wait_for


def one_child(threads: int, factor: float) -> str:
    return (f"StartServers 1\nServerLimit 1\nThreadsPerChild {threads}\nMaxRequestWorkers {threads}\n"
            f"MinSpareThreads 1\nMaxSpareThreads {threads + 2}\nAsyncRequestWorkerFactor {factor}\n"
            "KeepAliveTimeout 30\nScoreBoardFile run/scoreboard\n")


def keepalive_clients(port: int, n: int) -> list[socket.socket]:
    socks = []
    for _ in range(n):
        status, _h, _b, sock = http_get(port, "/")
        assert status == 200
        socks.append(sock)
    return socks


def answered_within(port: int, seconds: float) -> bool:
    sock = socket.create_connection(("127.0.0.1", port), timeout=seconds)
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        sock.settimeout(seconds)
        return read_response(sock)[0] == 200
    except (TimeoutError, socket.timeout):
        return False
    finally:
        sock.close()


def test_many_idle_keepalive_connections_on_four_workers():
    with Server(one_child(4, 64)) as s:
        s.start()
        socks = keepalive_clients(s.port, 150)
        try:
            t0 = time.monotonic()
            assert answered_within(s.port, 2.0)
            assert time.monotonic() - t0 < 1.0
            board = Scoreboard.attach(str(s.root / "run" / "scoreboard"))

            def counted():
                p = next(p for p in board.snapshot().processes if p.pid)
                return p if p.keep_alive >= 150 else None
            proc = wait_for(counted, 3, what="keep-alive count in the scoreboard")
            assert proc.connections >= 150 and proc.not_accepting == 0
            for sock in socks:                        # every idle one still answers
                status, _h, body, _s = http_get(s.port, "/", sock=sock)
                assert (status, body) == (200, b"hello\n")
        finally:
            for sock in socks:
                sock.close()


def test_accept_limit_is_threads_plus_factor_times_idle():
    """ThreadsPerChild 2, factor 2: 2 + 2 x 2 = 6 connections, the 7th waits (verified on httpd)."""
    with Server(one_child(2, 2)) as s:
        s.start()
        socks = keepalive_clients(s.port, 6)
        seventh = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        seventh.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        seventh.settimeout(1.0)
        try:
            seventh.recv(100)
            raise AssertionError("the 7th connection was served")
        except (TimeoutError, socket.timeout):
            pass
        board = Scoreboard.attach(str(s.root / "run" / "scoreboard"))
        assert next(p for p in board.snapshot().processes if p.pid).not_accepting == 1
        # hysteresis: accepting resumes below 2 + (2 - 1) x 2 = 4 connections
        for sock in socks[:3]:
            sock.close()
        seventh.settimeout(5)
        assert read_response(seventh)[0] == 200
        for sock in socks[3:] + [seventh]:
            sock.close()


def test_factor_integer_part():
    """AsyncRequestWorkerFactor 1.9 acts as 1: 2 + 2 x 1 = 4 connections."""
    with Server(one_child(2, 1.9)) as s:
        s.start()
        socks = keepalive_clients(s.port, 4)
        try:
            assert not answered_within(s.port, 1.0)
        finally:
            for sock in socks:
                sock.close()


def test_keepalive_connections_closed_when_all_workers_busy():
    with Server(one_child(2, 64)) as s:
        s.start()
        idle = keepalive_clients(s.port, 10)
        busy = [hold_worker(s.port) for _ in range(2)]         # both workers busy
        time.sleep(0.3)
        # a keep-alive request that finds no worker is not served: the connection is closed
        first = idle[0]
        first.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        first.settimeout(1.5)
        assert first.recv(100) == b""
        # ... and so is every other idle keep-alive connection ("kill'em all")
        for sock in idle[1:]:
            sock.settimeout(1.5)
            assert sock.recv(100) == b""
        assert not answered_within(s.port, 0.5)              # new clients wait for a worker
        for c in busy:
            assert release(c)[:3:2] == (200, b"hello\n")
        assert answered_within(s.port, 2.0)
        assert "will shutdown" not in s.error_log()   # trace1 only
        for sock in idle + busy:
            sock.close()
