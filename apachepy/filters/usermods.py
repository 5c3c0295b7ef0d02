"""Users' filter modules: Python files or importable modules named in the APACHEPY_MODULES
environment variable (comma-separated), imported once when the configuration is loaded, in
the master, before any child starts.  A module registers filters with
apachepy.filters.output_filter / input_filter and, if it wants to insert them itself, hooks
with apachepy.http.hooks.hook (see docs/filters.md).  httpd has no such mechanism; apachepy
uses an environment variable so that configurations stay valid for httpd.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys

ENV = "APACHEPY_MODULES"
_loaded: dict[str, object] = {}


def names(environ=None) -> list[str]:
    value = (environ if environ is not None else os.environ).get(ENV, "")
    return [n.strip() for n in value.split(",") if n.strip()]


def load_one(name: str):
    """Import a module by dotted name, or a .py file by path (once)."""
    if name in _loaded:
        return _loaded[name]
    if name.endswith(".py") or os.sep in name:
        path = os.path.abspath(name)
        modname = "apachepy_user_" + os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(modname, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"not a Python file: {path}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[modname] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[modname]
            raise
    else:
        module = importlib.import_module(name)
    _loaded[name] = module
    return module


def load_all(environ=None) -> list:
    """Import every module APACHEPY_MODULES names; the first failure is raised as
    (name, exception)."""
    out = []
    for n in names(environ):
        try:
            out.append(load_one(n))
        except Exception as e:          # reported as a startup error by the caller
            raise UserModuleError(n, e) from e
    return out


class UserModuleError(Exception):
    def __init__(self, name: str, error: Exception):
        super().__init__(f"{name}: {type(error).__name__}: {error}")
        self.name = name
        self.error = error
