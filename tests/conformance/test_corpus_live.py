"""The corpus (../shared/corpus) run for real, not only read.

* Start cases (meta.json "start": true): `-k start`, 2 s, `-k stop` through the pid file, then
  the error log, exactly as regen.sh does it, compared with expected/startup.txt and, where
  Debian's apache2 is installed, with what apache2 prints for the same tree now.
* Serving: every case Apache accepts whose directives apachepy all serves is started under
  apache2 and apachepy (a copy of the tree each), and both get the same requests: every file
  and directory under the document roots, a missing path and a query string, for the main
  server and for each virtual host by its Host header.  Status, headers and body must match.
  Cases needing what apachepy does not serve are skipped, the skip reason naming it.

Both kinds move the case's Listen ports to free loopback ports (tests run in parallel) and
map them back before comparing, so outputs read as if the case's own ports were used.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from tests.support.servers import free_port

from .corpus import CORPUS, Case, apachepy_launcher, cases, normalise
from .http_oracle import OLD_MTIME, _diff
from .http_oracle import normalise as normalise_response

APACHE2 = shutil.which("apache2")
CORPUS_PROBE = Path(__file__).with_name("corpus_probe.py")
CASES = cases()
pytestmark = pytest.mark.skipif(not CASES, reason="../shared/corpus is not present")

# (case, "startup" or "serve") may only be listed here with its reason also written in
# docs/differences.md.
KNOWN_DIFFERENCES: dict[tuple[str, str], str] = {}


def known_difference(name: str, kind: str) -> None:
    if (name, kind) in KNOWN_DIFFERENCES:
        pytest.xfail(KNOWN_DIFFERENCES[(name, kind)])


def meta(name: str) -> dict:
    return json.loads((CORPUS / name / "meta.json").read_text())


def golden(name: str, key: str) -> str:
    return (CORPUS / name / "expected" / f"{key}.txt").read_text(encoding="utf-8", errors="replace")


START_CASES = [n for n in CASES if meta(n).get("start")]


@pytest.fixture(scope="module")
def launcher(tmp_path_factory):
    return apachepy_launcher(str(tmp_path_factory.mktemp("bin")))


# -- the copy of a case, with free ports ----------------------------------------------------

_LISTEN = re.compile(r"^([ \t]*Listen[ \t]+)(\S+)(.*)$", re.M | re.I)


def _port_of(addr: str) -> int | None:
    m = re.search(r"(?:^|:)(\d+)$", addr)
    return int(m.group(1)) if m else None


def _conf_files(root: str):
    for dp, _, fns in os.walk(os.path.join(root, "conf")):
        for fn in fns:
            p = os.path.join(dp, fn)
            if not os.path.islink(p) and os.path.isfile(p):
                yield p


class LiveCase(Case):
    """A Case copy whose Listen lines bind free loopback ports; `:PORT` elsewhere (vhost
    addresses, ServerName, URLs) follows, so the tree keeps meaning what it meant."""

    def __init__(self, name: str):
        super().__init__(name)
        os.chmod(self.root, 0o755)        # the children run as User daemon / www-data
        old = set()
        for p in _conf_files(self.root):
            text = Path(p).read_text(encoding="latin-1")
            old |= {_port_of(m.group(2)) for m in _LISTEN.finditer(text)} - {None}
        self.ports: dict[int, int] = {}   # case port -> port used here
        for port in sorted(old):
            new = free_port()
            while new in self.ports.values():
                new = free_port()
            self.ports[port] = new
        colon = re.compile(r":(%s)\b" % "|".join(str(p) for p in self.ports)) if self.ports else None
        for p in _conf_files(self.root):
            text = Path(p).read_text(encoding="latin-1")
            new_text = "\n".join(self._rewrite(ln, colon) for ln in text.split("\n"))
            if new_text != text:
                Path(p).write_text(new_text, encoding="latin-1")

    def _rewrite(self, line: str, colon: re.Pattern | None) -> str:
        m = _LISTEN.match(line)
        if m and _port_of(m.group(2)) is not None:
            return f"{m.group(1)}127.0.0.1:{self.ports[_port_of(m.group(2))]}{m.group(3)}"
        return colon.sub(lambda c: f":{self.ports[int(c.group(1))]}", line) if colon else line

    def unmap(self, text: str) -> str:
        """Output as the case's own ports would have made it (`host:PORT`, a signature's
        `Port PORT`; not any number, which a Content-Length could equal)."""
        for old, new in self.ports.items():
            text = re.sub(r"(?:(?<=:)|(?<=Port ))%d(?![0-9])" % new, str(old), text)
        return text


# -- start cases ------------------------------------------------------------------------------

def _run(argv: list[str], case: Case, timeout: float = 60) -> tuple[int, str, str]:
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=case.env, cwd=case.root,
                       timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def _read_pid(path: str) -> int | None:
    try:
        return int(Path(path).read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def startup(binary: str, name: str) -> str:
    """regen.sh's startup.txt for `binary` on a fresh copy of the case (normalised).  Run
    again on new ports if another test took one of ours meanwhile, and once more if a child
    missed the parent's 3 s reclaim deadline (AH00045): both servers' children take about
    2 s to be reaped, so a load spike on this shared machine can do that; a repeatable slow
    exit still fails."""
    for attempt in range(3):
        text = _startup_once(binary, name)
        if "Address already in use" in text or ("AH00045" in text and attempt == 0):
            continue
        break
    return text


def _startup_once(binary: str, name: str) -> str:
    case = LiveCase(name)
    try:
        base = [binary, "-d", case.server_root, "-f", case.main] + case.args
        # pid file and error log as -S reports them (what regen.sh reads)
        _, dump, _ = _run(base + ["-S"], case)
        mp = re.search(r'^PidFile: "(.*)"$', dump, re.M)
        me = re.search(r'^Main ErrorLog: "(.*)"$', dump, re.M)
        pidfile = mp.group(1) if mp else os.path.join(case.root, case.meta.get("pidfile", "run/httpd.pid"))
        errlog = me.group(1) if me else os.path.join(case.root, case.meta.get("errorlog", "logs/error.log"))
        parts = []
        rc, out, err = _run(base + ["-k", "start"], case)
        parts.append(f"$ apache2 ... -k start\nexit: {rc}\n--- stdout ---\n{out}--- stderr ---\n{err}--- end ---\n")
        pid = None
        for _ in range(100):
            pid = _read_pid(pidfile)
            if pid:
                break
            time.sleep(0.1)
        if pid:
            time.sleep(2.0)
        rc, out, err = _run(base + ["-k", "stop"], case)
        parts.append(f"$ apache2 ... -k stop\nexit: {rc}\n--- stdout ---\n{out}--- stderr ---\n{err}--- end ---\n")
        if pid:
            for _ in range(200):
                if not _alive(pid):
                    break
                time.sleep(0.1)
            else:
                os.kill(pid, signal.SIGTERM)      # the server this test started, by its pid file
                time.sleep(2)
            parts.append("server started: yes\n")
        else:
            parts.append("server started: no (no pid file)\n")
        try:
            elog = Path(errlog).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            elog = "(no error log)\n"
        parts.append("--- error log ---\n" + elog + "--- end ---\n")
        return case.unmap(normalise("".join(parts), case.root))
    finally:
        case.cleanup()


@pytest.mark.parametrize("name", START_CASES)
def test_startup_matches_golden(name, launcher):
    known_difference(name, "startup")
    ours = startup(launcher, name)
    expected = golden(name, "startup")
    assert ours == expected, "startup.txt differs (- golden, + apachepy):\n" + _diff(expected, ours)


@pytest.mark.skipif(APACHE2 is None, reason="Debian's apache2 is not installed")
@pytest.mark.parametrize("name", START_CASES)
def test_startup_matches_live_apache2(name, launcher):
    known_difference(name, "startup")
    theirs = startup("apache2", name)      # found on the case's PATH, so argv[0] is "apache2"
    ours = startup(launcher, name)
    assert ours == theirs, "startup differs (- apache2, + apachepy):\n" + _diff(theirs, ours)


# -- serving the corpus ---------------------------------------------------------------------

_HTACCESS_INCLUDE = re.compile(r"^[ \t]*Include[ \t]+htdocs/\S*\.htaccess[ \t]*\n", re.M)
SAMPLE = {"index.html": b"<html><body>corpus sample</body></html>\n", "corpus.txt": b"plain text\n",
          "corpus.css": b"body { color: black }\n", "sub/corpus.json": b'{"a": 1}\n', "empty/": None}
MAX_PATHS = 40          # per document root: bounds the time a large tree could take
MISSING = "/corpus-no-such-path"


class ServedCase(LiveCase):
    """A LiveCase prepared to serve: PidFile, ErrorLog and runtime dir under the copy; an
    htaccess case's bodies left as .htaccess files, read per request under AllowOverride All."""

    def __init__(self, name: str):
        super().__init__(name)
        T = self.root
        with open(self.main, "a") as f:
            f.write(f'\nPidFile "{T}/run/served.pid"\nErrorLog "{T}/logs/served_error_log"\n'
                    f'DefaultRuntimeDir "{T}/run"\n')
            if self.meta["kind"] == "htaccess":
                f.write(f'DocumentRoot "{T}/conf/htdocs"\n')
        # the generated wrappers of snippet/htaccess cases name no TypesConfig; -t does not
        # open the default (ServerRoot/mime.types) but a start does
        types = os.path.join(self.server_root, "mime.types")
        if self.meta["kind"] in ("htaccess", "snippet") and not os.path.exists(types) \
                and os.path.exists("/etc/mime.types"):
            shutil.copyfile("/etc/mime.types", types)

    def probe(self) -> dict:
        """What apachepy makes of the tree (run with the case's environment, as the server is)."""
        env = dict(self.env, PYTHONPATH=str(CORPUS_PROBE.parents[2]))
        if "APACHEPY_CACHE_DIR" in os.environ:
            env["APACHEPY_CACHE_DIR"] = os.environ["APACHEPY_CACHE_DIR"]
        p = subprocess.run([sys.executable, str(CORPUS_PROBE), self.server_root, self.main] + self.args,
                           capture_output=True, env=env, cwd=self.root, timeout=60)
        assert p.returncode == 0, p.stderr.decode(errors="replace")
        return json.loads(p.stdout)

    def serve_htaccess(self) -> None:
        """The wrapper includes each body in its <Directory> so that -t parses it; a running
        server reads it from the directory instead."""
        main = Path(self.main)
        main.write_text(_HTACCESS_INCLUDE.sub("", main.read_text()))

    def add_sample(self, docroots: list[str]) -> None:
        """Sample files in document roots inside the copy that hold none, created if absent
        (the corpus keeps only configuration); one fixed mtime for all, so that ETags and
        Last-Modified agree across copies.  Roots outside the copy (/var/www/html) are shared."""
        for d in docroots:
            if not d.startswith(self.root + "/"):
                continue
            os.makedirs(d, exist_ok=True)
            if not any(files for _, _, files in os.walk(d)):
                for rel, body in SAMPLE.items():
                    p = os.path.join(d, rel)
                    os.makedirs(p if body is None else os.path.dirname(p), exist_ok=True)
                    if body is not None:
                        Path(p).write_bytes(body)
            for dp, dns, fns in os.walk(d):
                for n in dns + fns:
                    p = os.path.join(dp, n)
                    if not os.path.islink(p):       # links point outside: leave their targets alone
                        os.chmod(p, 0o755 if n in dns else 0o644)
                        os.utime(p, (OLD_MTIME, OLD_MTIME))
            os.utime(d, (OLD_MTIME, OLD_MTIME))
            for parent in _parents(d, self.root):
                os.chmod(parent, 0o755)



