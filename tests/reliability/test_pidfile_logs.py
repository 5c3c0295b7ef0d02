"""The pid file and the logs are created as httpd creates them (issue 7, privileges).

apache2 and apachepy are each started with `-k start` as root (children as www-data) on the same
configuration, under a given umask; compared: owner, group and mode of the pid file, the main and
a virtual host's ErrorLog and CustomLog, and of the directories holding them (which httpd never
creates, nor changes); the pid file's content (the master's pid and a newline), the warning for a
stale one, and its removal by `-k stop`.  A PidFile, ErrorLog or CustomLog in a missing
directory fails both the same way, and the directory is not created.
"""
from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile

import pytest

from tests.mpm.harness import alive, children_of, wait_for
from tests.support.servers import MODULES, REPO, apache2_available, apachepy_serving, free_port

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="needs root: files are created before the switch to www-data"),
    pytest.mark.skipif(not apache2_available() or not apachepy_serving(), reason="needs apache2 and a serving apachepy"),
]

CONF = f"""\
LoadModule mpm_event_module {MODULES}/mod_mpm_event.so
LoadModule authz_core_module {MODULES}/mod_authz_core.so
ServerName localhost
Listen 127.0.0.1:@PORT@
User www-data
Group www-data
StartServers 1
PidFile @PIDFILE@
ErrorLog @ERRORLOG@
LogFormat "%h %r %>s" common
CustomLog @CUSTOMLOG@ common
DocumentRoot "@ROOT@/htdocs"
<Directory "@ROOT@/htdocs">
    Require all granted
</Directory>
<VirtualHost 127.0.0.1:@PORT@>
    ServerName localhost
</VirtualHost>
<VirtualHost 127.0.0.1:@PORT@>
    ServerName v.example
    ErrorLog logs/v_error_log
    CustomLog logs/v_access_log common
</VirtualHost>
"""
FILES = {"PIDFILE": "run/httpd.pid", "ERRORLOG": "logs/error_log", "CUSTOMLOG": "logs/access_log"}
LOGS = ["logs/error_log", "logs/v_error_log"]
ACCESS_LOGS = ["logs/access_log", "logs/v_access_log"]
DIRS = [".", "logs", "run"]
COMMANDS = {"apache2": ["apache2"], "apachepy": [sys.executable, "-m", "apachepy"]}


def make_root(**where: str) -> tuple[str, int]:
    """A ServerRoot (0755, with logs/ and run/ 0750 so a change would show) and its config;
    `where` overrides FILES (a path in a missing directory)."""
    root = tempfile.mkdtemp(prefix="pidlogs.")
    os.chmod(root, 0o755)
    for d in ("logs", "run", "htdocs"):
        os.mkdir(os.path.join(root, d))
        os.chmod(os.path.join(root, d), 0o750 if d != "htdocs" else 0o755)
    with open(os.path.join(root, "htdocs", "index.html"), "w") as f:
        f.write("hi\n")
    os.chmod(os.path.join(root, "htdocs", "index.html"), 0o644)
    port = free_port()
    text = CONF.replace("@PORT@", str(port)).replace("@ROOT@", root)
    for key, rel in {**FILES, **where}.items():
        text = text.replace(f"@{key}@", rel)
    with open(os.path.join(root, "httpd.conf"), "w") as f:
        f.write(text)
    return root, port


def ctl(name: str, root: str, action: str, umask: int) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(COMMANDS[name] + ["-d", root, "-f", "httpd.conf", "-k", action],
                          capture_output=True, text=True, timeout=30, env=env, cwd=root,
                          preexec_fn=lambda: os.umask(umask))


def owner_mode(path: str) -> tuple[str, str, str]:
    st = os.stat(path)
    return pwd.getpwuid(st.st_uid).pw_name, grp.getgrgid(st.st_gid).gr_name, oct(stat.S_IMODE(st.st_mode))


