"""Children: replacement of dead ones, fatal start failures, privileges, MaxConnectionsPerChild."""
from __future__ import annotations

import os
import pwd
import resource
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.mpm.harness import Server, alive, http_get, wait_for

ONE = """\
StartServers 2
ServerLimit 4
ThreadsPerChild 2
MaxRequestWorkers 8
MinSpareThreads 2
MaxSpareThreads 8
"""

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (privilege drop)")


def pid_of_request(s: Server) -> int:
    """Make one request; the pid of the process that served it (the access log's %P)."""
    before = len(s.served_by())
    status, _h, _body, sock = http_get(s.port, "/", {"Connection": "close"})
    sock.close()
    assert status == 200
    return wait_for(lambda: s.served_by()[before:], 3, what="access log line")[0]


def uids(pid: int) -> list[int]:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return [int(x) for x in line.split()[1:]]
    raise AssertionError("no Uid line")


def test_killed_child_is_replaced():
    with Server(ONE) as s:
        s.start()
        kids = wait_for(lambda: s.children() if len(s.children()) == 2 else None)
        victim = kids[0]
        os.kill(victim, signal.SIGSEGV)
        wait_for(lambda: victim not in s.children() and len(s.children()) == 2, 5, what="replacement")
        assert f"AH00052: child pid {victim} exit signal Segmentation fault (11)" in s.error_log()
        assert pid_of_request(s) in s.children()
        # SIGKILL/SIGTERM deaths are not logged, but replaced as well
        victim = s.children()[0]
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda: victim not in s.children() and len(s.children()) == 2, 5, what="replacement")
        assert f"child pid {victim}" not in s.error_log()


@as_root
def test_privilege_drop():
    with Server(ONE + "User nobody\nGroup nogroup\n") as s:
        s.start()
        kids = wait_for(lambda: s.children() if len(s.children()) == 2 else None)
        nobody = pwd.getpwnam("nobody").pw_uid
        assert uids(s.master_pid()) == [0, 0, 0, 0]
        for kid in kids:
            assert uids(kid) == [nobody] * 4
            for tid in os.listdir(f"/proc/{kid}/task"):
                assert uids(int(tid)) == [nobody] * 4
        assert pid_of_request(s) in kids

    with Server(ONE + f"User #{nobody}\nGroup #{nobody}\n") as s:   # -X drops privileges too
        s.start("-X")
        assert uids(s.proc.pid) == [nobody] * 4
        assert pid_of_request(s) == s.proc.pid

    with Server(ONE + "User #4242\nGroup #4242\n") as s:
        s.start()                          # a uid without a passwd entry: httpd stays root
        assert all(uids(k) == [0] * 4 for k in s.children())
        assert "AH02155: getpwuid: couldn't determine user name from uid 4242, you probably need to " \
               "modify the User directive" in s.error_log()


@as_root
def test_child_failing_at_start_stops_the_server():
    """A child that cannot start its threads exits with APEXIT_CHILDSICK; as no child ever
    started, the master stops (AH02324) instead of forking replacements forever.
    (RLIMIT_NPROC binds `nobody`, not root.)"""
    with Server(ONE + "User nobody\nGroup nogroup\n") as s:
        def limit():
            resource.setrlimit(resource.RLIMIT_NPROC, (1, 1))
        proc = subprocess.Popen(s.argv("-DFOREGROUND"), env=s.env(), cwd=s.root, preexec_fn=limit,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            assert proc.wait(15) == 1
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()
        log = s.error_log()
        assert "(11)Resource temporarily unavailable: AH00480: ap_thread_create: unable to create " \
               "worker thread" in log
        assert "AH02324: A resource shortage or other unrecoverable failure was encountered before any " \
               "child process initialized successfully... httpd is exiting!" in log
        assert s.pid_file.exists()           # not a clean shutdown: the pid file stays


def test_thread_stack_size():
    with Server(ONE + "ThreadStackSize 1048576\n") as s:
        s.start()
        assert pid_of_request(s) in s.children()
        assert "AH02436" not in s.error_log()
    with Server(ONE + "ThreadStackSize 1000\n") as s:          # too small for Python: default used
        s.start()
        assert pid_of_request(s) in s.children()
        assert "[mpm_event:warn]" in s.error_log()
        assert "AH02436: WARNING: ThreadStackSize of 1000 is inappropriate, using default" in s.error_log()


def test_max_connections_per_child():
    with Server(ONE + "MaxConnectionsPerChild 5\n") as s:
        s.start()
        seen = Counter(pid_of_request(s) for _ in range(16))
        assert max(seen.values()) <= 5, seen
        assert len(seen) >= 4, seen
        wait_for(lambda: len(s.children()) == 2, 5, what="replacements")
        for pid in seen:
            if pid not in s.children():
                assert not alive(pid)


def test_prefork_configuration_runs_one_thread_children():
    """apachepy has only the event MPM: mpm_prefork's servers become one-thread children."""
    with Server("StartServers 3\nMinSpareServers 1\nMaxSpareServers 5\nServerLimit 5\nMaxRequestWorkers 5\n") as s:
        conf = s.root / "conf" / "httpd.conf"
        conf.write_text(conf.read_text().replace("mpm_event_module modules/mod_mpm_event.so",
                                                 "mpm_prefork_module modules/mod_mpm_prefork.so"))
        s.start()
        kids = wait_for(lambda: s.children() if len(s.children()) == 3 else None, what="3 children")
        for kid in kids:                                              # one worker, listener, main
            wait_for(lambda: len(os.listdir(f"/proc/{kid}/task")) == 1 + 2, 3, what="threads")
        assert pid_of_request(s) in kids
