"""Logging beyond the plain access log, against Debian's apache2: BufferedLogs (blocks of whole
lines, flushed when a child ends), per-directory and per-module LogLevel (r->log), and piped
logs (`|prog`, `||prog`, `|$command`; a dead access-log program is started again, an ErrorLog
program is not; graceful restarts start new programs)."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.servers import ApacheServer, ApachepyServer, raw_request

from .http_oracle import OraclePair, available, check, docroot_dir, make_tree

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

M = "/usr/lib/apache2/modules"
BASE = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
<Directory @DOCROOT@>
  Require all granted
</Directory>
"""

# a piped-log program: notes its pid, cwd and arguments, then copies stdin to the file
LOGGER = """#!/usr/bin/env python3
import os, sys
with open(sys.argv[1], "ab", buffering=0) as f:
    f.write(("START %d %s %s\\n" % (os.getpid(), os.getcwd(), " ".join(sys.argv[1:]))).encode())
    for line in sys.stdin.buffer:
        f.write(line)
"""


@pytest.fixture(scope="module")
def docroot():
    d = make_tree(docroot_dir(), {"index.html": b"hello\n"})
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="module")
def logger(docroot):
    path = os.path.join(docroot, "logger.py")
    Path(path).write_text(LOGGER)
    os.chmod(path, 0o755)
    return path


def servers(conf, docroot):
    """apache2 and apachepy with a master and children (apachepy's default in tests is -X)."""
    return ApacheServer(conf, docroot), ApachepyServer(conf, docroot, extra_args=["-DFOREGROUND"])