def _parents(path: str, stop: str):
    while path != stop and path != "/":
        yield path
        path = os.path.dirname(path)


def link_files(src: str, dst: str) -> None:
    """Each regular file under dst (a document root inside a copy) replaced by a hard link to
    the same path under src."""
    for dp, _, fns in os.walk(dst):
        for fn in fns:
            p = os.path.join(dp, fn)
            twin = os.path.join(src, os.path.relpath(p, dst))
            if not os.path.islink(p) and os.path.isfile(twin):
                os.unlink(p)
                os.link(twin, p)


def url_paths(docroot: str) -> list[str]:
    """'/', then every directory (with its slash, and once without) and file beneath, sorted."""
    out = ["/"]
    if not os.path.isdir(docroot):
        return out
    for dp, dns, fns in os.walk(docroot):
        dns.sort()
        rel = os.path.relpath(dp, docroot)
        prefix = "/" if rel == "." else "/" + rel + "/"
        if rel != ".":
            out += [prefix, prefix[:-1]]
        out += [prefix + f for f in sorted(fns)]
    return out[:MAX_PATHS]


class Request:
    def __init__(self, port: int, tls: bool, host: str, path: str):
        self.port, self.tls, self.host, self.path = port, tls, host, path

    def raw(self) -> bytes:
        return (f"GET {self.path} HTTP/1.1\r\nHost: {self.host}\r\nUser-Agent: corpus-live\r\n"
                "Connection: close\r\n\r\n").encode()

    def __str__(self):
        return f"{'https' if self.tls else 'http'} :{self.port} Host: {self.host} GET {self.path}"


