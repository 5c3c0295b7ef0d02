"""Filter records and the registry (util_filter.c's ap_register_*_filter).

A filter is registered once, by name (case-insensitive), with its type, which fixes where it
sits in a chain (see chain.py):

    RESOURCE 10      content generation helpers (INCLUDES)
    CONTENT_SET 20   whole-content transformations (DEFLATE, mod_headers' fixups)
    PROTOCOL 30      HTTP framing (BYTERANGE, CONTENT_LENGTH, HTTP_HEADER)
    TRANSCODE 40     transfer encodings (CHUNK)
    CONNECTION 50    per-connection transformations (the TLS filters)
    NETWORK 60       the socket (CORE, CORE_IN)

Types in between are allowed (httpd's mod_ssl uses CONNECTION + 5).  Filters of a type below
PROTOCOL need a request; PROTOCOL and TRANSCODE ones belong to a request too; CONNECTION and
NETWORK ones belong to the connection and serve every request on it.

Besides httpd's fields a record says how the filter lets the event MPM work:

  * `async_compatible` (connection filters): the filter works from the listener thread with
    non-blocking input and output.  A connection with any connection filter that is not is
    run the worker-MPM way: one worker thread for its whole life ("clogging" in httpd).
  * `whole_body` (request filters): the filter needs the whole response body (DEFLATE,
    INCLUDES); the worker that runs the request stays with it until the response is flushed
    to the client instead of leaving the tail to write completion.

`module` names the module whose LoadModule makes the filter available (None: always there);
a configuration that names a filter of a module it did not load gets httpd's AH00082.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

RESOURCE = 10
CONTENT_SET = 20
PROTOCOL = 30
TRANSCODE = 40
CONNECTION = 50
NETWORK = 60

OUTPUT = "output"
INPUT = "input"


@dataclass(eq=False)
class FilterRec:
    name: str
    func: Callable
    ftype: int
    direction: str
    init: Callable | None = None         # run before the handler (ap_init_filter_func)
    module: str | None = None
    async_compatible: bool = True
    whole_body: bool = False

    def __repr__(self) -> str:
        return f"<{self.direction} filter {self.name} ({self.ftype})>"


_OUTPUT: dict[str, FilterRec] = {}
_INPUT: dict[str, FilterRec] = {}


def _register(table: dict, name: str, func: Callable, ftype: int, direction: str, *, init=None,
              module: str | None = None, async_compatible: bool = True, whole_body: bool = False) -> FilterRec:
    rec = FilterRec(name, func, ftype, direction, init, module, async_compatible, whole_body)
    table[name.lower()] = rec         # a later registration of the same name replaces it
    return rec


def register_output_filter(name: str, func: Callable, ftype: int, **kw) -> FilterRec:
    """ap_register_output_filter: `func(f, bb)` gets a brigade (a list of buckets) and passes
    its output on with `f.pass_brigade(bb)`.  Keywords: init, module, async_compatible,
    whole_body (see the module docstring)."""
    return _register(_OUTPUT, name, func, ftype, OUTPUT, **kw)


def register_input_filter(name: str, func: Callable, ftype: int, **kw) -> FilterRec:
    """ap_register_input_filter: `func(f, mode, block, readbytes)` returns a brigade read
    through `f.get_brigade(mode, block, readbytes)` (see chain.py for modes)."""
    return _register(_INPUT, name, func, ftype, INPUT, **kw)


def output_filter(name: str, ftype: int, **kw):
    """Decorator form of register_output_filter."""
    def deco(fn):
        register_output_filter(name, fn, ftype, **kw)
        return fn
    return deco


def input_filter(name: str, ftype: int, **kw):
    """Decorator form of register_input_filter."""
    def deco(fn):
        register_input_filter(name, fn, ftype, **kw)
        return fn
    return deco


def _find(table: dict, name: str, loaded: set[str] | None) -> FilterRec | None:
    rec = table.get(name.lower())
    if rec is None:
        return None
    if loaded is not None and rec.module is not None and rec.module not in loaded:
        return None
    return rec


def find_output_filter(name: str, loaded: set[str] | None = None) -> FilterRec | None:
    """The record of an output filter, if registered and its module is in `loaded`."""
    return _find(_OUTPUT, name, loaded)


def find_input_filter(name: str, loaded: set[str] | None = None) -> FilterRec | None:
    return _find(_INPUT, name, loaded)


def registered(direction: str = OUTPUT) -> list[FilterRec]:
    return list((_OUTPUT if direction == OUTPUT else _INPUT).values())
