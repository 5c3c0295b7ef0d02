"""Every case of ../shared/corpus: apachepy's verdict and dumps equal real Apache's goldens,
and, where Debian's apache2 is installed, what apache2 prints for the same tree right now."""
from __future__ import annotations

import shutil

import pytest

from .corpus import COMMANDS, Case, apachepy_launcher, cases

# A case may only be listed here with its reason also written in docs/differences.md.
KNOWN_DIFFERENCES: dict[tuple[str, str], str] = {}

CASES = cases()
pytestmark = pytest.mark.skipif(not CASES, reason="../shared/corpus is not present")


@pytest.fixture(scope="module")
def launcher(tmp_path_factory):
    return apachepy_launcher(str(tmp_path_factory.mktemp("bin")))


@pytest.mark.parametrize("key", list(COMMANDS))
@pytest.mark.parametrize("name", CASES)
def test_matches_golden(name, key, launcher):
    if (name, key) in KNOWN_DIFFERENCES:
        pytest.xfail(KNOWN_DIFFERENCES[(name, key)])
    case = Case(name)
    try:
        assert case.run(launcher, key) == case.golden(key)
    finally:
        case.cleanup()


@pytest.mark.skipif(shutil.which("apache2") is None, reason="Debian's apache2 is not installed")
@pytest.mark.parametrize("key", list(COMMANDS))
@pytest.mark.parametrize("name", CASES)
def test_matches_live_apache2(name, key, launcher):
    if (name, key) in KNOWN_DIFFERENCES:
        pytest.xfail(KNOWN_DIFFERENCES[(name, key)])
    case = Case(name)
    try:
        assert case.run(launcher, key) == case.run(shutil.which("apache2"), key)
    finally:
        case.cleanup()