def get(port: int, host: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(f"GET /index.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        return data


def kill_tree(pid: int) -> None:
    for p in [pid] + children_of(pid):
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass


def observe(name: str, umask: int, stale: bool) -> dict:
    """Start, serve one request per host, stop; what the files looked like."""
    root, port = make_root()
    pid_path = os.path.join(root, FILES["PIDFILE"])
    if stale:
        with open(pid_path, "w") as f:
            f.write("999999\n")
    seen: dict = {}
    master = None
    try:
        r = ctl(name, root, "start", umask)
        assert r.returncode == 0, r.stdout + r.stderr

        def serving():
            try:
                text = open(pid_path).read()
                return text if text != "999999\n" and children_of(int(text)) and get(port, "localhost") else None
            except (OSError, ValueError):
                return None
        seen["content"] = wait_for(serving, 15, 0.1, f"{name} to write its pid file and serve")
        master = int(seen["content"])
        www = pwd.getpwnam("www-data").pw_uid
        seen["children_as_www"] = all(os.stat(f"/proc/{p}").st_uid == www for p in children_of(master))
        assert get(port, "v.example").startswith(b"HTTP/1.1 200 ")
        for rel in ACCESS_LOGS:        # one line each, written just after the answer
            wait_for(lambda: os.path.getsize(os.path.join(root, rel)) > 0, 5, what=f"{rel} written")
        seen["stat"] = {rel: owner_mode(os.path.join(root, rel))
                        for rel in [FILES["PIDFILE"]] + LOGS + ACCESS_LOGS + DIRS}
        seen["run_dir"] = sorted(os.listdir(os.path.join(root, "run")))    # no temp file left
        seen["stale_warning"] = bool(re.search(
            r"\[core:warn\] \[pid \d+:tid \d+\] AH00098: pid file " + re.escape(pid_path) +
            r" overwritten -- Unclean shutdown of previous Apache run\?",
            open(os.path.join(root, "logs", "error_log")).read()))
        r = ctl(name, root, "stop", umask)
        assert r.returncode == 0, r.stdout + r.stderr
        wait_for(lambda: not alive(master), 15, what=f"{name} to stop")
        seen["pid_file_after_stop"] = os.path.exists(pid_path)
        return seen
    finally:
        if master is not None and alive(master):
            kill_tree(master)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module", params=[0o022, 0o002], ids=["umask022", "umask002"])
def observed(request):
    """Both servers' observations under one umask; the 022 run starts over a stale pid file."""
    umask = request.param
    return umask, {name: observe(name, umask, stale=umask == 0o022) for name in COMMANDS}


def test_pid_file(observed):
    umask, seen = observed
    a, p = seen["apache2"], seen["apachepy"]
    for name, s in seen.items():
        assert re.fullmatch(r"[1-9]\d*\n", s["content"]), (name, s["content"])
        assert s["children_as_www"], name
        assert s["run_dir"] == ["httpd.pid"], (name, s["run_dir"])
        assert not s["pid_file_after_stop"], f"{name} left its pid file behind"
    assert p["stat"][FILES["PIDFILE"]] == a["stat"][FILES["PIDFILE"]] == ("root", "root", "0o644")
    assert p["stale_warning"] == a["stale_warning"] == (umask == 0o022)


def test_error_logs(observed):
    umask, seen = observed
    for rel in LOGS:
        assert seen["apachepy"]["stat"][rel] == seen["apache2"]["stat"][rel] == \
            ("root", "root", oct(0o666 & ~umask)), rel


def test_access_logs(observed):
    umask, seen = observed
    for rel in ACCESS_LOGS:
        assert seen["apachepy"]["stat"][rel] == seen["apache2"]["stat"][rel] == \
            ("root", "root", oct(0o666 & ~umask)), rel


def test_directories_untouched(observed):
    _umask, seen = observed
    for rel in DIRS:
        assert seen["apachepy"]["stat"][rel] == seen["apache2"]["stat"][rel], rel
    assert seen["apachepy"]["stat"]["logs"] == ("root", "root", "0o750")


def start_failure(name: str, where: dict) -> tuple[int, str, str, list]:
    """-k start with one file in a missing directory: exit code, stderr and error log (the
    pid, time, program name and random temp suffix taken out), and the ServerRoot's listing."""
    root, _port = make_root(**where)
    master = None
    try:
        r = ctl(name, root, "start", 0o022)
        log_path = os.path.join(root, "logs", "error_log")

        def failed():
            text = open(log_path).read() if os.path.exists(log_path) else ""
            return text if "AH00100" in text else None
        log = wait_for(failed, 10, 0.05, f"{name} to give up") if "PIDFILE" in where else ""
        m = re.search(r"\[pid (\d+):", log)
        if m:
            master = int(m.group(1))
            wait_for(lambda: not alive(master), 10, what=f"{name} to exit")
        listing = sorted(os.path.relpath(os.path.join(d, n), root)
                         for d, dirs, files in os.walk(root) for n in dirs + files)

        def norm(text: str) -> str:
            text = re.sub(r"^\[[^]]*\] (\[[^]]*\]) \[pid \d+:tid \d+\] ", r"\1 ", text, flags=re.M)
            text = re.sub(r"\.pid\.\w{6}\b", ".pid.XXXXXX", text)
            return text.replace(root, "ROOT").replace(f"{name}:", "ARGV0:")
        return r.returncode, norm(r.stderr), norm(log), listing
    finally:
        if master is not None and alive(master):
            kill_tree(master)
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("where", [{"PIDFILE": "nopid/httpd.pid"}, {"ERRORLOG": "nolog/error_log"},
                                   {"CUSTOMLOG": "nolog/access_log"}], ids=["pidfile", "errorlog", "customlog"])
def test_missing_directory_is_not_created(where):
    a = start_failure("apache2", where)
    p = start_failure("apachepy", where)
    assert p == a
    missing = next(iter(where.values())).split("/")[0]
    assert missing not in a[3]
