"""`ErrorLog syslog[:facility[:tag]]` against Debian's apache2: both servers run (master and
children) on the same config and what they send to syslog is received and compared.

syslog(3) sends datagrams to the unix socket /dev/log.  A CI container has no syslog daemon, so
the tests bind a SOCK_DGRAM socket there for their duration (root only) and remove it after; they
skip when /dev/log exists (a syslog daemon's: not ours to take).  A lock file keeps the xdist
workers from binding it at the same time, and each test uses tags of its own so that a stray
datagram from another program is ignored.

A datagram reads `<PRI>Mmm dd hh:mm:ss TAG[pid]: message`: PRI (facility * 8 + level) and TAG
are compared exactly, the clock and pids are masked (each pid is checked against the message's
own `[pid P:tid T]`).  This module is not named test_http_*: its servers never depend on the
request parser engine, so it runs once (tests/conftest.py's _per_engine).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import uuid

import pytest

from apachepy import syslogger
from tests.support.servers import REPO, ApacheServer, ApachepyServer, free_port, raw_request

from .http_oracle import available, docroot_dir, make_tree

pytestmark = pytest.mark.skipif(not available(), reason="Debian's apache2 is not installed")

DEVLOG = "/dev/log"
LOCK = "/tmp/apachepy-tests-devlog.lock"
M = "/usr/lib/apache2/modules"
BASE = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
<Directory @DOCROOT@>
  Require all granted
</Directory>
<Location /denied>
  Require all denied
</Location>
"""
_DGRAM = re.compile(r"^<(\d+)>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (.*?)\[(\d+)\]: (.*)$", re.S)


@contextlib.contextmanager
def devlog_receiver():
    """A socket at /dev/log for the duration, drained by a thread into a list of datagrams."""
    if os.geteuid() != 0:
        pytest.skip("binding /dev/log needs root")
    with open(LOCK, "w") as lock:
        deadline = time.monotonic() + 120
        while True:         # bounded wait for the other xdist worker's test
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    pytest.skip("/dev/log lock held for too long")
                time.sleep(0.1)
        if os.path.lexists(DEVLOG):
            pytest.skip("/dev/log exists (a syslog daemon's): not taking it")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.settimeout(0.1)
        got: list[bytes] = []
        stop = threading.Event()

        def drain():
            while not stop.is_set():
                try:
                    got.append(sock.recv(65536))
                except (TimeoutError, socket.timeout):
                    pass
        t = threading.Thread(target=drain, daemon=True)
        try:
            sock.bind(DEVLOG)
            t.start()
            yield got
        finally:
            stop.set()
            if t.is_alive():
                t.join(5)
            sock.close()
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISSOCK(os.lstat(DEVLOG).st_mode):
                    os.unlink(DEVLOG)


def parse(got: list[bytes], tags: set[str]) -> list[tuple[int, str, int, str]]:
    """(PRI, tag, pid, message) of the datagrams carrying one of `tags`."""
    out = []
    for d in list(got):
        m = _DGRAM.match(d.decode("latin-1"))
        assert m, f"not a syslog(3) datagram: {d!r}"
        if m.group(2) in tags:
            out.append((int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)))
    return out


def masked(records, server) -> list[tuple[int, str, str]]:
    """(PRI, tag, message) with pids, ports and the server's own ServerRoot masked; every
    datagram's pid is the one the message itself names."""
    out = []
    for pri, tag, pid, msg in records:
        own = re.search(r"\[pid (\d+):tid \d+\]", msg)
        assert own and int(own.group(1)) == pid, f"syslog pid {pid} vs message {msg!r}"
        msg = re.sub(r"\[pid \d+:tid \d+\]", "[pid]", msg)
        msg = re.sub(r"\[client 127\.0\.0\.1:\d+\]", "[client]", msg)
        msg = re.sub(r"\(pid=\d+\)", "(pid=P)", msg).replace(server.root, "@ROOT@")
        msg = re.sub(r"Command line: '.*'", "Command line: C", msg)    # argv0 and argv differ
        out.append((pri, tag, msg))
    return out


