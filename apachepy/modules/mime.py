"""mod_mime: TypesConfig, Add*/Remove* extension metadata, and find_ct (the type checker)."""
from __future__ import annotations

import os

from ..config.walk import NOT_IN_LOCATION
from ..http.conf import compiles, field
from ..http.hooks import DECLINED, OK, hook
from ..http.server import server_compiler
from .base import handles

DIR_MAGIC_TYPE = "httpd/unix-directory"
_ATTRS = {"AddType": "type", "AddCharset": "charset", "AddEncoding": "encoding", "AddLanguage": "language",
          "AddHandler": "handler", "AddInputFilter": "in", "AddOutputFilter": "out"}
_REMOVES = {"RemoveCharset": "charset", "RemoveEncoding": "encoding", "RemoveLanguage": "language",
            "RemoveHandler": "handler", "RemoveInputFilter": "in", "RemoveOutputFilter": "out"}


def _merge_ext(base: dict, add: dict) -> dict:
    out = dict(base)
    for ext, attrs in add.items():
        cur = dict(out.get(ext, {}))
        for k, v in attrs.items():
            if v is None:
                cur.pop(k, None)
            else:
                cur[k] = v
        out[ext] = cur
    return out


field("mime_ext", {}, _merge_ext)        # ext -> {type, charset, encoding, language, handler}
field("default_language", None)
field("mime_use_path_info", False)

# MultiviewsMatch bits (MULTIMATCH_*): which extensions count as metadata for MultiViews
MULTIMATCH_ANY, MULTIMATCH_NEGOTIATED, MULTIMATCH_HANDLERS, MULTIMATCH_FILTERS = 1, 2, 4, 8
field("multimatch", 0)


@handles("MultiviewsMatch")
def multiviews_match(cmd, include: str):
    err = cmd.check_context(NOT_IN_LOCATION)
    if err:
        return err
    m = cmd.context.values.get("MultiviewsMatch", 0)
    k = include.lower()
    if k == "any":
        if m & ~MULTIMATCH_ANY:
            return "Any is incompatible with NegotiatedOnly, Filters and Handlers"
        m |= MULTIMATCH_ANY
    elif k == "negotiatedonly":
        if m & ~MULTIMATCH_NEGOTIATED:
            return "NegotiatedOnly is incompatible with Any, Filters and Handlers"
        m |= MULTIMATCH_NEGOTIATED
    elif k in ("filters", "handlers"):
        if m & (MULTIMATCH_NEGOTIATED | MULTIMATCH_ANY):
            return f"{include[0].upper()}{k[1:]} is incompatible with Any and NegotiatedOnly"
        m |= MULTIMATCH_FILTERS if k == "filters" else MULTIMATCH_HANDLERS
    else:
        return f"Unrecognized option '{include}'"
    cmd.context.values["MultiviewsMatch"] = m
    return None


@compiles("MultiviewsMatch")
def _c_multimatch(conf, vals, ctx):
    conf.multimatch = vals


def _ext_key(e: str) -> str:
    e = e.lower()
    return e[1:] if e.startswith(".") else e


@compiles(*_ATTRS, "RemoveType", *_REMOVES)
def _c_ext(conf, vals, ctx):
    # the model keeps values per directive name, so the whole table is built from the
    # section's values at once (removals after additions of the same section)
    compile_mime(conf, ctx.values)


def compile_mime(conf, values: dict) -> None:
    table: dict = {}
    for name, attr in _ATTRS.items():
        for args in values.get(name, []):
            value, exts = args[0], args[1:]
            for e in exts:
                table.setdefault(_ext_key(e), {})[attr] = value.lower() if attr != "in" and attr != "out" else value
    for args in values.get("RemoveType", []):
        for e in (args if isinstance(args, list) else [args]):
            table.setdefault(_ext_key(e), {})["type"] = ""
    for name, attr in _REMOVES.items():
        for args in values.get(name, []):
            for e in (args if isinstance(args, list) else [args]):
                table.setdefault(_ext_key(e), {})[attr] = None
    if table:
        conf.mime_ext = table


@compiles("DefaultLanguage")
def _c_default_language(conf, vals, ctx):
    conf.default_language = vals[-1][0]


@compiles("ModMimeUsePathInfo")
def _c_use_path_info(conf, vals, ctx):
    v = vals[-1][0] if isinstance(vals[-1], list) else vals[-1]
    conf.mime_use_path_info = v is True or str(v).lower() == "on"


