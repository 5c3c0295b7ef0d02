"""Slow, silent, stalled and resetting clients must not starve workers or leak descriptors."""
from __future__ import annotations

import os
import socket
import struct
import threading
import time

from apachepy.mpm.scoreboard import Scoreboard
from tests.mpm.harness import Server, fd_count, http_get, read_response, wait_for

SLOWLORIS = """\
LoadModule reqtimeout_module modules/mod_reqtimeout.so
StartServers 2
ServerLimit 2
ThreadsPerChild 25
MaxRequestWorkers 50
MinSpareThreads 25
MaxSpareThreads 75
RequestReadTimeout header=4-6,MinRate=500
ScoreBoardFile run/scoreboard
"""


def answered_in(port: int, limit: float) -> float:
    t0 = time.monotonic()
    status, _h, _b, sock = http_get(port, "/", {"Connection": "close"}, timeout=limit)
    sock.close()
    assert status == 200
    return time.monotonic() - t0


def test_slowloris_does_not_hold_workers():
    with Server(SLOWLORIS) as s:
        s.start()
        wait_for(lambda: len(s.children()) == 2, what="two children")
        dribblers, silent = [], []
        stop = threading.Event()
        try:
            for _ in range(200):
                c = socket.create_connection(("127.0.0.1", s.port), timeout=5)
                c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
                dribblers.append(c)
            for _ in range(100):
                silent.append(socket.create_connection(("127.0.0.1", s.port), timeout=5))
            opened = time.monotonic()

            def dribble():
                while not stop.is_set():
                    for c in dribblers:
                        try:
                            c.send(b"X")
                        except OSError:
                            pass
                    stop.wait(0.3)
            t = threading.Thread(target=dribble)
            t.start()
            time.sleep(1.0)
            assert answered_in(s.port, 2.0) < 2.0
            board = Scoreboard.attach(str(s.root / "run" / "scoreboard"))

            def all_idle_with_slow_connections():
                snap = board.snapshot()
                busy = [w for ws in snap.workers for w in ws if w.status not in "_."]
                return not busy and sum(p.connections for p in snap.processes) >= 290
            # 300 slow connections held, and no worker taken by them
            wait_for(all_idle_with_slow_connections, 2, what="idle workers, 300 connections")
            # RequestReadTimeout header=4-6: silent ones are dropped without a response
            for c in silent:
                c.settimeout(8)
                assert c.recv(100) == b""
            assert 3.5 < time.monotonic() - opened < 7.5
            assert answered_in(s.port, 2.0) < 2.0
        finally:
            stop.set()
            for c in dribblers + silent:
                c.close()


def _reset(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_reset_mid_response_leaks_nothing():
    with Server("ThreadsPerChild 4\n") as s:
        (s.root / "htdocs" / "big.bin").write_bytes(os.urandom(1 << 20) * 16)
        (s.root / "htdocs" / "mid.bin").write_bytes(os.urandom(48 << 10))
        s.start("-X")
        pid = s.proc.pid
        for path in ("/big.bin", "/mid.bin", "/"):
            status, _h, _b, sock = http_get(s.port, path, {"Connection": "close"}, timeout=20)
            sock.close()
            assert status == 200
        base = wait_for(lambda: fd_count(pid) if fd_count(pid) == fd_count(pid) else None)
        for i in range(20):
            c = socket.create_connection(("127.0.0.1", s.port), timeout=5)
            c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
            path = "/big.bin" if i % 2 else "/mid.bin"
            c.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            if i % 3:
                c.recv(65536)
            time.sleep(0.05)
            _reset(c)
        wait_for(lambda: fd_count(pid) <= base, 10, what=f"descriptors back to {base}")
        assert answered_in(s.port, 2.0) < 2.0


def test_stalled_reader_does_not_hold_the_worker():
    """Write completion: the tail of a file response is sent by the listener, so a client that
    stops reading does not keep the only worker busy."""
    with Server("ThreadsPerChild 1\nScoreBoardFile run/scoreboard\n") as s:
        data = os.urandom(1 << 20) * 8
        (s.root / "htdocs" / "big.bin").write_bytes(data)
        s.start("-X")
        stalled = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
        stalled.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.3)
        assert answered_in(s.port, 2.0) < 1.0
        board = Scoreboard.attach(str(s.root / "run" / "scoreboard"))
        wait_for(lambda: board.snapshot().processes[0].write_completion == 1, 2, what="write completion")
        status, headers, body = read_response(stalled)
        assert status == 200 and body == data
        stalled.close()
