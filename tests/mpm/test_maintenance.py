"""The master's idle server maintenance, once a second (C.6), and its messages."""
from __future__ import annotations

import os
import signal
import time

import pytest

from tests.mpm.harness import Server, alive, hold_worker, release, wait_for


def test_spawns_up_to_min_spare_threads():
    conf = ("StartServers 1\nServerLimit 6\nThreadsPerChild 2\nMaxRequestWorkers 12\n"
            "MinSpareThreads 8\nMaxSpareThreads 20\n")
    with Server(conf) as s:
        s.start()
        t0 = time.monotonic()
        # rate 1 then 2: 1 -> 2 -> 4 children (8 idle threads), then it stops
        wait_for(lambda: len(s.children()) == 4, 5, what="4 children")
        assert time.monotonic() - t0 > 1.0
        time.sleep(1.5)
        assert len(s.children()) == 4


def test_retires_one_child_per_second_above_max_spare_threads():
    conf = ("StartServers 5\nServerLimit 5\nThreadsPerChild 2\nMaxRequestWorkers 10\n"
            "MinSpareThreads 2\nMaxSpareThreads 4\n")       # raised to 2 + (2 + 1) = 5
    with Server(conf) as s:
        s.start()
        wait_for(lambda: len(s.children()) == 5, 3, what="5 children")
        t0 = time.monotonic()
        # 10 idle threads > 5: one child a second until 2 children (4 idle threads) are left
        wait_for(lambda: len(s.children()) == 2, 8, what="retired to 2 children")
        assert time.monotonic() - t0 > 2.0
        time.sleep(1.5)
        assert len(s.children()) == 2


def test_max_request_workers_messages():
    conf = ("StartServers 1\nServerLimit 1\nThreadsPerChild 2\nMaxRequestWorkers 2\n"
            "MinSpareThreads 2\nMaxSpareThreads 10\n")
    with Server(conf) as s:
        s.start()
        first = hold_worker(s.port)
        wait_for(lambda: "AH10159: server is within MinSpareThreads of MaxRequestWorkers, consider "
                         "raising the MaxRequestWorkers setting" in s.error_log(), 4, what="AH10159")
        second = hold_worker(s.port)
        wait_for(lambda: "AH00484: server reached MaxRequestWorkers setting, consider raising the "
                         "MaxRequestWorkers setting" in s.error_log(), 4, what="AH00484")
        time.sleep(1.5)
        assert s.error_log().count("AH00484") == 1               # once per server lifetime
        for c in (first, second):
            assert release(c)[0] == 200


def test_scoreboard_full_during_graceful_with_server_limit_one():
    conf = ("StartServers 1\nServerLimit 1\nThreadsPerChild 2\nMaxRequestWorkers 2\n"
            "MinSpareThreads 1\nMaxSpareThreads 10\n")
    with Server(conf) as s:
        s.start()
        old = s.children()
        busy = hold_worker(s.port)
        time.sleep(0.2)
        assert s.ctl("-k", "graceful").returncode == 0
        wait_for(lambda: "AH03490: scoreboard is full, not at MaxRequestWorkers.Increase ServerLimit."
                         in s.error_log(), 4, what="AH03490")
        assert s.children() == old                  # no slot for the new generation yet
        assert release(busy)[2] == b"hello\n"
        wait_for(lambda: s.children() and s.children() != old, 5, what="new generation child")
        assert not any(alive(p) for p in old)


@pytest.mark.slow
def test_reclaim_schedule_for_a_child_that_does_not_exit():
    """SIGTERM at once, again at 3, 5 and 7 s (AH00045), SIGKILL at 9 s (AH00046)."""
    with Server("StartServers 1\nServerLimit 1\nThreadsPerChild 2\nMaxRequestWorkers 2\n") as s:
        s.start()
        master = s.master_pid()
        child = s.children()[0]
        os.kill(child, signal.SIGSTOP)             # a stopped process cannot act on SIGTERM
        t0 = time.monotonic()
        os.kill(master, signal.SIGTERM)
        wait_for(lambda: not alive(master), 15, what="master exit")
        assert 8.5 < time.monotonic() - t0 < 12
        log = s.error_log()
        assert log.count(f"AH00045: child process {child} still did not exit, sending a SIGTERM") == 3
        assert f"AH00046: child process {child} still did not exit, sending a SIGKILL" in log
        assert not alive(child)