def requests_for(info: dict, case: LiveCase) -> list[Request]:
    """The same requests for every server, in the case's own ports (see case_view); `case`
    is a prepared copy whose document roots are walked."""
    listen = info["servers"][0]["ports"]
    tls_ports = {p for s in info["servers"] if s["tls"] for p in (s["ports"] or listen)}
    out = []
    for i, s in enumerate(info["servers"]):
        if i and not s["names"]:
            continue                # reached only as the address's default: the main requests cover it
        host = s["names"][0] if i else "localhost"
        paths = url_paths(s["docroot"].replace("@ROOT@", case.root)) + [MISSING, "/?corpus=1&x=%20y"]
        for port in (s["ports"] or listen) if i else listen:     # <VirtualHost *>: every port
            if port in listen:
                out += [Request(port, port in tls_ports, host, p) for p in paths]
    return out


def fetch(port: int, tls: bool, sni: str | None, raw: bytes, timeout: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            s = ctx.wrap_socket(s, server_hostname=sni if sni and not sni[0].isdigit() else None)
        s.sendall(raw)
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except (TimeoutError, socket.timeout, ConnectionResetError, ssl.SSLError):
                break
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks)


_DATE_H = re.compile(rb"\r\nDate: ([^\r]*)")
_EXPIRES_H = re.compile(rb"\r\nExpires: ([^\r]*)")


