"""ListenCoresBucketsRatio: listener buckets with SO_REUSEPORT, as httpd's
ap_duplicate_listeners and event_run make them (checked against apache2 2.4.71 on this machine:
with 2 CPUs and a ratio of 1 the parent holds 2 listening sockets for one Listen, each child
only its own bucket's, and StartServers 1 becomes 2 children)."""
from __future__ import annotations

import os
import socket
import subprocess

import pytest

from apachepy.mpm.sockets import have_reuseport
from tests.mpm.harness import Server, wait_for

CPUS = os.sysconf("SC_NPROCESSORS_ONLN")

pytestmark = pytest.mark.skipif(CPUS < 2 or not have_reuseport(), reason="needs 2 CPUs and SO_REUSEPORT")

CONF = """\
StartServers 1
ServerLimit 4
ThreadsPerChild 2
MaxRequestWorkers 8
MinSpareThreads 1
MaxSpareThreads 8
"""


def listen_inodes(port: int) -> set[str]:
    """Inodes of the TCP sockets listening on 127.0.0.1:port (/proc/net/tcp, state 0A)."""
    out = set()
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            fields = line.split()
            if fields[1] == f"0100007F:{port:04X}" and fields[3] == "0A":
                out.add(fields[9])
    return out


def held(pid: int, inodes: set[str]) -> set[str]:
    """Which of `inodes` the process has open."""
    out = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            out.add(target[8:-1])
    return out


def get(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        while s.recv(65536):
            pass


def test_buckets_sockets_children_and_restarts():
    with Server(CONF + "ListenCoresBucketsRatio 1\n") as s:
        s.start()
        n = CPUS
        assert f"AH02819: Using {n} listeners bucket(s) based on {n} online CPU cores and a ratio of 1" \
            in s.error_log()
        sockets = wait_for(lambda: (lambda i: i if len(i) == n else None)(listen_inodes(s.port)), 5,
                           what=f"{n} listening sockets")
        master = s.master_pid()
        assert held(master, sockets) == sockets
        # StartServers is raised to the number of buckets; each child listens on one bucket only
        kids = wait_for(lambda: (lambda k: k if len(k) == n else None)(s.children()), 10, what=f"{n} children")
        owned = [held(pid, sockets) for pid in kids]
        assert all(len(o) == 1 for o in owned) and set().union(*owned) == sockets
        # the kernel spreads new connections over the buckets, so every child serves some
        for _ in range(200):
            get(s.port)
            if set(s.served_by()) >= set(kids):
                break
        assert set(s.served_by()) >= set(kids)

        # a graceful restart keeps the number of buckets even when the ratio changes
        s.write_conf(CONF + "ListenCoresBucketsRatio 2\n")
        assert s.ctl("-k", "graceful").returncode == 0
        wait_for(lambda: s.error_log().count("AH00489") >= 2, 10, what="the graceful restart")
        get(s.port)
        assert len(listen_inodes(s.port)) == n
        # a restart computes it again: CPUS / 2 buckets (one on a 2-CPU machine)
        assert s.ctl("-k", "restart").returncode == 0
        wait_for(lambda: s.error_log().count("AH00489") >= 3, 15, what="the restart")
        m = max(1, CPUS // 2)
        assert f"AH02819: Using {m} listeners bucket(s) based on {n} online CPU cores and a ratio of 2" \
            in s.error_log()
        wait_for(lambda: len(listen_inodes(s.port)) == m, 5, what=f"{m} listening sockets")
        get(s.port)


def test_without_ratio_one_socket_and_no_reuseport():
    with Server(CONF) as s:
        s.start()
        inodes = wait_for(lambda: listen_inodes(s.port) or None, 5, what="the listener")
        assert len(inodes) == 1 and "AH02819" not in s.error_log()
        # nothing else may bind the port: SO_REUSEPORT is only set with a ratio
        other = socket.socket()
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        with pytest.raises(OSError):
            other.bind(("127.0.0.1", s.port))
        other.close()


@pytest.mark.parametrize("value", ["0", "-1", "abc"])
def test_invalid_ratio_is_a_syntax_error_as_in_apache2(tmp_path, value):
    conf = tmp_path / "httpd.conf"
    conf.write_text("LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n"
                    f"ServerName x\nListen 127.0.0.1:1\nListenCoresBucketsRatio {value}\n")
    theirs = subprocess.run(["apache2", "-t", "-f", str(conf)], capture_output=True, text=True, timeout=20)
    with Server("") as s:               # only its CLI (a later -f wins)
        ours = s.ctl("-t", "-f", str(conf))
    assert ours.returncode == theirs.returncode == 1
    assert "ListenCoresBucketsRatio must be > 0" in theirs.stderr
    assert ours.stderr.splitlines()[-2:] == theirs.stderr.splitlines()[-2:]
