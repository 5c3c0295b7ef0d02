"""Ten graceful restarts under two concurrent clients: no request fails and every request that
was answered has exactly one access-log line (nothing lost, nothing doubled)."""
from __future__ import annotations

import threading
import time

from tests.mpm.harness import Server, http_get, wait_for

CONF = """\
StartServers 2
ServerLimit 8
ThreadsPerChild 4
MaxRequestWorkers 16
MinSpareThreads 4
MaxSpareThreads 12
"""


def _client(port: int, stop: threading.Event, done: list, failures: list) -> None:
    while not stop.is_set():
        try:
            status, _h, body, sock = http_get(port, "/", {"Connection": "close"})
            sock.close()
            if status != 200 or body != b"hello\n":
                failures.append((status, body))
            else:
                done.append(1)
        except Exception as e:            # refused, reset or truncated
            failures.append(repr(e))


def test_ten_graceful_restarts_lose_nothing():
    with Server(CONF) as s:
        s.start()
        master = s.master_pid()
        stop = threading.Event()
        done: list = []
        failures: list = []
        clients = [threading.Thread(target=_client, args=(s.port, stop, done, failures)) for _ in range(2)]
        for t in clients:
            t.start()
        try:
            for i in range(10):
                before = len(done)
                r = s.ctl("-k", "graceful")
                assert r.returncode == 0, r.stderr
                wait_for(lambda: len(done) > before + 5, timeout=15, what=f"requests after graceful {i + 1}")
        finally:
            stop.set()
            for t in clients:
                t.join(15)
        assert failures == []
        assert s.master_pid() == master
        assert s.error_log().count("AH00493: SIGUSR1 received.  Doing graceful restart") == 10
        served = len(done)
        s.stop()                               # stops and waits: logs are flushed and closed
        assert len(s.served_by()) == served