def expires_from_date(resp: bytes) -> bytes:
    """Expires as an offset from the response's own Date (mod_expires' "access plus" is
    counted from the request time, which differs between the two servers)."""
    d, e = _DATE_H.search(resp), _EXPIRES_H.search(resp)
    if not d or not e:
        return resp
    try:
        delta = (parsedate_to_datetime(e.group(1).decode()) - parsedate_to_datetime(d.group(1).decode()))
    except (TypeError, ValueError):
        return resp
    return resp[:e.start(1)] + b"Date%+ds" % int(delta.total_seconds()) + resp[e.end(1):]


class Running:
    """One server in the foreground on a ServedCase, stopped by its pid."""

    def __init__(self, binary: str, case: ServedCase, listen: list[int]):
        self.case = case
        self.log = open(os.path.join(case.root, "logs", "served_stderr"), "w+")
        argv = [binary, "-d", case.server_root, "-f", case.main] + case.args + ["-DFOREGROUND"]
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=case.env, cwd=case.root, start_new_session=True)
        deadline = time.monotonic() + 20
        for port in listen:
            while True:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    text = self.output()
                    self.stop()
                    raise RuntimeError(f"{binary} did not start on {port}:\n{text}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    time.sleep(0.05)

    def output(self) -> str:
        self.log.seek(0)
        err = os.path.join(self.case.root, "logs", "served_error_log")
        return self.log.read() + (Path(err).read_text(errors="replace") if os.path.exists(err) else "")

    def ask(self, req: Request) -> bytes:
        raw = fetch(self.case.ports[req.port], req.tls, req.host, req.raw())
        raw = normalise_response(expires_from_date(raw)).replace(self.case.root.encode(), b"@ROOT@")
        return self.case.unmap(raw.decode("latin-1")).encode("latin-1")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)   # the session this test created
                self.proc.wait(timeout=5)
        self.log.close()


