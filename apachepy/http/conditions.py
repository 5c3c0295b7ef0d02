"""Conditional requests (http_protocol.c ap_meets_conditions and ap_condition_*)."""
from __future__ import annotations

import time

from .dates import parse_http_date
from .request import M_GET, Request

NONE, NOMATCH, WEAK, STRONG = 0, 1, 2, 3


def _items(line: str) -> list[str]:
    """A comma list, commas inside quotes kept."""
    out, cur, q = [], [], False
    for ch in line:
        if ch == '"':
            q = not q
        if ch == "," and not q:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur).strip())
    return [i for i in out if i]


def find_etag_strong(line: str, tag: str) -> bool:
    if not tag.startswith('"'):
        return False
    for item in _items(line):
        if not item.startswith('"'):
            return False
        if item == tag:
            return True
    return False


def find_etag_weak(line: str, tag: str) -> bool:
    if tag.startswith('W/"'):
        tag = tag[2:]
    elif not tag.startswith('"'):
        return False
    for item in _items(line):
        if item.startswith('W/"'):
            item = item[2:]
        elif not item.startswith('"'):
            return False
        if item == tag:
            return True
    return False


def _times(r: Request) -> tuple[int, int]:
    mtime = parse_http_date(r.headers_out.get("Last-Modified"))
    if mtime is None:
        mtime = int(r.mtime if r.mtime else time.time())
    reqtime = parse_http_date(r.headers_out.get("Date"))
    if not reqtime:
        reqtime = int(r.request_time)
    return mtime, reqtime


def condition_if_match(r: Request) -> int:
    im = r.headers_in.get("If-Match")
    if im is None:
        return NONE
    etag = r.headers_out.get("ETag")
    if im.startswith("*") or (etag is not None and find_etag_strong(im, etag)):
        return STRONG
    return NOMATCH


def condition_if_unmodified_since(r: Request) -> int:
    ius_h = r.headers_in.get("If-Unmodified-Since")
    if ius_h is None:
        return NONE
    ius = parse_http_date(ius_h)
    mtime, reqtime = _times(r)
    if ius is not None and mtime > ius:
        if reqtime < mtime + 60:
            return NOMATCH if r.headers_in.get("Range") else WEAK
        return STRONG
    return NOMATCH


def condition_if_none_match(r: Request) -> int:
    inm = r.headers_in.get("If-None-Match")
    if inm is None:
        return NONE
    if inm.startswith("*"):
        return STRONG
    etag = r.headers_out.get("ETag")
    if r.method_number == M_GET:
        if etag is not None:
            if r.headers_in.get("Range"):
                if find_etag_strong(inm, etag):
                    return STRONG
            elif find_etag_weak(inm, etag):
                return WEAK
    elif etag is not None and find_etag_strong(inm, etag):
        return STRONG
    return NOMATCH


def condition_if_modified_since(r: Request) -> int:
    ims_h = r.headers_in.get("If-Modified-Since")
    if ims_h is None:
        return NONE
    mtime, reqtime = _times(r)
    ims = parse_http_date(ims_h) or 0
    if mtime <= ims <= reqtime:
        if reqtime < mtime + 60:
            return NOMATCH if r.headers_in.get("Range") else WEAK
        return STRONG
    return NOMATCH


def condition_if_range(r: Request) -> int:
    ir = r.headers_in.get("If-Range")
    if ir is None or not r.headers_in.get("Range"):
        return NONE
    if ir.startswith('"'):
        etag = r.headers_out.get("ETag")
        return STRONG if etag is not None and ir == etag else NOMATCH
    mtime, reqtime = _times(r)
    rtime = parse_http_date(ir)
    if rtime == mtime:
        return NOMATCH if reqtime < mtime + 60 else STRONG
    return NOMATCH


def meets_conditions(r: Request) -> int:
    """0 (OK), 304 or 412."""
    if not (200 <= r.status < 300) or r.no_local_copy:
        return 0
    if not r.headers_in.has_prefix("if-"):
        return 0                       # no If-* field: every condition below is NONE
    if condition_if_match(r) == NOMATCH:
        return 412
    not_modified = -1
    cond = condition_if_unmodified_since(r)
    if cond == NOMATCH:
        not_modified = 0
    elif cond >= WEAK:
        return 412
    cond = condition_if_none_match(r)
    if cond == NOMATCH:
        not_modified = 0
    elif cond >= WEAK:
        if r.method_number == M_GET:
            if not_modified:
                not_modified = 1
        else:
            return 412
    cond = condition_if_modified_since(r)
    if cond == NOMATCH:
        not_modified = 0
    elif cond >= WEAK:
        if r.method_number == M_GET and not_modified:
            not_modified = 1
    if condition_if_range(r) > NONE:
        return 0
    if not_modified == 1:
        return 304
    return 0
