"""How the benchmarks run apachepy: which interpreter and command, with compiled bytecode.

apachepy is `PYTHON -m apachepy` from this checkout (cwd is the repository), unless
APACHEPY_CMD names another command (e.g. APACHEPY_CMD=apachepy for an installed script).
"""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import tomllib

MAIN = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # the repository
HERE = os.path.join(MAIN, "bench")
TMP = tempfile.gettempdir()
# An installed apachepy runs from compiled bytecode.  This machine's environment sets
# PYTHONDONTWRITEBYTECODE and the checkout changes under us, so every run would recompile
# whatever .pyc is stale; keep bytecode in a bench-owned cache instead (warm-up runs fill it,
# and nothing is written into the repository).
PYCACHE = os.path.join(TMP, "apachepy-bench-pycache")
VENV = os.path.join(TMP, "apachepy-bench-venv")


def apachepy_cmd(python: str | None = None) -> list[str]:
    override = os.environ.get("APACHEPY_CMD")
    return shlex.split(override) if override else [python or sys.executable, "-m", "apachepy"]


def python_env(extra: dict | None = None) -> dict:
    env = {**os.environ, **(extra or {}), "PYTHONPYCACHEPREFIX": PYCACHE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def clean_venv() -> tuple[str | None, str]:
    """A venv holding only apachepy's declared dependencies (pyproject.toml), which is what a
    user's `pip install apachepy` gives: no site-packages hooks of this machine's interpreter,
    no optional extras that libraries pick up when present (lark imports `regex` if it can).
    Made on first use; returns (its python, "") or (None, why it could not be made)."""
    with open(os.path.join(MAIN, "pyproject.toml"), "rb") as f:
        deps = tomllib.load(f)["project"]["dependencies"]
    py, marker = os.path.join(VENV, "bin", "python"), os.path.join(VENV, "apachepy-deps.txt")
    want = "\n".join(deps)
    if os.path.exists(py) and os.path.exists(marker) and open(marker).read() == want:
        return py, ""
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", VENV], check=True,
                       capture_output=True, timeout=300)
        subprocess.run([py, "-m", "pip", "install", "-q", *deps], check=True,
                       capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError) as e:
        return None, f"could not make {VENV}: {e}"
    with open(marker, "w") as f:
        f.write(want)
    return py, ""


def machine() -> str:
    """What docs/performance.md records about the box: CPUs, kernel, Python."""
    with open("/proc/cpuinfo") as f:
        model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    return f"{os.cpu_count()} CPUs ({model}), kernel {os.uname().release}, Python {sys.version.split()[0]}"
