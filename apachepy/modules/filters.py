"""Which filters go into a request's chains (see apachepy/filters and docs/filters.md):

  * core: SetOutputFilter / SetInputFilter (per directory, `;`-separated names), added by
    the insert_filter hook (core_insert_filter);
  * mod_mime: AddOutputFilter / AddInputFilter / RemoveOutputFilter / RemoveInputFilter by
    file extension, added when the type is found (httpd's find_ct; here the first fixup, which
    keeps them ahead of everything an insert_filter hook adds);
  * mod_filter: AddOutputFilterByType, a "BYTYPE:NAME" harness of the provider's type that
    runs the provider only for 200 responses whose Content-Type matches (filter_harness).

Unknown filter names are logged at request time, as httpd does (AH00082).
"""
from __future__ import annotations

from ..filters.registry import FilterRec, find_output_filter
from ..http import hooks
from ..http.conf import compiles, field
from ..http.hooks import OK, hook
from .base import post_config, serves, serves_only

serves("RemoveOutputFilter", "RemoveInputFilter")

# The filters stock httpd modules register, by name (httpd matches names case-insensitively).
# A name here whose module the configuration loads but whose filter apachepy does not
# implement makes the directive naming it unsupported; any other unknown name is what httpd
# itself skips at request time (AH00082), and so does apachepy.
STOCK_OUTPUT_FILTERS = {
    "deflate": "deflate_module", "inflate": "deflate_module", "brotli_compress": "brotli_module",
    "includes": "include_module", "substitute": "substitute_module", "sed": "sed_module",
    "xml2enc": "xml2enc_module", "proxy-html": "proxy_html_module", "rate_limit": "ratelimit_module",
    "buffer": "buffer_module", "data": "data_module", "xlateout": "charset_lite_module",
    "cache": "cache_module", "cache_out": "cache_module", "cache_save": "cache_module",
    "cache_remove_url": "cache_module", "cache_invalidate": "cache_module",
    "casefilter": "case_filter_module",
}
STOCK_INPUT_FILTERS = {
    "deflate": "deflate_module", "sed": "sed_module", "kept_body": "request_module",
    "keep_body": "request_module", "xlatein": "charset_lite_module", "casefilterin": "case_filter_in_module",
    "buffer": "buffer_module",
}


def _names_served(names: str, stock: dict, find) -> bool:
    from .base import LOADED_MODULES
    for name in names.split(";"):
        mod = stock.get(name.strip().lower())
        if mod is not None and mod in LOADED_MODULES and find(name.strip()) is None:
            return False
    return True


def _first_word(args: str) -> str:
    return args.split(None, 1)[0] if args.split() else ""


def _out(args: str) -> bool:
    from ..filters.registry import find_output_filter as find
    return _names_served(_first_word(args), STOCK_OUTPUT_FILTERS, find)


def _in(args: str) -> bool:
    from ..filters.registry import find_input_filter as find
    return _names_served(_first_word(args), STOCK_INPUT_FILTERS, find)


for _name, _accepts in (("SetOutputFilter", _out), ("AddOutputFilter", _out), ("AddOutputFilterByType", _out),
                        ("SetInputFilter", _in), ("AddInputFilter", _in)):
    serves_only(_name, _accepts)


def _merge_chain(base: list, add: list) -> list:
    """filter_merge: the base chain, then the added one; a None entry (a reset) drops what
    came before it."""
    out: list = []
    for name in list(base) + list(add):
        if name is None:
            out = []
        else:
            out.append(name)
    return out


def _merge_live(base: dict, add: dict) -> dict:
    d = dict(base)
    d.update(add)
    return d


field("output_filters", None)        # SetOutputFilter (the raw ;-separated list)
field("input_filters", None)         # SetInputFilter
field("filter_chain", [], _merge_chain)      # mod_filter's chain of harness names
field("filter_live", {}, _merge_live)        # name -> apachepy.modules.filter.SmartFilter


@compiles("SetOutputFilter")
def _c_set_output(conf, vals, ctx):
    v = vals[-1]
    conf.output_filters = v[0] if isinstance(v, list) else v


@compiles("SetInputFilter")
def _c_set_input(conf, vals, ctx):
    v = vals[-1]
    conf.input_filters = v[0] if isinstance(v, list) else v


@compiles("FilterChain")
def _c_chain(conf, vals, ctx):
    # apachepy/modules/filter.py keeps the section's chain as a list, None for a reset
    conf.filter_chain = _merge_chain([], vals)


@compiles("filter:live")
def _c_live(conf, vals, ctx):
    conf.filter_live = dict(vals)


def split_names(names: str) -> list[str]:
    """ap_getword(..., ';') repeated: empty names are skipped."""
    return [n for n in names.split(";") if n]


# -- mod_filter's harness ------------------------------------------------------------------

class _Harness:
    __slots__ = ("providers", "func", "fctx", "init_ctx")