def wait_until(pred, timeout=10.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def read(path) -> str:
    return Path(path).read_text(errors="replace") if os.path.exists(path) else ""


def graceful_stop(s) -> None:
    os.kill(s.pid, signal.SIGWINCH)
    s.proc.wait(timeout=20)


# -- BufferedLogs -------------------------------------------------------------------------------

def test_buffered_logs_wait_for_the_child_to_end_and_lose_nothing(docroot):
    conf = BASE + 'BufferedLogs On\nCustomLog logs/access_log "%r %>s"\n'
    got = []
    for s in servers(conf, docroot):
        with s:
            for i in range(5):
                raw_request(s.port, f"GET /index.html?{i} HTTP/1.0\r\n\r\n".encode())
            time.sleep(0.5)
            # 5 short lines fit the 4096-byte buffer of whichever children served them
            assert read(s.access_log) == "", s.name
            graceful_stop(s)
            got.append(sorted(read(s.access_log).splitlines()))
    assert got[0] == got[1] == sorted(f"GET /index.html?{i} HTTP/1.0 200" for i in range(5))


def test_buffered_logs_write_whole_lines_in_blocks(docroot):
    conf = BASE + 'BufferedLogs On\nCustomLog logs/access_log "%r %>s %{X-Pad}i"\n'
    line = re.compile(r"GET /index\.html\?(\d+) HTTP/1\.0 200 x{100}\Z")
    for s in servers(conf, docroot):
        with s:
            sizes = set()
            for i in range(150):
                raw_request(s.port, f"GET /index.html?{i} HTTP/1.0\r\nX-Pad: {'x' * 100}\r\n\r\n".encode())
                text = read(s.access_log)
                if not text.endswith("\n"):
                    time.sleep(0.1)          # a block being written as we read: let it land
                    text = read(s.access_log)
                sizes.add(len(text))
                # a block always ends with a whole line, and lines are never torn
                assert text == "" or text.endswith("\n"), s.name
                assert all(line.match(x) for x in text.splitlines()), s.name
            # 150 lines of ~140 bytes do not fit the children's buffers: some blocks went out,
            # each of many lines (unbuffered, the file would grow with every request)
            assert max(sizes) > 0 and len(sizes) < 30, (s.name, sorted(sizes))
            graceful_stop(s)
            seen = sorted(int(line.match(x).group(1)) for x in read(s.access_log).splitlines())
            assert seen == list(range(150)), s.name


# -- LogLevel in sections -----------------------------------------------------------------------

LOGLEVEL_CONF = BASE + """
LogFormat "%r %>s" t
CustomLog logs/access_log t
<Location /info>
  LogLevel info
</Location>
<Location /mod>
  LogLevel core:info
</Location>
<Location /reset>
  LogLevel core:info
</Location>
<Location /reset/inner>
  LogLevel warn
</Location>
<Location /other>
  LogLevel info core:warn
</Location>
<Directory @DOCROOT@/dir>
  LogLevel info
</Directory>
<VirtualHost *:@PORT@>
  ServerName localhost
</VirtualHost>
<VirtualHost *:@PORT@>
  ServerName modhost
  LogLevel core:info
  <Location /quiet>
    LogLevel error
  </Location>
</VirtualHost>
"""


@pytest.fixture(scope="module")
def loglevel_pair(docroot):
    os.makedirs(os.path.join(docroot, "dir"), exist_ok=True)
    p = OraclePair(LOGLEVEL_CONF, docroot)
    yield p
    p.close()


@pytest.mark.parametrize("host,path", [
    ("localhost", "/info/missing"),          # info here: AH00128 is logged
    ("localhost", "/mod/missing"),           # core at info
    ("localhost", "/reset/missing"),
    ("localhost", "/reset/inner/missing"),   # a level set again resets the module levels
    ("localhost", "/other/missing"),         # info, but core at warn
    ("localhost", "/dir/missing"),           # <Directory> LogLevel info
    ("localhost", "/plain/missing"),         # the server's warn: nothing logged
    ("modhost", "/missing"),                 # a vhost with only a module level keeps warn + core:info
    ("modhost", "/quiet/missing"),
])
def test_loglevel_per_directory(loglevel_pair, host, path):
    check(loglevel_pair, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())


def test_loglevel_per_directory_logs_in_one_location_only(loglevel_pair):
    """The point of the comparison above, stated: the same message, one Location only."""
    check(loglevel_pair, b"GET /info/nothing-here HTTP/1.0\r\n\r\n")
    check(loglevel_pair, b"GET /plain/nothing-here HTTP/1.0\r\n\r\n")
    errors = loglevel_pair.ours.read_error_log()
    assert "AH00128: File does not exist: " + loglevel_pair.docroot + "/info/nothing-here" in errors
    assert "/plain/nothing-here" not in errors


# -- piped logs ---------------------------------------------------------------------------------

def _starts(text: str) -> list[str]:
    return [x for x in text.splitlines() if x.startswith("START ")]


def _lines(text: str) -> list[str]:
    return [x for x in text.splitlines() if not x.startswith("START ")]


def test_piped_access_logs_are_restarted(docroot, logger):
    conf = BASE + (f'CustomLog "|{logger} @ROOT@/logs/p1" "%r %>s"\n'
                   f'CustomLog "||{logger} @ROOT@/logs/p2" "%r %>s"\n'
                   f'CustomLog "|${logger} @ROOT@/logs/p3 2>&1" "%r %>s"\n')
    found = []
    for s in servers(conf, docroot):
        with s:
            logs = [os.path.join(s.root, "logs", f"p{n}") for n in (1, 2, 3)]
            raw_request(s.port, b"GET /one HTTP/1.0\r\n\r\n")
            for p in logs:
                wait_until(lambda: "GET /one" in read(p), what=f"{s.name} {p}")
            # no shell for | and ||: the program itself reads the pipe, in ServerRoot
            starts = [_starts(read(p)) for p in logs]
            assert all(len(x) >= 1 for x in starts), s.name
            for p, st in zip(logs, starts):
                pid, cwd, args = st[-1].split(" ", 3)[1:]
                assert cwd == s.root and args == p, (s.name, st)
            first = int(starts[0][-1].split()[1])
            os.kill(first, signal.SIGKILL)
            time.sleep(0.3)
            raw_request(s.port, b"GET /two HTTP/1.0\r\n\r\n")
            for p in logs:
                wait_until(lambda: "GET /two" in read(p), what=f"{s.name} {p} after the kill")
            wait_until(lambda: "AH00106" in s.read_error_log(), what="AH00106")
            after = _starts(read(logs[0]))
            assert int(after[-1].split()[1]) != first
            found.append(([_lines(read(p)) for p in logs],
                          [x.replace(s.root, "ROOT").replace(logger, "LOGGER")
                           for x in s.read_error_log().splitlines() if "AH00106" in x]))
    assert found[0] == found[1]
    assert found[0][1] == ["AH00106: piped log program 'LOGGER ROOT/logs/p1' failed unexpectedly"]


def test_daemon_restarts_its_piped_access_log(docroot, logger):
    """After `-k start` detaches, the daemon (not the process that exited) is the logger's
    parent, so a dead logger is still restarted."""
    s = ApachepyServer(BASE + f'CustomLog "|{logger} @ROOT@/logs/p1" "%r %>s"\n', docroot)
    for d in ("logs", "run", "conf"):
        os.makedirs(os.path.join(s.root, d), exist_ok=True)
    os.chmod(s.root, 0o755)
    conf = os.path.join(s.root, "conf", "httpd.conf")
    Path(conf).write_text(s.config())
    ctl = s.command(conf)[:-1] + ["-k"]          # the command without -X, then -k start|stop
    try:
        assert subprocess.run(ctl + ["start"], env=s.env(), timeout=30).returncode == 0
        master = int(wait_until(lambda: read(s.pid_file).strip(), what="the pid file"))
        log = os.path.join(s.root, "logs", "p1")
        wait_until(lambda: _try_request(s.port, b"GET /one HTTP/1.0\r\n\r\n"), what="serving")
        wait_until(lambda: "GET /one" in read(log), what="the first line")
        first = int(_starts(read(log))[-1].split()[1])
        assert Path(f"/proc/{first}/status").read_text().count(f"PPid:\t{master}\n") == 1
        os.kill(first, signal.SIGKILL)
        wait_until(lambda: "AH00106" in s.read_error_log(), what="AH00106")
        raw_request(s.port, b"GET /two HTTP/1.0\r\n\r\n")
        wait_until(lambda: "GET /two" in read(log), what="the line after the kill")
        assert int(_starts(read(log))[-1].split()[1]) != first
    finally:
        subprocess.run(ctl + ["stop"], env=s.env(), timeout=30)
        shutil.rmtree(s.root, ignore_errors=True)


def _try_request(port: int, req: bytes) -> bool:
    try:
        return raw_request(port, req).startswith(b"HTTP/1.1 ")
    except OSError:
        return False


def test_piped_logs_on_graceful_restart(docroot, logger):
    conf = BASE + f'CustomLog "|{logger} @ROOT@/logs/p" "%r %>s"\n'
    for s in servers(conf, docroot):
        with s:
            p = os.path.join(s.root, "logs", "p")
            raw_request(s.port, b"GET /before HTTP/1.0\r\n\r\n")
            wait_until(lambda: "GET /before" in read(p), what=s.name)
            old = int(_starts(read(p))[-1].split()[1])
            os.kill(s.pid, signal.SIGUSR1)
            # the generation's program is ended and a new one started on a new pipe
            wait_until(lambda: f"long lost child came home! (pid {old})" in s.read_error_log(),
                       what=f"{s.name}: the old program reaped")
            wait_until(lambda: int(_starts(read(p))[-1].split()[1]) != old, what="a new program")
            raw_request(s.port, b"GET /after HTTP/1.0\r\n\r\n")
            wait_until(lambda: "GET /after" in read(p), what=f"{s.name} after graceful")
            assert "AH00106" not in s.read_error_log()
            assert _lines(read(p)) == ["GET /before HTTP/1.0 404", "GET /after HTTP/1.0 404"]


def test_piped_error_log_is_not_restarted(docroot, logger):
    conf = BASE + f"""
<VirtualHost *:@PORT@>
  ServerName localhost
  LogLevel info
  ErrorLog "|{logger} @ROOT@/logs/err"
</VirtualHost>
"""
    got = []
    for s in servers(conf, docroot):
        with s:
            p = os.path.join(s.root, "logs", "err")
            raw_request(s.port, b"GET /first HTTP/1.0\r\n\r\n")
            wait_until(lambda: "/first" in read(p), what=s.name)
            pid = int(_starts(read(p))[-1].split()[1])
            os.kill(pid, signal.SIGKILL)
            time.sleep(1.5)                 # a maintenance round of the master
            raw_request(s.port, b"GET /second HTTP/1.0\r\n\r\n")
            time.sleep(1.0)
            text = read(p)
            assert len(_starts(text)) == 1 and "/second" not in text, s.name
            assert "AH00106" not in s.read_error_log()
            got.append([re.sub(r"^\[[^]]*\] \[([^]]*)\] \[pid [^]]*\] \[client [^]]*\] ", r"\1 ", x)
                        .replace(docroot, "DOC") for x in _lines(text)])
    assert got[0] == got[1] == ["core:info AH00128: File does not exist: DOC/first"]


def test_piped_main_error_log_across_graceful_restart(docroot, logger):
    conf = BASE + f'LogLevel info\nErrorLog "|{logger} @ROOT@/logs/err"\n'
    for s in servers(conf, docroot):
        with s:
            p = os.path.join(s.root, "logs", "err")
            wait_until(lambda: "AH00489" in read(p), what=f"{s.name}: startup lines in the pipe")
            raw_request(s.port, b"GET /first HTTP/1.0\r\n\r\n")
            wait_until(lambda: "/first" in read(p), what=s.name)
            os.kill(s.pid, signal.SIGUSR1)
            # a new program for the new generation; the old one was reaped with its generation
            wait_until(lambda: len(_starts(read(p))) == 2 and read(p).count("AH00489") == 2,
                       what=f"{s.name}: the new program")
            raw_request(s.port, b"GET /second HTTP/1.0\r\n\r\n")
            wait_until(lambda: "/second" in read(p), what=f"{s.name} after graceful")
            assert "AH00488" not in read(p), s.name
