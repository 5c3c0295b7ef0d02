"""The byterange filter (modules/http/byterange_filter.c): Range on 200 responses of known
length, merged overlapping ranges, multipart/byteranges, 416 as a filter error."""
from __future__ import annotations

from .conditions import condition_if_range, NOMATCH
from .parser import strict_length
from .request import FileBody, Request

MAX_PREALLOC_RANGES = 100
DEFAULT_MAX_OVERLAPS = 20
DEFAULT_MAX_REVERSALS = 20


def _length(body) -> int:
    if isinstance(body, (bytes, bytearray)):
        return len(body)
    if isinstance(body, FileBody):
        return body.length
    return sum(_length(b) for b in body)


def set_byterange(r: Request, clength: int):
    """ap_set_byterange: ([(start, end)], overlaps, reversals, num_ranges); num 0 = ignore,
    -1 = unsatisfiable."""
    if r.assbackwards:
        return [], 0, 0, 0
    rng = r.headers_in.get("Range")
    if not rng or rng[:6].lower() != "bytes=" or r.status != 200:
        return [], 0, 0, 0
    if r.headers_out.get("Content-Range") is not None:
        return [], 0, 0, 0
    ct = r.headers_out.get("Content-Type")
    if ct and ct[:20].lower() == "multipart/byteranges":
        return [], 0, 0, 0
    if condition_if_range(r) == NOMATCH:
        return [], 0, 0, 0
    spec = rng[6:]
    indexes: list[tuple[int, int]] = []
    num = 0
    unsat = False
    ostart = oend = 0
    in_merge = False
    overlaps = reversals = 0
    sum_lengths = 0
    for cur in spec.split(","):
        if not cur:
            break
        dash = cur.find("-")
        if dash < 0:
            return [], 0, 0, 0
        if dash == 0:
            n = strict_length(cur[1:])
            if n is None or n < 1:
                return [], 0, 0, 0
            start = clength - n
            end = clength - 1
        else:
            n = strict_length(cur[:dash])
            if n is None:
                return [], 0, 0, 0
            start = n
            if dash + 1 < len(cur):
                e = strict_length(cur[dash + 1:])
                if e is None:
                    return [], 0, 0, 0
                end = e
                if start > end:
                    return [], 0, 0, 0
            else:
                end = clength - 1
                if start == 0:
                    num = 0
                    sum_lengths = 0
                    in_merge = True
                    oend, ostart = end, start
                    indexes = []
                    break
        if start < 0:
            start = 0
        if start >= clength:
            unsat = True
            continue
        if end >= clength:
            end = clength - 1
        if not in_merge:
            ostart, oend = start, end
            in_merge = True
            continue
        in_merge = False
        if start >= ostart and end <= oend:
            in_merge = True
        if start < ostart and end >= ostart - 1:
            ostart = start
            reversals += 1
            in_merge = True
        if end >= oend and start <= oend + 1:
            oend = end
            in_merge = True
        if in_merge:
            overlaps += 1
            continue
        indexes.append((ostart, oend))
        sum_lengths += oend - ostart + 1
        in_merge = True
        ostart, oend = start, end
        num += 1
    if in_merge:
        indexes.append((ostart, oend))
        sum_lengths += oend - ostart + 1
        num += 1
    elif num == 0 and unsat:
        return [], overlaps, reversals, -1
    if sum_lengths > clength:
        return [], 0, 0, 0
    return indexes, overlaps, reversals, num


def _slice(body, start: int, end: int) -> list:
    """The bytes start..end (inclusive) of a body as parts."""
    out = []
    parts = body if isinstance(body, list) else [body]
    pos = 0
    for p in parts:
        ln = _length(p)
        a, b = max(start, pos), min(end + 1, pos + ln)
        if a < b:
            if isinstance(p, FileBody):
                out.append(FileBody(p.path, p.fd, p.offset + (a - pos), b - a))
            else:
                out.append(bytes(p[a - pos:b - pos]))
        pos += ln
    return out


def apply_ranges(r: Request, body):
    """The body after the byterange filter (status/headers updated), or None after a 416."""
    if not r.headers_in.get("Range"):
        return body
    clength = _length(body)
    if clength <= 0:
        return body
    mr = r.per_dir_config.max_ranges
    max_ranges = mr if mr is not None else 200
    original = r.status
    indexes, overlaps, reversals, num = set_byterange(r, clength)
    if num == 0 or (max_ranges >= 0 and num > max_ranges) or overlaps > DEFAULT_MAX_OVERLAPS \
            or reversals > DEFAULT_MAX_REVERSALS:
        r.status = original
        return body
    if num < 0:
        send_416(r)
        return None
    r.status = 206
    if num == 1:
        s, e = indexes[0]
        r.headers_out.set("Content-Range", f"bytes {s}-{e}/{clength}")
        return _slice(body, s, e)
    from .response import make_content_type
    orig_ct = make_content_type(r, r.content_type)
    boundary = r.site.boundary
    r.content_type = f"multipart/byteranges; boundary={boundary}"
    if orig_ct:
        bound_head = f"\r\n--{boundary}\r\nContent-type: {orig_ct}\r\nContent-range: bytes "
    else:
        bound_head = f"\r\n--{boundary}\r\nContent-range: bytes "
    out: list = []
    for s, e in indexes:
        out.append(f"{bound_head}{s}-{e}/{clength}\r\n\r\n".encode("latin-1"))
        out.extend(_slice(body, s, e))
    out.append(f"\r\n--{boundary}--\r\n".encode("latin-1"))
    return out


def send_416(r: Request) -> None:
    """The filter error: ap_die(416) from inside the output chain (no Content-Length)."""
    from .request import die
    r.status = 200
    r.conn.response_started = False
    r.error_from_filter = True
    die(416, r)
