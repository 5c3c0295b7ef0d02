"""The long soak (marked slow: run it with `python -m pytest -m slow tests/reliability/test_soak.py`,
or as `python3 bench/soak.py`, not in CI): a million keep-alive requests in 10-second wrk rounds,
and the server's memory stays flat (PSS after the last round within 10% of its size after the
two warm-up rounds), with no failed request.  The scenario is bench/soak.py's."""
from __future__ import annotations

import os
import shutil
import sys

import pytest

from tests.support.servers import apachepy_serving

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))

TOTAL = int(os.environ.get("APACHEPY_SOAK_REQUESTS", "1000000"))

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not apachepy_serving() or shutil.which("wrk") is None,
                                 reason="needs a serving apachepy and wrk")]


def test_memory_flat_over_a_million_requests():
    import soak
    result = soak.soak(TOTAL)
    assert result["requests"] >= TOTAL
    assert result["errors"] == 0, result["rounds"]
    assert result["last"]["pss_kb"] <= result["warm"]["pss_kb"] * soak.GROWTH, result["rounds"]
