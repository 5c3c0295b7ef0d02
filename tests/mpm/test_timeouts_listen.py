"""Keep-alive and request-head timeouts, listeners, detaching and process setup."""
from __future__ import annotations

import os
import pwd
import socket
import subprocess
import time

import pytest

from tests.mpm.harness import Server, alive, http_get, wait_for
from tests.support.servers import free_port

ONE = "StartServers 1\nServerLimit 2\nThreadsPerChild 2\nMaxRequestWorkers 4\n"


def test_keepalive_timeout_of_the_requests_vhost():
    """KeepAliveTimeout comes from the request's vhost if it sets one, else from the base
    server of the address (the first vhost), as httpd does."""
    conf = ONE + ("KeepAliveTimeout 1\n"
                  "<VirtualHost *:@PORT@>\n  ServerName first.test\n  KeepAliveTimeout 4\n</VirtualHost>\n"
                  "<VirtualHost *:@PORT@>\n  ServerName quick.test\n  KeepAliveTimeout 1\n</VirtualHost>\n"
                  "<VirtualHost *:@PORT@>\n  ServerName plain.test\n</VirtualHost>\n")
    with Server(conf) as s:
        s.start()
        socks = {}
        for name in ("quick.test", "plain.test", "first.test"):
            socks[name] = http_get(s.port, "/", {"Host": name})[3]
            socks[name].settimeout(6)
        t0 = time.monotonic()
        assert socks["quick.test"].recv(100) == b""
        assert 0.7 < time.monotonic() - t0 < 2.0
        for name in ("plain.test", "first.test"):
            assert socks[name].recv(100) == b""
            assert 3.0 < time.monotonic() - t0 < 5.5
        for sock in socks.values():
            sock.close()


def test_request_head_timeout_without_reqtimeout():
    """Without mod_reqtimeout the listener waits Timeout for each read of the head."""
    with Server(ONE + "Timeout 2\n") as s:
        s.start()
        opened = time.monotonic()
        silent = socket.create_connection(("127.0.0.1", s.port))
        partial = socket.create_connection(("127.0.0.1", s.port))
        partial.sendall(b"GET / HT")
        time.sleep(1.0)
        partial.sendall(b"TP/1.1")              # activity restarts the per-read timeout
        for sock, expected in ((silent, 2.0), (partial, 3.0)):
            sock.settimeout(6)
            assert sock.recv(100) == b""        # closed without a response
            assert expected - 0.3 < time.monotonic() - opened < expected + 1.0
            sock.close()


def test_request_body_timeout():
    """mod_reqtimeout's body stage: body=2 gives a body 2 s, however it trickles in."""
    conf = ONE + "LoadModule reqtimeout_module modules/mod_reqtimeout.so\nRequestReadTimeout body=2\n"
    with Server(conf) as s:
        s.start()
        c = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        c.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\n\r\n")
        t0 = time.monotonic()
        c.settimeout(0.4)
        got = b""
        while time.monotonic() - t0 < 8:
            try:
                c.send(b"x")
                data = c.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                break
            if not data:
                break
            got += data
        assert 1.8 < time.monotonic() - t0 < 4.0
        assert not got.startswith(b"HTTP/1.1 200")
        c.close()


def test_tcp_defer_accept_and_accept_filter_none():
    """A silent client is not even accepted under TCP_DEFER_ACCEPT (the default 30 s), unless
    `AcceptFilter http none` turns it off."""
    from apachepy.mpm.scoreboard import Scoreboard
    for extra, expected in (("", 0), ("AcceptFilter http none\n", 3)):
        conf = ONE + "ListenTCPDeferAccept 30\nScoreBoardFile run/sb\n" + extra
        with Server(conf) as s:
            s.start()
            time.sleep(0.6)                   # the harness's own probe connection is gone
            silent = [socket.create_connection(("127.0.0.1", s.port)) for _ in range(3)]
            board = Scoreboard.attach(str(s.root / "run" / "sb"))
            time.sleep(1.2)
            assert sum(p.connections for p in board.snapshot().processes) == expected, extra
            for c in silent:
                c.close()


def test_wildcard_and_ipv6_listeners():
    v6 = socket.has_ipv6
    try:
        socket.socket(socket.AF_INET6).close()
    except OSError:
        v6 = False
    other = free_port()
    conf = ONE + f"Listen {other}\n"
    if v6:
        conf += "Listen [::1]:@PORT@\n"
    with Server(conf) as s:
        s.start()
        targets = [("127.0.0.1", s.port), ("127.0.0.1", other)]
        if v6:
            targets += [("::1", other), ("::1", s.port)]
        for host, port in targets:
            c = socket.create_connection((host, port), timeout=5)
            c.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            assert c.recv(100).startswith(b"HTTP/1.1 200 OK"), (host, port)
            c.close()


def test_no_detach_keeps_the_process_but_leaves_the_terminal():
    with Server(ONE) as s:
        proc = subprocess.Popen(s.argv("-DNO_DETACH"), env=s.env(), cwd=s.root,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            s.wait_serving()
            assert s.master_pid() == proc.pid and proc.poll() is None
            assert os.getsid(proc.pid) == proc.pid               # a session of its own
            assert proc.stdout.read(1) == b""                    # stdout went to /dev/null
        finally:
            s.stop()
            proc.wait(10)
            proc.stdout.close()
            proc.stderr.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root (privilege drop)")
def test_core_dump_directory():
    with Server(ONE + "User nobody\nGroup nogroup\nCoreDumpDirectory /tmp\n") as s:
        s.start()
        child = wait_for(lambda: s.children() and s.children()[0])
        nobody = pwd.getpwnam("nobody").pw_uid
        # dumpable again after setuid: its /proc files belong to the user, not to root (the
        # child may not have switched yet when first seen)
        wait_for(lambda: os.stat(f"/proc/{child}/status").st_uid == nobody, what="the child's setuid")
        assert os.readlink(f"/proc/{child}/cwd") == "/tmp"
    with Server(ONE + "User nobody\nGroup nogroup\n") as s:
        s.start()
        child = wait_for(lambda: s.children() and s.children()[0])
        assert os.stat(f"/proc/{child}/status").st_uid == 0      # not dumpable: root owns them
        assert alive(child)
