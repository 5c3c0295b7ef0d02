"""The long soak (marked slow: run it with `python -m pytest -m slow tests/reliability/test_soak.py`,
not in CI): a million keep-alive requests in rounds, and the server's memory stays flat
(no growth beyond 10% after the first rounds' warm-up)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile

import pytest

from tests.support.servers import ApachepyServer, apachepy_serving

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))

TOTAL = int(os.environ.get("APACHEPY_SOAK_REQUESTS", "1000000"))

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not apachepy_serving() or shutil.which("wrk") is None,
                                 reason="needs a serving apachepy and wrk")]

CONF = """
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
ServerName localhost
StartServers 2
<Directory "@DOCROOT@">
    Require all granted
</Directory>
LogFormat "%h %l %u %t \\"%r\\" %>s %b" common
CustomLog @ROOT@/logs/access_log common
"""


def test_memory_flat_over_a_million_requests():
    import proctree
    docroot = tempfile.mkdtemp(prefix="soak-docroot.")
    os.chmod(docroot, 0o755)
    with open(os.path.join(docroot, "index.html"), "w") as f:
        f.write("x" * 1024)
    os.chmod(os.path.join(docroot, "index.html"), 0o644)
    with ApachepyServer(CONF, docroot, ["-DFOREGROUND"]) as p:
        samples, done = [], 0
        while done < TOTAL:
            out = subprocess.run(["wrk", "-t1", "-c50", "-d10s", "--timeout", "5s",
                                  f"http://127.0.0.1:{p.port}/index.html"],
                                 capture_output=True, text=True, timeout=60).stdout
            m = re.search(r"(\d+) requests in", out)
            assert m, out
            done += int(m.group(1))
            samples.append(proctree.memory_kb(p.pid)[1])   # PSS: shared pages counted once
        warm = samples[min(1, len(samples) - 1)]
        assert samples[-1] <= warm * 1.10, samples
