"""The built wheel ships the grammar where apachepy looks for it, and the console script."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    p = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {p.stderr[-500:]}")
    return next(out.glob("apachepy-*.whl"))


def test_wheel_contains_grammar(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        assert "apachepy/grammar/httpd.lark" in names
        assert z.read("apachepy/grammar/httpd.lark") == (REPO / "grammar" / "httpd.lark").read_bytes()
        entry = next(n for n in names if n.endswith("entry_points.txt"))
        assert "apachepy = apachepy.cli.main:main" in z.read(entry).decode()