def wait_for(got, tags, text, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(text in r[3] for r in parse(got, tags)):
            return
        time.sleep(0.05)
    raise AssertionError(f"no datagram with {text!r} tagged {tags}: {got!r}")


@pytest.fixture(scope="module")
def docroot():
    d = make_tree(docroot_dir(), {"index.html": b"hello\n"})
    yield d
    shutil.rmtree(d, ignore_errors=True)


def run_both(conf: str, docroot: str, tags: set[str], requests: list[bytes], expect: str,
             restart: tuple[str, str] | None = None):
    """Start each server in turn (master and children), send `requests`, wait for the datagram
    containing `expect`; with `restart` (new config text, tag it logs with) rewrite the config,
    restart gracefully (SIGUSR1) and do the same again; then stop gracefully (SIGWINCH).
    The masked datagrams of each."""
    results = []
    for cls, extra in ((ApacheServer, []), (ApachepyServer, ["-D", "FOREGROUND"])):
        with devlog_receiver() as got:
            with cls(conf, docroot, extra_args=extra) as srv:
                for raw in requests:
                    raw_request(srv.port, raw, timeout=5)
                wait_for(got, tags, expect)
                if restart is not None:
                    srv.conf_text = restart[0]
                    with open(os.path.join(srv.root, "conf", "httpd.conf"), "w") as f:
                        f.write(srv.config())
                    os.kill(srv.pid, signal.SIGUSR1)
                    wait_for(got, {restart[1]}, "AH00489")
                    for raw in requests:
                        raw_request(srv.port, raw, timeout=5)
                    wait_for(got, {restart[1]}, expect)
                os.kill(srv.pid, signal.SIGWINCH)
                srv.proc.wait(timeout=20)
                time.sleep(0.3)         # the last datagrams reach the drain thread
                recs = parse(got, tags)
                results.append((masked(recs, srv), recs))
    return results


def get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()


def pri(facility: str, level: int) -> int:
    return dict(syslogger.FACILITIES)[facility] + level


def test_facility_tag_info(docroot):
    tag = "T" + uuid.uuid4().hex[:8]
    conf = BASE + f"ErrorLog syslog:local3:{tag}\nLogLevel info\n"
    (a, raw_a), (p, _) = run_both(conf, docroot, {tag}, [get("/nope")], "AH00128")
    assert p == a
    msgs = [m for _, _, m in a]
    assert any("AH00489:" in m for m in msgs) and any("AH00492:" in m for m in msgs)
    # no timestamp in the line (syslog has its own); notice and info at their own levels
    assert all(m.startswith("[") and not re.match(r"\[\w{3} \w{3}", m) for m in msgs)
    levels = {m.split("] ")[0].split(":")[1]: pr for pr, _, m in a}
    assert levels["notice"] == pri("local3", 5) and levels["info"] == pri("local3", 6)
    lost = [r for r in a if "AH00128:" in r[2]]
    assert lost == [(pri("local3", 6), tag, f"[core:info] [pid] [client] AH00128: File does not exist: "
                                            f"{docroot}/nope")]
    # the child's pid differs from the master's
    assert len({pid for _, _, pid, _ in raw_a}) >= 2


def test_notice_filtered_by_level(docroot):
    """With syslog, notice is dropped above LogLevel like any level (a file always gets it)."""
    tag = "W" + uuid.uuid4().hex[:8]
    conf = BASE + f"ErrorLog syslog:LOC:{tag}\nLogLevel warn\n"      # LOC: first prefix match, local0
    (a, _), (p, _) = run_both(conf, docroot, {tag}, [get("/nope"), get("/denied")], "AH01630")
    assert p == a
    assert [m for _, _, m in a] == ["[authz_core:error] [pid] [client] AH01630: client denied by "
                                    f"server configuration: {docroot}/denied"]
    assert a[0][0] == pri("local0", 3)


def test_default_facility_and_tag(docroot):
    """`syslog::tag` is local7; plain `syslog` tags lines with the program's name (argv0)."""
    tag = "D" + uuid.uuid4().hex[:8]
    conf = BASE + f"ErrorLog syslog::{tag}\n"
    (a, _), (p, _) = run_both(conf, docroot, {tag}, [get("/denied")], "AH01630")
    assert p == a and a and all(pr == pri("local7", 3) for pr, _, _ in a)
    conf = BASE + "ErrorLog syslog\n"
    (a, _), (p, _) = run_both(conf, docroot, {"apache2", "apachepy"}, [get("/denied")], "AH01630")
    assert [r[1] for r in a] == ["apache2"] and [r[1] for r in p] == ["apachepy"]
    assert [(r[0], r[2]) for r in p] == [(r[0], r[2]) for r in a] == \
        [(pri("local7", 3), "[authz_core:error] [pid] [client] AH01630: client denied by server "
                            f"configuration: {docroot}/denied")]


def test_vhost_syslog_last_openlog_wins(docroot):
    """httpd calls openlog once per distinct syslog ErrorLog (main, then virtual hosts): the
    last one's facility and tag apply to every line, the master's included."""
    main, vh = "M" + uuid.uuid4().hex[:8], "V" + uuid.uuid4().hex[:8]
    conf = BASE + (f"ErrorLog syslog:local3:{main}\nLogLevel info\n"
                   f"<VirtualHost *:@PORT@>\n  ServerName vh.example\n  ErrorLog syslog:local5:{vh}\n"
                   f"</VirtualHost>\n")
    (a, _), (p, _) = run_both(conf, docroot, {main, vh}, [get("/nope")], "AH00128")
    assert p == a
    assert a and {(pr & ~7, tag) for pr, tag, _ in a} == {(pri("local5", 0), vh)}
    assert any("AH00489:" in m for _, _, m in a) and any("AH00128:" in m for _, _, m in a)


def test_graceful_restart_reopens(docroot):
    """A graceful restart opens the logs again: lines after it use the new facility and tag,
    the restart notice itself is still logged with the old ones."""
    old, new = "A" + uuid.uuid4().hex[:8], "B" + uuid.uuid4().hex[:8]
    conf = BASE + f"ErrorLog syslog:local3:{old}\nLogLevel info\n"
    conf2 = BASE + f"ErrorLog syslog:local4:{new}\nLogLevel info\n"
    (a, _), (p, _) = run_both(conf, docroot, {old, new}, [get("/nope")], "AH00128", restart=(conf2, new))
    assert p == a
    tags = [(tag, m.split("] ")[-1][:8]) for _, tag, m in a]
    i = tags.index((old, "AH00493:"))
    assert all(t == old for t, _ in tags[:i + 1]) and all(t == new for t, _ in tags[i + 1:])
    assert (new, "AH00489:") in tags and (new, "AH00128:") in tags and tags[-1] == (new, "AH00492:")


def _cli(args: list[str], root: str, conf: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(args + ["-d", root, "-f", conf], capture_output=True, text=True, timeout=60,
                          env=env, cwd=root)


@pytest.mark.parametrize("where", ["main", "vhost"])
def test_unknown_facility(where, docroot, tmp_path):
    """AH10036 when the logs are opened: `-t` does not open them (Syntax OK), a start fails."""
    root = str(tmp_path)
    os.makedirs(f"{root}/logs")
    bad = "ErrorLog syslog:bogus:TAG\n"
    conf_text = (f"ServerRoot {root}\nServerName localhost\nPidFile {root}/logs/pid\n"
                 f"Listen 127.0.0.1:{free_port()}\nLoadModule mpm_event_module {M}/mod_mpm_event.so\n"
                 f"DocumentRoot {docroot}\nErrorLog {root}/logs/error_log\n")
    conf_text += bad if where == "main" else f"<VirtualHost *:80>\n  {bad}</VirtualHost>\n"
    conf = f"{root}/httpd.conf"
    with open(conf, "w") as f:
        f.write(conf_text)
    outs = {}
    log = f"{root}/logs/error_log"
    for name, cmd in (("apache2", ["apache2"]), ("apachepy", [sys.executable, "-m", "apachepy"])):
        t = _cli(cmd + ["-t"], root, conf)
        assert (t.returncode, t.stderr.strip().splitlines()[-1:]) == (0, ["Syntax OK"]), t.stderr
        with contextlib.suppress(FileNotFoundError):
            os.unlink(log)
        s = _cli(cmd + ["-DFOREGROUND"], root, conf)
        logged = open(log).read() if os.path.exists(log) else None
        outs[name] = (s.returncode, s.stderr.replace(name, "ARGV0"), logged and logged.replace(name, "ARGV0"))
    assert outs["apachepy"] == outs["apache2"]
    text = ("(20024)The given path is misformatted or contained invalid characters: "
            "AH10036: ARGV0: could not open syslog error log bogus:TAG.\nAH00015: Unable to open logs\n")
    # a bad main log fails before any log is open: on stderr; a virtual host's fails after the
    # main log took stderr's place
    assert outs["apache2"] == ((1, text, None) if where == "main" else (1, "", text))


@pytest.mark.parametrize("value, facility, tag", [
    ("syslog", "local7", "ARGV0"), ("syslog:", "local7", "ARGV0"), ("syslog::", "local7", "ARGV0"),
    ("syslog::x", "local7", "x"), ("syslog:Local3", "local3", "ARGV0"), ("syslog:local3:", "local3", "ARGV0"),
    ("syslog:l:t", "lpr", "t"), ("syslog:u", "user", "ARGV0"), ("syslog:auth", "auth", "ARGV0"),
    ("syslog:a:b:c", "auth", "b:c")])
def test_parse(value, facility, tag):
    """httpd's open_error_log: the facility is a case-insensitive prefix of a table name (the
    first in table order), the tag is the rest after the second colon, argv0 when empty."""
    assert syslogger.parse(value, "ARGV0") == (dict(syslogger.FACILITIES)[facility], tag)


@pytest.mark.parametrize("value", ["syslog:bogus", "syslog:local33", "syslog:x:tag"])
def test_parse_unknown(value):
    with pytest.raises(syslogger.BadFacility) as e:
        syslogger.parse(value, "ARGV0")
    assert e.value.text == value[len("syslog:"):]
