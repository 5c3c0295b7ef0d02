"""Piped logs (`CustomLog "|program"`, `ErrorLog "|program"`), started as httpd's server/log.c does.

The spec after `|` names the program: `|prog args` and `||prog args` run it without a shell
(apr_tokenize_to_argv splits the words, no PATH search), `|$command` runs `/bin/sh -c command`.
The program runs in ServerRoot with the pipe as its stdin.

Access logs are "reliable piped logs" (ap_open_piped_log): the master keeps both ends of the
pipe, so what the children wrote while the program was down stays in the pipe, and when the
program dies the master logs AH00106 and starts it again on the same pipe (`reap`, called by
the MPM for a pid that is not one of its children).  ErrorLog programs (log_child) are started
once and not restarted.  Both are ended with SIGTERM when their configuration generation is
closed (httpd clears pconf on every restart, graceful ones included), by the process that
started them only: children close their copies and leave the program alone.  An ErrorLog
program is also waited for (3 s, then SIGKILL); an access-log program is left to the MPM to
reap, which logs AH00488 for it after a graceful restart, as httpd does.
"""
from __future__ import annotations

import os
import signal
import subprocess

# pid -> PipedLog whose program runs, in the process that started it (the master)
_RUNNING: dict[int, "PipedLog"] = {}


def parse_spec(spec: str) -> tuple[str, bool]:
    """("program text", use_shell) from what follows the first `|`."""
    if spec.startswith("|"):
        spec = spec[1:]
    if spec.startswith("$"):
        return spec[1:], True
    return spec, False


def tokenize(s: str) -> list[str]:
    """apr_tokenize_to_argv: words split at blanks; a word may start with " or ' and then runs
    to the matching quote; a backslash escapes a blank or quote and backslashes are removed."""
    out = []
    i, n = 0, len(s)
    while True:
        while i < n and s[i] in " \t":
            i += 1
        if i >= n:
            return out
        quote = s[i] if s[i] in "\"'" else ""
        if quote:
            i += 1
        start = i
        while i < n:
            if s[i] == "\\" and i + 1 < n and s[i + 1] in " \t\"'":
                i += 2
                continue
            if (not quote and s[i] in " \t") or (quote and s[i] == quote):
                break
            i += 1
        word = s[start:i]
        if i < n:
            i += 1                 # the delimiter (blank or closing quote)
        cleaned, esc = [], False
        for c in word:
            if not esc and c == "\\":
                esc = True
            else:
                esc = False
                cleaned.append(c)
        out.append("".join(cleaned))


def spawn(program: str, shell: bool, server_root: str, stdin: int, stderr: int | None = None) -> subprocess.Popen:
    """Start the program with `stdin` as its standard input; OSError if it cannot be run."""
    if shell:
        argv = ["/bin/sh", "-c", program]
    else:
        argv = tokenize(program) or [""]
    exe = argv[0] if "/" in argv[0] else "./" + argv[0]       # execv: no PATH search
    return subprocess.Popen(argv, executable=exe, stdin=stdin, stderr=stderr, cwd=server_root,
                            close_fds=True)


def _forget(proc: subprocess.Popen) -> None:
    """The MPM reaps our programs (waitpid(-1)); mark the Popen done so that the subprocess
    module never waits for its pid, which may by then belong to another child."""
    if proc.returncode is None:
        proc.returncode = -1


class PipedLog:
    """A reliable piped log: the pipe, the program reading it and who started it."""

    def __init__(self, spec: str, server_root: str):
        self.program, self.shell = parse_spec(spec)
        self.server_root = server_root
        self.owner = os.getpid()
        self.read_fd, self.write_fd = os.pipe2(os.O_CLOEXEC)
        self.proc: subprocess.Popen | None = None
        try:
            self.spawn()
        except OSError:
            os.close(self.read_fd)
            os.close(self.write_fd)
            raise

    def spawn(self) -> None:
        self.proc = spawn(self.program, self.shell, self.server_root, self.read_fd)
        _RUNNING[self.proc.pid] = self

    def close(self) -> None:
        """End of its generation: the starter ends the program; every process closes its ends."""
        proc = self.proc
        if proc is not None and os.getpid() == self.owner:
            _RUNNING.pop(proc.pid, None)
            _forget(proc)
            try:
                os.kill(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        self.proc = None
        for fd in (self.read_fd, self.write_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        self.read_fd = self.write_fd = -1


def reap(pid: int, log_plain) -> bool:
    """piped_log_maintenance for a child pid the MPM does not know: True if it was a piped log
    program, which is then started again (AH00106; AH00107 if that fails)."""
    pl = _RUNNING.pop(pid, None)
    if pl is None:
        return False
    _forget(pl.proc)
    pl.proc = None
    log_plain(f"AH00106: piped log program '{pl.program}' failed unexpectedly")
    try:
        pl.spawn()
    except OSError as e:
        log_plain(f"({e.errno}){os.strerror(e.errno or 0)}: AH00107: piped_log_maintenance: unable to "
                  f"respawn '{pl.program}'")
    return True


def adopt() -> None:
    """In the daemon after it detached (forked): the access-log programs were started by the
    process that has since exited, so the daemon could never reap and restart them.  httpd
    detaches before it opens its logs; here the programs are ended and started again from the
    daemon (nothing was written to their pipes yet: no child has run)."""
    me = os.getpid()
    for pid, pl in list(_RUNNING.items()):
        if pl.owner == me:
            continue
        del _RUNNING[pid]
        _forget(pl.proc)
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        pl.owner = me
        pl.spawn()


class LogChild:
    """An ErrorLog program (log_child): fed through a pipe whose read end only it holds."""

    def __init__(self, spec: str, server_root: str, is_main: bool):
        self.program, shell = parse_spec(spec)
        self.owner = os.getpid()
        r, w = os.pipe2(os.O_CLOEXEC)
        try:
            # the main server's program gets our stdout as stderr: stderr may be the old pipe
            self.proc = spawn(self.program, shell, server_root, r, 1 if is_main else None)
        except OSError:
            os.close(w)
            raise
        finally:
            os.close(r)
        self.fd = w

    def close(self) -> None:
        """apr_pool_note_subprocess(APR_KILL_AFTER_TIMEOUT): SIGTERM, SIGKILL after 3 s, and
        reaped here (so the MPM never sees it come home)."""
        proc = self.proc
        if proc is not None and os.getpid() == self.owner:
            try:
                proc.terminate()
                proc.wait(3)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            except OSError:
                pass
        self.proc = None
        try:
            os.close(self.fd)
        except OSError:
            pass
        self.fd = -1
