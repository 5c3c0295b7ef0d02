"""Per-directory configuration walks (server/request.c): directory_walk (with symlink checks
and .htaccess files), file_walk, location_walk and if_walk.

The merged results are cached per Site by the identity of what was merged, so a request
that matches the same sections as an earlier one reuses the earlier merge.
"""
from __future__ import annotations

import os

from .conf import (OPT_SYM_LINKS, OPT_SYM_OWNER, OPT_UNSET, DirConfig, merge)
from .exprctx import eval_condition
from .hooks import OK

S_IFMT = 0o170000
S_IFDIR = 0o040000
S_IFREG = 0o100000
S_IFLNK = 0o120000


def merged(site, base: DirConfig, add: DirConfig) -> DirConfig:
    """merge(base, add), cached by the identity of both."""
    key = (id(base), id(add))
    hit = site.merge_cache.get(key)
    if hit is not None and hit[0] is base and hit[1] is add:
        return hit[2]
    res = merge(base, add)
    if len(site.merge_cache) > 20000:
        site.merge_cache.clear()
    site.merge_cache[key] = (base, add, res)
    return res


def _opts_merge(opts: tuple, conf: DirConfig) -> tuple:
    """core_opts_merge: the running (opts, add, remove, override, override_opts, override_list)."""
    o, add, rem, ov, ovo, ovl = opts
    d = conf.__dict__
    if "options" in d:
        nopts, nadd, nrem = d["options"]
        if nopts & OPT_UNSET:
            add = (add & ~nrem) | nadd
            rem = (rem & ~nadd) | nrem
            o = (o & ~rem) | add
        else:
            o, add, rem = nopts, nadd, nrem
    if "override" in d:
        ov = d["override"]
        if "override_opts" in d:
            ovo = d["override_opts"]
    if "override_list" in d:
        ovl = d["override_list"]
    return (o, add, rem, ov, ovo, ovl)


def _resolve_symlink(path: str, opts: int, lst: os.stat_result):
    """resolve_symlink: the target's stat, or None (403) when links aren't allowed."""
    if not opts & (OPT_SYM_OWNER | OPT_SYM_LINKS):
        return None
    try:
        target = os.stat(path)
    except OSError:
        return None
    if opts & OPT_SYM_OWNER and target.st_uid != lst.st_uid:
        return None
    return target


def directory_walk(r) -> int:
    if r.filename is None:
        return OK
    site = r.site
    srv = r.server
    fname = r.filename
    if "//" in fname or "/." in fname:
        fname = os.path.normpath(fname) + ("/" if fname.endswith("/") and fname != "/" else "")
        if fname.startswith("//"):
            fname = fname[1:]
    r.filename = fname
    if r.finfo is None:
        try:
            r.finfo = os.stat(fname)
        except (OSError, ValueError):
            r.finfo = None
        else:
            if (r.finfo.st_mode & S_IFMT) != S_IFDIR and fname.endswith("/"):
                r.finfo = None
    base = r.per_dir_config
    bd = base
    opts = (bd.options[0], bd.options[1], bd.options[2], bd.override, bd.override_opts, bd.override_list)
    finfo_known = r.finfo is not None
    # path_info: the unconsumed source path; filename: the path walked so far
    is_dir = finfo_known and (r.finfo.st_mode & S_IFMT) == S_IFDIR
    if is_dir and r.path_info:
        save_path_info = None
        rest = fname.rstrip("/") + "/" + r.path_info.lstrip("/")
    else:
        save_path_info = r.path_info
        rest = fname
    levels = srv.dir_levels
    fnsecs = srv.dir_fnmatch
    comps = [c for c in rest.split("/") if c]
    plain_links = finfo_known
    fmt_final = (r.finfo.st_mode & S_IFMT) if finfo_known else 0
    now = base
    walked = "/"
    i = 0
    thisinfo = r.finfo
    stopped = False
    while True:
        cur = walked if walked.endswith("/") else walked + "/"
        found = levels.get(cur)
        if fnsecs:
            extra = [cs for cs in fnsecs.get(cur.count("/"), ()) if cs.fnmatch.match(cur)]
            if extra:
                found = sorted((found or []) + extra, key=lambda cs: cs.order)
        if found:
            for cs in found:
                opts = _opts_merge(opts, cs.conf)
                now = merged(site, now, cs.conf)
        if (opts[3] or opts[5]) and not (finfo_known and i == len(comps) and fmt_final != S_IFDIR):
            # (the last level of a walk into a regular file is "file/": no .htaccess can be there)
            res = _htaccess(r, cur, opts)
            if isinstance(res, int):
                return res
            if res is not None:
                opts = _opts_merge(opts, res)
                now = merged(site, now, res)
        if i >= len(comps):
            break
        walked = cur + comps[i]
        i += 1
        if plain_links and (opts[0] & (OPT_SYM_OWNER | OPT_SYM_LINKS)) == OPT_SYM_LINKS:
            continue
        try:
            lst = os.lstat(walked)
        except FileNotFoundError:
            thisinfo = None
            stopped = True
            break
        except PermissionError:
            r.log_error("core", "error", f"AH00035: access to {r.uri} denied (filesystem "
                        f"path '{walked}') because search permissions are missing on a component of the path", err=13)
            return 403
        except OSError as e:
            r.log_error("core", "error", f"AH00036: access to {r.uri} "
                        f"failed (filesystem path '{walked}')", err=e.errno)
            return 403
        fmt = lst.st_mode & S_IFMT
        if fmt == S_IFLNK:
            tgt = _resolve_symlink(walked, opts[0], lst)
            if tgt is None:
                r.log_error("core", "error", "AH00037: Symbolic link not allowed or link target not accessible: "
                            f"{walked}")
                return 403
            lst = tgt
            fmt = lst.st_mode & S_IFMT
        thisinfo = lst
        if fmt == S_IFREG:
            stopped = True
            break
        if fmt != S_IFDIR:
            r.log_error("core", "error", f"AH00038: Forbidden: {walked} doesn't point to a file or directory")
            return 403
    if stopped:
        r.filename = walked
        path_info = rest[len(walked):]
    else:
        r.filename = rest
        path_info = ""
    if not finfo_known:
        r.finfo = thisinfo
    if save_path_info:
        path_info = (path_info.rstrip("/") + save_path_info) if path_info else save_path_info
    r.path_info = path_info or None
    # regex sections match the walked filename
    for cs in srv.dir_regex:
        if not _regex_section_matches(r, cs, r.filename):
            continue
        opts = _opts_merge(opts, cs.conf)
        now = merged(site, now, cs.conf)
    r.canonical_filename = r.filename
    r.per_dir_config = now
    return OK