def _needs(unsupported: list) -> str:
    by_module: dict[str, list[str]] = {}
    for module, directive in unsupported:
        if directive not in by_module.setdefault(module, []):
            by_module[module].append(directive)
    return "; ".join(f"{m} ({', '.join(ds)})" for m, ds in sorted(by_module.items()))


def case_view(name: str) -> dict:
    """apachepy's view of the case (probe output) with the case's own ports and @ROOT@, or a
    skip saying why the case is not served."""
    if not golden(name, "verdict").startswith("exit: 0"):
        pytest.skip(f"{name}: Apache rejects this configuration")
    case = ServedCase(name)
    try:
        info = case.probe()
        if info["error"]:
            pytest.skip(f"{name}: apachepy rejects this configuration: {info['error']}")
        if info["unsupported"]:
            pytest.skip(f"{name} needs what apachepy does not serve: {_needs(info['unsupported'])}")
        back = {new: old for old, new in case.ports.items()}
        for s in info["servers"]:
            s["ports"] = [back[p] for p in s["ports"] if p in back]
            s["docroot"] = s["docroot"].replace(case.root, "@ROOT@")
        return info
    finally:
        case.cleanup()


def serve(binary: str, name: str, info: dict, like: ServedCase | None = None) -> tuple[ServedCase, Running]:
    """A fresh prepared copy with `binary` serving it; new ports if another test took one.
    With `like`, the document roots' files are hard links to that copy's: same inodes, so
    that ETags with FileETag INode agree too."""
    for attempt in range(3):
        case = ServedCase(name)
        if case.meta["kind"] == "htaccess":
            case.serve_htaccess()
        case.add_sample([s["docroot"].replace("@ROOT@", case.root) for s in info["servers"]])
        if like is not None:
            for s in info["servers"]:
                if s["docroot"].startswith("@ROOT@/"):      # roots outside the copies are shared already
                    link_files(s["docroot"].replace("@ROOT@", like.root), s["docroot"].replace("@ROOT@", case.root))
        try:
            # only the Listen lines in effect: others may sit in an <IfModule> that is off
            return case, Running(binary, case, [case.ports[p] for p in info["servers"][0]["ports"]])
        except RuntimeError as e:
            case.cleanup()
            if attempt == 2 or "in use" not in str(e):
                raise
    raise AssertionError("unreachable")


@pytest.mark.skipif(APACHE2 is None, reason="Debian's apache2 is not installed")
@pytest.mark.parametrize("name", CASES)
def test_serves_like_apache2(name, launcher):
    known_difference(name, "serve")
    info = case_view(name)
    started: list[tuple[ServedCase, Running]] = []
    try:
        started.append(serve("apache2", name, info))
        started.append(serve(launcher, name, info, like=started[0][0]))
        requests = requests_for(info, started[0][0])
        assert requests
        diffs = []
        for req in requests:
            a, b = (srv.ask(req) for _, srv in started)
            assert a.startswith(b"HTTP/1.1 "), f"{req}: apache2 answered {a[:200]!r}"
            if a != b:
                diffs.append(f"{req}:\n" + _diff(a.decode("latin-1"), b.decode("latin-1")))
        assert not diffs, f"{len(diffs)} of {len(requests)} responses differ (- apache2, + apachepy):\n" + \
            "\n".join(diffs[:5])
    finally:
        for case, srv in started:
            srv.stop()
            case.cleanup()
