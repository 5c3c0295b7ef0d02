"""The MPM's config check on a real `-k graceful` / `-k restart`, against Debian's apache2 with
the same configurations: the invoking process prints the startup wording on stderr; the running
master logs the restart wording ([mpm_event:warn], AH00498...AH00520) and keeps ServerLimit and
ThreadLimit (AH00501/AH00506), checking the rest against the kept values."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile

import pytest

from tests.conformance.http_oracle import available
from tests.mpm.harness import wait_for
from tests.support.servers import ApacheServer, ApachepyServer, apachepy_serving, raw_request

pytestmark = pytest.mark.skipif(not available() or not apachepy_serving(),
                                reason="needs Debian's apache2 and apachepy's MPM")

M = "/usr/lib/apache2/modules"

FIRST = """
ServerName localhost
ServerLimit 2
ThreadsPerChild 4
MaxRequestWorkers 8
StartServers 1
MinSpareThreads 1
MaxSpareThreads 8
"""

# every restart check fires: ServerLimit and ThreadLimit change, ThreadsPerChild above the new
# ThreadLimit (but not the kept one), MaxRequestWorkers beyond the kept ServerLimit, bad
# StartServers and MinSpareThreads
SECOND = """
ServerName localhost
ServerLimit 3
ThreadLimit 8
ThreadsPerChild 10
MaxRequestWorkers 50
StartServers 0
MinSpareThreads 0
MaxSpareThreads 8
"""

EXPECTED_LOG = [
    "[mpm_event:warn] AH00501: changing ServerLimit to 3 from original value of 2 not allowed during restart",
    "[mpm_event:warn] AH00506: changing ThreadLimit to 8 from original value of 64 not allowed during restart",
    "[mpm_event:warn] AH00516: MaxRequestWorkers of 50 would require 5 servers and exceed ServerLimit of 2, "
    "decreasing to 20",
    "[mpm_event:warn] AH00518: StartServers of 0 not allowed, increasing to 1",
    "[mpm_event:warn] AH00520: MinSpareThreads of 0 not allowed, increasing to 1",
]

EXPECTED_STDERR = [
    "AH00507: WARNING: ThreadsPerChild of 10 exceeds ThreadLimit of 8 threads, decreasing to 8. To increase, "
    "please see the ThreadLimit directive.",
    "AH00513: WARNING: MaxRequestWorkers of 50 is not an integer multiple of ThreadsPerChild of 8, decreasing "
    "to nearest multiple 48, for a maximum of 6 servers.",
    "AH00515: WARNING: MaxRequestWorkers of 48 would require 6 servers and would exceed ServerLimit of 3, "
    "decreasing to 24. To increase, please see the ServerLimit directive.",
    "AH00517: WARNING: StartServers of 0 not allowed, increasing to 1.",
    "AH00519: WARNING: MinSpareThreads of 0 not allowed, increasing to 1 to avoid almost certain server "
    "failure. Please read the documentation.",
]


def mpm_warnings(text: str) -> list[str]:
    """[mpm_event:warn] lines of an error log, without the time and pid fields."""
    out = []
    for line in text.splitlines():
        m = re.match(r"\[[^]]+\] (\[mpm_event:warn\]) \[pid [^]]+\] (.*)$", line)
        if m:
            out.append(f"{m.group(1)} {m.group(2)}")
    return out


def restart(server, kind: str, conf_text: str = SECOND) -> subprocess.CompletedProcess:
    """Write the new config (SECOND), then run `-k kind` as a separate invoking process."""
    server.conf_text = conf_text
    conf = os.path.join(server.root, "conf", "httpd.conf")
    with open(conf, "w") as f:
        f.write(server.config())
    if isinstance(server, ApacheServer):
        argv = ["apache2", "-d", server.root, "-f", conf, "-k", kind]
    else:
        argv = [sys.executable, "-m", "apachepy", "-d", server.root, "-f", conf, "-k", kind]
    return subprocess.run(argv, env=server.env(), capture_output=True, text=True, timeout=30, cwd=server.root)


@pytest.fixture(scope="module")
def docroot():
    d = tempfile.mkdtemp(prefix="aprestart.")
    os.chmod(d, 0o755)
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.mark.parametrize("kind", ["graceful", "restart"])
def test_restart_variants_match_apache2(docroot, kind):
    seen = {}
    for cls, args in ((ApacheServer, None), (ApachepyServer, ["-DFOREGROUND"])):
        with cls(FIRST, docroot, extra_args=args) as server:
            r = restart(server, kind)
            assert r.returncode == 0, r.stdout + r.stderr
            # done once the second "resuming normal operations" is logged
            log = wait_for(lambda: (lambda t: t if t.count("AH00489") >= 2 else None)(server.read_error_log()),
                           15, what=f"{cls.name}'s restart")
            seen[cls.name] = (r.stderr.splitlines(), mpm_warnings(log), server)
            # the server still serves after the restart (with the kept limits)
            assert server.proc.poll() is None
    for name, (stderr, warnings, _server) in seen.items():
        assert [ln for ln in stderr if ln.startswith("AH")] == EXPECTED_STDERR, (name, stderr)
        assert warnings == EXPECTED_LOG, (name, warnings)


def test_restart_keeps_the_first_limits_in_the_scoreboard(docroot):
    """After the restart apachepy runs with ServerLimit 2 and ThreadLimit 64 (as the kept
    scoreboard says) and ThreadsPerChild 10: the status page shows 2 x 10 worker letters."""
    conf = FIRST + f"LoadModule status_module {M}/mod_status.so\nLoadModule authz_core_module {M}/mod_authz_core.so\n" \
        "<Location /server-status>\n  SetHandler server-status\n</Location>\n"
    with ApachepyServer(conf, docroot, extra_args=["-DFOREGROUND"]) as p:
        assert restart(p, "graceful", SECOND + conf[len(FIRST):]).returncode == 0

        def board():
            text = raw_request(p.port, b"GET /server-status?auto HTTP/1.0\r\n\r\n").decode("latin-1")
            if "ParentServerMPMGeneration: 1" not in text:
                return None
            return re.search(r"^Scoreboard: (.*)$", text, re.M).group(1)
        sb = wait_for(board, 15, what="the new generation's status")
        assert len(sb) == 2 * 10, sb
