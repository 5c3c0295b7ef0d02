"""The live conformance tests (tests/conformance/test_http_*.py) and the hostile-request
corpus (tests/reliability/test_hostile.py) run once per protocol engine: apachepy's own
request-head parser (`python`) and the llhttp one (`httptools`, skipped when httptools is not
installed).  The engine reaches the apachepy servers these tests start through
APACHEPY_ENGINE (apachepy/http/parser.py), set while the module's tests of that engine run.

Each test gets the engine as a module-scoped parameter, and so do the module-scoped fixtures
defined in its module (the server pairs), so that every engine gets servers of its own; a
fixture with params of its own (test_http_cgi's cgi/cgid) runs with each of them per engine.
The other conformance tests (config goldens, dumps) never parse a request and run once.
"""
from __future__ import annotations

import itertools
import os

import pytest

from apachepy.http.parser import ENGINE_ENV, httptools_available

_TESTS = os.path.dirname(os.path.abspath(__file__))
ENGINES = ("python", "httptools")


def _per_engine(path: str) -> bool:
    rel = os.path.relpath(path, _TESTS).replace(os.sep, "/")
    base = rel.rsplit("/", 1)[-1]
    return (rel.startswith("conformance/") and base.startswith("test_http_")) or \
        rel == "reliability/test_hostile.py"


def _module_fixtures(metafunc) -> list:
    """(name, FixtureDef) of the module- or class-scoped fixtures this test uses that its own
    module defines: the servers, which must be started once per engine."""
    out = []
    for name in metafunc.fixturenames:
        defs = metafunc._arg2fixturedefs.get(name)
        if defs and defs[-1].scope in ("module", "class") and defs[-1].baseid == metafunc.definition.parent.nodeid:
            out.append((name, defs[-1]))
    return out


class _Tagged(str):
    """A module fixture's param for one engine.  pytest keeps a module-scoped fixture while
    its param compares equal (==), so the two engines' params must differ for each engine to
    get servers of its own; against anything but another _Tagged it is the plain string
    (a fixture's own param, e.g. "cgi", or the engine name for an unparametrized fixture)."""

    def __new__(cls, value: str, engine: str):
        s = super().__new__(cls, value)
        s.engine = engine
        return s

    def __eq__(self, other):
        if isinstance(other, _Tagged):
            return str.__eq__(self, other) and self.engine == other.engine
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def _own_params(fd) -> list[tuple]:
    """A fixture's own (param, id) pairs; (None, None) for an unparametrized one."""
    if fd.params is None:
        return [(None, None)]
    if not all(isinstance(p, str) for p in fd.params):
        raise TypeError(f"per-engine fixture {fd.argname}: only str params can be tagged with the engine")
    ids = fd.ids
    if callable(ids):
        ids = [ids(p) for p in fd.params]
    return list(zip(fd.params, ids or fd.params))


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc):
    if not _per_engine(str(metafunc.definition.path)):
        return
    fixtures = _module_fixtures(metafunc)
    names = ["protocol_engine"] + [n for n, _ in fixtures]
    own = [_own_params(fd) for _, fd in fixtures]
    values = []
    for engine in ENGINES:
        marks = [pytest.mark.skipif(not httptools_available(), reason="httptools is not installed")] \
            if engine == "httptools" else []
        for combo in itertools.product(*own):
            ids = [engine] + [str(i) for _, i in combo if i is not None]
            params = [_Tagged(engine if p is None else p, engine) for p, _ in combo]
            values.append(pytest.param(engine, *params, id="-".join(ids), marks=marks))
    # as a mark, read by pytest's own parametrize hook after this one: pytest then leaves a
    # fixture's own params (test_http_cgi's cgi/cgid) to this product instead of adding them again
    metafunc.definition.add_marker(pytest.mark.parametrize(names, values, indirect=True, scope="module"))


@pytest.fixture(scope="module", autouse=True)
def protocol_engine(request):
    """APACHEPY_ENGINE for the servers a per-engine module starts (autouse: set up before the
    module's own fixtures); nothing elsewhere."""
    engine = getattr(request, "param", None)
    if engine is None:
        yield None
        return
    old = os.environ.get(ENGINE_ENV)
    os.environ[ENGINE_ENV] = engine
    try:
        yield engine
    finally:
        if old is None:
            os.environ.pop(ENGINE_ENV, None)
        else:
            os.environ[ENGINE_ENV] = old


# -- apachepy's parse cache (apachepy/config/source.py) -------------------------------------
# A private directory per test session, so that tests neither read entries left by earlier
# runs nor fill the user's ~/.cache; the servers the tests start inherit it.
_CACHE_DIR = None


def pytest_configure(config):
    global _CACHE_DIR
    if "APACHEPY_CACHE_DIR" not in os.environ:
        import tempfile
        _CACHE_DIR = tempfile.mkdtemp(prefix="apachepy-test-cache-")
        os.environ["APACHEPY_CACHE_DIR"] = _CACHE_DIR


def pytest_unconfigure(config):
    if _CACHE_DIR:
        import shutil
        shutil.rmtree(_CACHE_DIR, ignore_errors=True)
        os.environ.pop("APACHEPY_CACHE_DIR", None)