def load_types(path: str) -> dict[str, str]:
    """A mime.types file: extension -> type (later lines win)."""
    table: dict[str, str] = {}
    try:
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                ws = line.split()
                if len(ws) < 2:
                    continue
                ct = ws[0].lower()
                for e in ws[1:]:
                    table[e.lower()] = ct
    except OSError:
        pass
    return table


@server_compiler
def _types_config(s, main, site):
    if main is not None or "mime_module" not in site.loaded_modules:
        return
    v = s.last("TypesConfig")
    name = v[0] if v else "conf/mime.types"
    path = name if name.startswith("/") else os.path.join(site.server_root, name)
    site.mod["mime_types"] = load_types(path)


def _analyze(ct: str) -> str:
    """analyze_ct's rebuild: `type/subtype; attr=val` with the parameters normalised."""
    if ";" not in ct:
        return ct.strip()
    base, _, rest = ct.partition(";")
    out = base.strip()
    for p in rest.split(";"):
        p = p.strip()
        if not p:
            continue
        a, _, v = p.partition("=")
        out += f"; {a.strip().lower()}={v.strip()}"
    return out


@hook("type_checker", "mime_module")
def find_ct(r):
    if r.is_dir:
        r.content_type = DIR_MAGIC_TYPE
        return OK
    if r.filename is None:
        return DECLINED
    conf = r.per_dir_config
    name = r.filename + (r.path_info or "") if conf.mime_use_path_info else r.filename
    fn = name.rsplit("/", 1)[-1]
    i = 0
    while i < len(fn) and fn[i] == ".":
        i += 1
    dot = fn.find(".", i)
    if dot < 0:
        exts = []
    else:
        exts = fn[dot + 1:].split(".")
    types = r.site.mod.get("mime_types", {})
    mappings = conf.mime_ext
    multimatch = conf.multimatch
    charset = None
    # the base name, then each extension that said nothing: "ap-mime-exceptions-list", which
    # only mod_negotiation reads, from its sub-requests (so main requests skip it)
    exceptions = [fn[:dot] if dot >= 0 else fn] if r.main is not None else None
    found_metadata = False
    for ext in exts:
        if not ext:
            continue
        e = ext.lower()
        found = False
        ex = mappings.get(e) if mappings else None
        if ex is None or "type" not in ex:
            t = types.get(e)
            if t is not None:
                r.content_type = t
                found = True
        if ex is not None:
            ft = ex.get("type")
            if ft:
                r.content_type = ft
                found = True
            if ex.get("charset"):
                charset = ex["charset"]
                found = True
            if ex.get("language"):
                r.content_languages = (r.content_languages or []) + [ex["language"]]
                found = True
            if ex.get("encoding"):
                r.content_encoding = ex["encoding"] if not r.content_encoding else \
                    f"{r.content_encoding}, {ex['encoding']}"
                found = True
            if ex.get("handler"):
                r.handler = ex["handler"]
                if multimatch & MULTIMATCH_HANDLERS:
                    found = True
            if (ex.get("in") or ex.get("out")) and multimatch & MULTIMATCH_FILTERS:
                found = True
        if found or multimatch & MULTIMATCH_ANY:
            found_metadata = True
        elif exceptions is not None:
            exceptions.append(ext)
    if found_metadata and exceptions is not None:
        # file names hold no "/", so the list travels as one note
        r.notes.set("ap-mime-exceptions-list", "/".join(exceptions))
    if r.content_type:
        ct = _analyze(r.content_type)
        if charset:
            if "; charset=" in ct:
                head, _, tail = ct.partition("; charset=")
                rest = tail.split(";", 1)
                ct = head + "; charset=" + charset + (";" + rest[1] if len(rest) > 1 else "")
            else:
                ct = ct + "; charset=" + charset
        r.content_type = ct
    if not r.content_languages and conf.default_language:
        r.content_languages = [conf.default_language]
    return OK


from .base import serves  # noqa: E402

serves("AddCharset", "AddEncoding", "AddHandler", "AddLanguage", "AddType", "DefaultLanguage", "RemoveCharset",
       "RemoveEncoding", "RemoveHandler", "RemoveLanguage", "RemoveType", "TypesConfig", "ModMimeUsePathInfo",
       "MultiviewsMatch")