def _htaccess(r, dirpath: str, opts: tuple):
    """ap_parse_htaccess for one directory: the parsed DirConfig, None, or an error status."""
    site = r.site
    for name in r.server.access_names:
        path = dirpath + name
        res = site.htaccess.load(r, path, dirpath, opts[3], opts[4], opts[5])
        if res is False:
            continue
        return res
    return None


def _regex_section_matches(r, cs, text: str) -> bool:
    """A regex section against `text`; its named groups are exported as MATCH_<NAME> (httpd's
    ap_regexec captures for <DirectoryMatch>/<FilesMatch>/<LocationMatch>)."""
    m = cs.regex.search(text)
    if m is None:
        return False
    for name in cs.refs:
        v = m.group(name)
        if v is not None:
            r.subprocess_env.set("MATCH_" + name.upper(), v)
    return True


def file_walk(r) -> int:
    secs = r.per_dir_config.files
    if r.filename is None or not secs:
        return OK
    test = r.filename.rsplit("/", 1)[-1]
    now = r.per_dir_config
    site = r.site
    for cs in secs:
        if cs.regex is not None:
            if not _regex_section_matches(r, cs, test):
                continue
        elif cs.fnmatch is not None:
            if not cs.fnmatch.match(test):
                continue
        elif cs.path != test:
            continue
        now = merged(site, now, cs.conf)
    r.per_dir_config = now
    return OK


def location_walk(r) -> int:
    secs = r.server.sec_url
    if not secs:
        return OK
    uri = r.uri
    now = r.per_dir_config
    site = r.site
    for cs in secs:
        if cs.regex is not None:
            if not _regex_section_matches(r, cs, uri):
                continue
        elif cs.fnmatch is not None:
            if not cs.fnmatch.match(uri):
                continue
        else:
            d = cs.path
            n = len(d)
            if not uri.startswith(d) or (n > 0 and d[-1] != "/" and len(uri) > n and uri[n] != "/"):
                continue
        now = merged(site, now, cs.conf)
    r.per_dir_config = now
    return OK


def if_walk(r) -> int:
    secs = r.per_dir_config.ifs
    if not secs:
        return OK
    site = r.site
    now = r.per_dir_config
    prev = -1
    matched = []
    for cs in secs:
        if cs.kind in ("<ElseIf", "<Else"):
            if prev == 1:
                continue
        if cs.kind in ("<If", "<ElseIf"):
            rc = eval_condition(cs.condition, r)
            if rc <= 0:
                if rc < 0:
                    pass
                prev = 0
                continue
            prev = 1
        else:
            prev = -1
        matched.append(cs)
        now = merged(site, now, cs.conf)
    r.per_dir_config = now
    # nested <If> inside the matched ones
    nested = [c for cs in matched for c in (cs.conf.__dict__.get("ifs") or [])]
    if nested:
        from .conf import DirConfig as _D
        holder = _D()
        holder.ifs = nested
        saved = r.per_dir_config
        r.per_dir_config = holder
        sub_now = saved
        prev = -1
        for cs in nested:
            if cs.kind in ("<ElseIf", "<Else") and prev == 1:
                continue
            if cs.kind in ("<If", "<ElseIf"):
                r.per_dir_config = sub_now
                if eval_condition(cs.condition, r) <= 0:
                    prev = 0
                    continue
                prev = 1
            else:
                prev = -1
            sub_now = merged(site, sub_now, cs.conf)
        r.per_dir_config = sub_now
    return OK
