"""Start, pid file, -k actions, signals and generations, against real processes."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time

import pytest

from tests.mpm.harness import Server, alive, hold_worker, http_get, read_response, release, wait_for

SMALL = """\
StartServers 2
ServerLimit 4
ThreadsPerChild 4
MaxRequestWorkers 16
MinSpareThreads 4
MaxSpareThreads 12
"""


def connects(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def body_of(port: int, path: str = "/") -> bytes:
    status, _h, body, sock = http_get(port, path, {"Connection": "close"})
    sock.close()
    assert status == 200
    return body


def test_start_pidfile_already_running_stop():
    with Server(SMALL) as s:
        r = s.ctl("-k", "start")
        assert r.returncode == 0 and r.stdout == "" and r.stderr == ""
        s.wait_serving()
        master = s.master_pid()
        assert s.pid_file.read_text() == f"{master}\n"
        assert oct(s.pid_file.stat().st_mode & 0o777) == "0o644"
        assert os.getsid(master) == master                      # detached: its own session
        wait_for(lambda: len(s.children()) == 2, what="StartServers children")
        assert body_of(s.port) == b"hello\n"
        log = s.error_log()
        assert re.search(r"\[mpm_event:notice\] \[pid %d:tid %d\] AH00489: Apache/2\.4\.71 \(Debian\) "
                         r"configured -- resuming normal operations" % (master, master), log)
        assert f"AH00094: Command line: 'apachepy -d {s.root} -f conf/httpd.conf'" in log

        r = s.ctl("-k", "start")
        assert (r.returncode, r.stdout) == (0, f"httpd (pid {master}) already running\n")
        r = s.ctl()                                                # no -k: the same check
        assert (r.returncode, r.stdout) == (0, f"httpd (pid {master}) already running\n")

        kids = s.children()
        r = s.ctl("-k", "stop")
        assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
        wait_for(lambda: not alive(master) and not any(alive(k) for k in kids), 10, what="stop")
        assert not s.pid_file.exists()
        log = s.error_log()
        assert f"AH00096: removed PID file {s.pid_file} (pid={master})" in log
        assert "AH00491: caught SIGTERM, shutting down" in log
        r = s.ctl("-k", "stop")
        assert (r.returncode, r.stdout) == (0, "httpd (no pid file) not running\n")


def test_stale_and_garbage_pid_files():
    with Server(SMALL) as s:
        p = subprocess.Popen(["true"])            # a pid that is surely not running now
        p.wait()
        stale = p.pid
        s.pid_file.write_text(f"{stale}\n")
        for action in ("stop", "graceful-stop"):
            r = s.ctl("-k", action)
            assert (r.returncode, r.stdout) == (0, f"httpd (pid {stale}?) not running\n"), action
        s.pid_file.write_text("garbage\n")
        r = s.ctl("-k", "start")
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr == ("(20014)Internal error (specific information not available): AH00058: Error "
                            "retrieving pid file run/httpd.pid\nAH00059: Remove it before continuing if it "
                            "is corrupted.\n")
        s.pid_file.write_text(f"{stale}\n")
        r = s.ctl("-k", "restart")
        assert (r.returncode, r.stdout) == (0, "httpd not running, trying to start\n")
        s.wait_serving()
        assert s.master_pid() != stale
        assert re.search(r"\[core:warn\] .* AH00098: pid file %s overwritten -- Unclean shutdown of "
                         r"previous Apache run\?" % re.escape(str(s.pid_file)), s.error_log())


def _client_loop(port: int, stop: threading.Event, results: list, failures: list) -> None:
    while not stop.is_set():
        try:
            results.append(body_of(port))
        except Exception as e:            # any refused, reset or truncated exchange
            failures.append(repr(e))


def new_docroot(s: Server, name: str, text: str) -> str:
    """Another DocumentRoot with its own index.html: shows which configuration answered."""
    (s.root / name).mkdir()
    (s.root / name / "index.html").write_text(text)
    return f"DocumentRoot {name}\n"


def test_graceful_restart_serves_new_config_without_failures():
    with Server(SMALL) as s:
        s.start()
        master = s.master_pid()
        old_kids = set(wait_for(lambda: s.children() if len(s.children()) == 2 else None))
        stop = threading.Event()
        results: list = []
        failures: list = []
        clients = [threading.Thread(target=_client_loop, args=(s.port, stop, results, failures))
                   for _ in range(4)]
        for t in clients:
            t.start()
        try:
            busy = hold_worker(s.port)                 # a request in flight across the graceful
            idle_status, _h, _b, idle = http_get(s.port, "/")          # an idle keep-alive one
            assert idle_status == 200
            time.sleep(0.3)
            s.write_conf(SMALL + new_docroot(s, "second", "second generation\n"))
            r = s.ctl("-k", "graceful")
            assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
            # the idle keep-alive connection of the old generation is closed at once
            idle.settimeout(3)
            t0 = time.monotonic()
            assert idle.recv(100) == b""
            assert time.monotonic() - t0 < 1.5
            wait_for(lambda: results and results[-1] == b"second generation\n", what="new generation")
            # the old child finishes the request in flight, with Connection: close
            status, headers, body = release(busy)
            assert (status, body, headers["connection"]) == (200, b"hello\n", "close")
            wait_for(lambda: not (set(s.children()) & old_kids), what="old children gone")
        finally:
            stop.set()
            for t in clients:
                t.join(10)
        assert failures == []
        assert b"hello\n" in results and len(results) > 20
        assert s.master_pid() == master
        assert "AH00493: SIGUSR1 received.  Doing graceful restart" in s.error_log()
        # StartServers of the new generation; idle maintenance may have added one under the load
        # of the client loop (MaxSpareThreads does not retire it), never beyond ServerLimit
        assert 2 <= len(s.children()) <= 4


def test_restart_rereads_config_and_refuses_broken_one():
    with Server(SMALL) as s:
        s.start()
        master = s.master_pid()
        old_kids = set(wait_for(lambda: s.children() if len(s.children()) == 2 else None))
        s.write_conf(SMALL + new_docroot(s, "third", "third\n"))
        r = s.ctl("-k", "restart")
        assert (r.returncode, r.stdout) == (0, "")
        wait_for(lambda: body_of(s.port) == b"third\n", what="restarted config")
        assert not (set(s.children()) & old_kids)
        assert "AH00494: SIGHUP received.  Attempting to restart" in s.error_log()

        kids = set(s.children())
        s.write_conf(SMALL + "DocumentRoot third\nBogusDirective on\n")
        for action in ("graceful", "restart"):
            r = s.ctl("-k", action)
            assert r.returncode == 1 and "AH00526: Syntax error on line" in r.stderr, r.stderr
        time.sleep(0.5)
        assert s.master_pid() == master and set(s.children()) == kids
        assert body_of(s.port) == b"third\n"

        # a raw SIGHUP with a broken config ends the server, pid file left behind (A.15)
        os.kill(master, signal.SIGHUP)
        wait_for(lambda: not alive(master), what="master exit")
        wait_for(lambda: not any(alive(k) for k in kids), what="children exit")
        assert s.pid_file.exists()
        log = s.error_log()
        assert "AH00526: Syntax error on line" in log and "Invalid command 'BogusDirective'" in log


def test_graceful_stop_finishes_requests():
    with Server(SMALL) as s:
        s.start()
        master = s.master_pid()
        kids = wait_for(lambda: s.children() if len(s.children()) == 2 else None)
        busy = hold_worker(s.port)
        time.sleep(0.3)
        r = s.ctl("-k", "graceful-stop")
        assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
        wait_for(lambda: not s.pid_file.exists(), 3, what="pid file removed")
        wait_for(lambda: not connects(s.port), 3, what="listeners closed")
        status, headers, body = release(busy)
        assert (status, body, headers["connection"]) == (200, b"hello\n", "close")
        wait_for(lambda: not alive(master) and not any(alive(k) for k in kids), 10, what="exit")
        assert "AH00492: caught SIGWINCH, shutting down gracefully" in s.error_log()


def test_graceful_shutdown_timeout_cuts_long_requests():
    with Server(SMALL + "GracefulShutdownTimeout 1\n") as s:
        s.start()
        master = s.master_pid()
        busy = hold_worker(s.port)
        time.sleep(0.3)
        t0 = time.monotonic()
        s.ctl("-k", "graceful-stop")
        wait_for(lambda: not alive(master), 8, what="master exit")
        assert time.monotonic() - t0 < 5
        assert busy.recv(100) == b""


def test_stop_does_not_wait_for_requests():
    with Server(SMALL) as s:
        s.start()
        master = s.master_pid()
        kids = s.children()
        busy = hold_worker(s.port)
        time.sleep(0.3)
        t0 = time.monotonic()
        os.kill(master, signal.SIGTERM)
        wait_for(lambda: not alive(master) and not any(alive(k) for k in kids), 5, what="stop")
        assert time.monotonic() - t0 < 2
        assert busy.recv(100) == b""


def test_foreground_and_single_process():
    with Server(SMALL) as s:
        s.start("-DFOREGROUND")
        assert s.master_pid() == s.proc.pid                      # not detached
        wait_for(lambda: len(s.children()) == 2, what="children")
        assert body_of(s.port) == b"hello\n"
        os.kill(s.proc.pid, signal.SIGINT)
        assert s.proc.wait(10) == 0
        assert "AH00491: caught SIGTERM, shutting down" in s.error_log()

    with Server(SMALL) as s:
        s.start("-X")
        pid = s.proc.pid
        assert s.master_pid() == pid and s.children() == []
        assert body_of(s.port) == b"hello\n"
        assert wait_for(s.served_by) == [pid]
        threads = len(os.listdir(f"/proc/{pid}/task"))
        assert threads == 4 + 2                                  # workers, listener, main thread
        os.kill(pid, signal.SIGTERM)
        assert s.proc.wait(10) == 0
        assert s.pid_file.exists()                               # httpd -X leaves it too
        assert "AH00489" not in s.error_log()


def test_bind_failure_is_reported_on_stderr():
    with Server(SMALL) as s:
        blocker = socket.socket()
        blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        blocker.bind(("127.0.0.1", s.port))
        blocker.listen()
        try:
            r = s.ctl("-k", "start")
        finally:
            blocker.close()
        assert r.returncode == 1
        assert r.stderr == (f"(98)Address already in use: AH00072: make_sock: could not bind to address "
                            f"127.0.0.1:{s.port}\nno listening sockets available, shutting down\n"
                            "AH00015: Unable to open logs\n")
        assert not s.pid_file.exists()
