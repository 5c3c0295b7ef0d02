"""The MPM's pure pieces: throttle arithmetic, head timeouts, timeout queues, pid files."""
from __future__ import annotations

import os

import pytest

from apachepy.mpm import pidfile
from apachepy.mpm.listener import above_limit
from apachepy.mpm.timeouts import HeadQueue, StageTimeout, TimeoutQueue


def first_refused(threads: int, factor: float, idle: int) -> int:
    """Which concurrent keep-alive connection a child no longer accepts (C.4)."""
    n = 0
    while not above_limit(n, 0, 0, idle, False, threads, int(factor)):
        n += 1
    return n + 1


@pytest.mark.parametrize("threads,factor,refused", [
    (2, 2, 7),        # verified on httpd: 2 + 2 x 2 = 6 connections, the 7th waits
    (2, 1.9, 5),      # the factor's integer part is used: 2 + 2 x 1
    (2, 2.9, 7),
    (4, 64, 4 + 4 * 64 + 1),
    (25, 2, 76),
])
def test_accept_limit(threads, factor, refused):
    assert first_refused(threads, factor, threads) == refused


def test_throttle_details():
    assert above_limit(0, 0, 0, 0, False, 25, 2)          # no idle worker: never accept
    assert not above_limit(10, 10, 0, 1, False, 1, 1)     # lingering ones do not count
    assert not above_limit(100, 0, 99, 1, False, 1, 1)    # nor ones still reading their first head
    # hysteresis: once disabled, one idle worker less is counted
    assert not above_limit(5, 0, 0, 2, False, 2, 2)
    assert above_limit(5, 0, 0, 2, True, 2, 2)
    assert not above_limit(3, 0, 0, 2, True, 2, 2)


def test_head_timeout():
    rt = StageTimeout(20, 40, 500, False)          # mod_reqtimeout's header=20-40,MinRate=500
    assert rt.deadline(100, 100, 0) == 120
    assert rt.deadline(100, 130, 5000) == 130      # 5000 bytes at 500/s buy 10 s
    assert rt.deadline(100, 130, 10 ** 6) == 140   # never beyond the maximum
    assert StageTimeout(20, 20, 0, False).deadline(100, 119, 10 ** 6) == 120
    per_read = StageTimeout(60, 60, 0, True)        # no mod_reqtimeout: Timeout per read
    assert per_read.deadline(100, 150, 10) == 210


def test_timeout_queue_fifo():
    q = TimeoutQueue(5)
    a, b, c = object(), object(), object()
    q.push(a, 0)
    q.push(b, 1)
    q.push(c, 2)
    q.remove(b)
    assert q.next_expiry() == 5 and len(q) == 2
    assert q.pop_expired(6) == [a]
    assert q.pop_expired(6.5) == []
    assert q.pop_all() == [c] and len(q) == 0 and q.next_expiry() is None


class _C:
    def __init__(self, deadline):
        self.head_deadline = deadline


def test_head_queue_moves_with_deadlines():
    q = HeadQueue()
    a, b = _C(10), _C(20)
    q.push(a)
    q.push(b)
    a.head_deadline = 30            # MinRate extended it
    assert q.next_expiry() == 20
    assert q.pop_expired(25) == [b]
    q.remove(a)
    assert q.pop_expired(100) == [] and len(q) == 0


def test_pidfile_read(tmp_path):
    p = tmp_path / "x.pid"
    with pytest.raises(FileNotFoundError):
        pidfile.read(str(p))
    p.write_text("1234\n")
    assert pidfile.read(str(p)) == 1234
    for bad in ("", "abc\n", "9" * 25):
        p.write_text(bad)
        with pytest.raises(pidfile.Corrupt):
            pidfile.read(str(p))


def test_pidfile_write_warns_once(tmp_path):
    class Log:
        def __init__(self):
            self.lines = []

        def log(self, module, level, msg, err=None):
            self.lines.append((module, level, msg))
    p = tmp_path / "httpd.pid"
    p.write_text("1\n")
    pidfile._saved_pid = -1         # as in a fresh process
    log = Log()
    pidfile.write(str(p), log, "apachepy")
    pidfile.write(str(p), log, "apachepy")
    assert p.read_text() == f"{os.getpid()}\n"
    assert oct(p.stat().st_mode & 0o777) == "0o644"
    assert [m for m in log.lines if "AH00098" in m[2]] == [
        ("core", "warn", f"AH00098: pid file {p} overwritten -- Unclean shutdown of previous Apache run?")]
    assert [x.name for x in tmp_path.iterdir()] == ["httpd.pid"]      # no temp file left