def _harness_init(f) -> int:
    """filter_init: each provider's own init runs (INCLUDES: no 304, no ETag) whatever the
    type turns out to be."""
    ctx = _Harness()
    ctx.providers = f.frec.providers
    ctx.func = None
    ctx.fctx = None
    ctx.init_ctx = {}
    for i, (_pname, _expr, _types, prec) in enumerate(ctx.providers):
        if prec.init is not None:
            f.ctx = None
            rc = prec.init(f)
            if rc:
                f.r.log_error("filter", "error", f"AH01378: filter_init for {prec.name} failed")
                return rc
            if f.ctx is not None:
                ctx.init_ctx[i] = f.ctx
    f.ctx = ctx
    return 0


def _matches(r, expr, types) -> bool:
    """filter_lookup's test of one provider: its expression, else its media types (compared
    with the Content-Type up to its parameters, case-sensitively)."""
    if expr is not None:
        from ..http.exprctx import eval_condition
        rc = eval_condition(expr, r)
        return rc == 1
    ct = r.content_type
    if not ct or not types:
        return False
    base = ct
    for i, ch in enumerate(ct):
        if ch in "; \t":
            base = ct[:i]
            break
    return base in types


def _harness(f, bb: list) -> None:
    r = f.r
    ctx = f.ctx
    if ctx is None:                      # added after the handler started: no init ran
        _harness_init(f)
        ctx = f.ctx
    if r.status != 200 and r.subprocess_env.get("filter-errordocs") is None:
        f.remove()
        f.pass_brigade(bb)
        return
    if ctx.func is None:
        for i, (_pname, expr, types, prec) in enumerate(ctx.providers):
            if _matches(r, expr, types):
                ctx.func = prec.func
                ctx.fctx = ctx.init_ctx.get(i)
                break
        else:
            f.remove()
            f.pass_brigade(bb)
            return
    f.ctx = ctx.fctx
    try:
        ctx.func(f, bb)
    finally:
        ctx.fctx = f.ctx
        f.ctx = ctx


_PLACES = {"RESOURCE": 10, "CONTENT_SET": 20, "PROTOCOL": 30, "CONNECTION": 50, "NETWORK": 60}


def harness_rec(smart, loaded) -> FilterRec | None:
    """The harness record of a smart filter (mod_filter.c's filter_harness) with the
    providers this request's modules provide; None without any."""
    resolved = []
    for pname, expr, types in smart.providers:
        prec = find_output_filter(pname, loaded)
        if prec is not None:
            resolved.append((pname, expr, types, prec))
    if not resolved:
        return None
    # a filter first named by a provider line takes the provider's type (add_filter)
    ftype = resolved[-1][3].ftype if smart.name.startswith("BYTYPE:") else _PLACES.get(smart.ftype, 10)
    rec = FilterRec(smart.name, _harness, ftype, "output", init=_harness_init,
                    whole_body=any(p[3].whole_body for p in resolved))
    rec.providers = resolved
    return rec


# -- hooks ----------------------------------------------------------------------------------

def _filters(r):
    return getattr(r, "filters", None)


def _extensions(filename: str) -> list[str]:
    """The extensions mod_mime looks at (every dot-separated part after the first dot of the
    last path component, leading dots skipped)."""
    fn = filename.rsplit("/", 1)[-1]
    i = 0
    while i < len(fn) and fn[i] == ".":
        i += 1
    dot = fn.find(".", i)
    return [] if dot < 0 else [e.lower() for e in fn[dot + 1:].split(".") if e]


@hook("fixups", "mime_module", hooks.REALLY_FIRST)
def mime_filters(r):
    """AddOutputFilter / AddInputFilter for the file's extensions (mod_mime's find_ct)."""
    rf = _filters(r)
    table = getattr(r.per_dir_config, "mime_ext", None)
    if rf is None or not table or not r.filename or r.is_dir:
        return OK
    conf = r.per_dir_config
    name = r.filename + (r.path_info or "") if getattr(conf, "mime_use_path_info", False) else r.filename
    for ext in _extensions(name):
        attrs = table.get(ext)
        if not attrs:
            continue
        if attrs.get("in"):
            for n in split_names(attrs["in"]):
                rf.add_input(n)
        if attrs.get("out"):
            for n in split_names(attrs["out"]):
                rf.add_output(n)
    return OK


@hook("insert_filter", "core_module", hooks.MIDDLE)
def core_insert_filter(r):
    rf = _filters(r)
    if rf is None:
        return
    conf = r.per_dir_config
    if conf.output_filters:
        for n in split_names(conf.output_filters):
            rf.add_output(n)
    if conf.input_filters:
        for n in split_names(conf.input_filters):
            rf.add_input(n)


@hook("insert_filter", "filter_module", hooks.MIDDLE)
def filter_insert(r):
    rf = _filters(r)
    if rf is None:
        return
    conf = r.per_dir_config
    for fname in conf.filter_chain:
        smart = conf.filter_live.get(fname)
        rec = harness_rec(smart, rf.loaded) if smart is not None else None
        if rec is None:
            r.log_error("filter", "warn", f"AH01380: Unknown filter {fname} not added")
            continue
        rf.add_output(rec)


@post_config
def user_filter_modules(config, log, reader) -> None:
    """Import the users' filter modules named in APACHEPY_MODULES (apachepy/filters/usermods.py)."""
    from ..errors import FatalStartup
    from ..filters.usermods import UserModuleError, load_all
    try:
        load_all()
    except UserModuleError as e:
        raise FatalStartup(f"apachepy: cannot load the filter module {e}") from None
