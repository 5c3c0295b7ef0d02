"""How the benchmarks run apachepy: which command, and with compiled bytecode.

apachepy is `python -m apachepy` from this checkout unless APACHEPY_CMD names another
command (e.g. APACHEPY_CMD=apachepy for the installed script).
"""
from __future__ import annotations

import os
import shlex
import sys
import tempfile

MAIN = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # the repository
HERE = os.path.join(MAIN, "bench")
# An installed apachepy runs from compiled bytecode.  This machine's environment sets
# PYTHONDONTWRITEBYTECODE and the checkout changes under us, so every run would recompile
# whatever .pyc is stale; keep bytecode in a bench-owned cache instead (warm-up runs fill it,
# and nothing is written into the repository).
PYCACHE = os.path.join(tempfile.gettempdir(), "apachepy-bench-pycache")


def apachepy_cmd() -> list[str]:
    override = os.environ.get("APACHEPY_CMD")
    return shlex.split(override) if override else [sys.executable, "-m", "apachepy"]


def python_env(extra: dict | None = None) -> dict:
    env = {**os.environ, **(extra or {}), "PYTHONPYCACHEPREFIX": PYCACHE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
