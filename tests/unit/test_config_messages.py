"""httpd's exact `-t` messages for small configurations (tests/unit/config_cases.py), for apachepy
and, where Debian's apache2 is installed, for apache2 itself (so the table stays true)."""
from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest

from apachepy.cli.main import run_cli
from tests.conformance.corpus import normalise

from .config_cases import CASES, NO_PRELUDE, PRELUDE


def _write(tmp_path, body) -> str:
    root = str(tmp_path)
    if body is None:
        text = "ServerName localhost\n"
    elif body.startswith(NO_PRELUDE):
        text = body
    else:
        text = PRELUDE + body
    with open(os.path.join(root, "t.conf"), "w") as f:
        f.write(text.replace("ROOT", root))
    return root


def _norm(rc: int, err: str, root: str) -> str:
    return normalise(f"exit: {rc}\n{err}", root).replace("@ROOT@", "ROOT")


def run_apachepy(root: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    rc = run_cli(["apache2", "-d", root, "-f", f"{root}/t.conf", "-t"], out, err)
    return _norm(rc, err.getvalue(), root)


def run_apache2(root: str) -> str:
    p = subprocess.run(["apache2", "-d", root, "-f", f"{root}/t.conf", "-t"], capture_output=True, text=True,
                       env={"PATH": os.environ["PATH"], "LANG": "C"}, timeout=30)
    return _norm(p.returncode, p.stderr, root)


@pytest.mark.parametrize("name,body,expected", CASES, ids=[c[0] for c in CASES])
def test_apachepy_prints_httpds_message(tmp_path, name, body, expected):
    root = _write(tmp_path, body)
    got = run_apachepy(root)
    if expected is None:
        assert got.startswith("exit: 1\n")
    else:
        assert got == expected


@pytest.mark.skipif(shutil.which("apache2") is None, reason="Debian's apache2 is not installed")
@pytest.mark.parametrize("name,body,expected", CASES, ids=[c[0] for c in CASES])
def test_apache2_agrees(tmp_path, name, body, expected):
    root = _write(tmp_path, body)
    assert run_apachepy(root) == run_apache2(root)
