"""mod_expires at serve time: expires_filter and set_expiration_fields (the config side and
the hook are in apachepy/modules/expires.py)."""
from __future__ import annotations

from .dates import rfc1123


def set_expires(r, conf) -> None:
    """Unless the response already has an Expires (in either table: mod_cgi puts a script's in
    err_headers_out), pick the code by the content type (exact, then `major/*` when the
    section's own rules had a wildcard), else ExpiresDefault, and set the headers."""
    if 400 <= r.status < 600:
        return          # no Expires on errors
    if r.err_headers_out.get("Expires") is not None or r.headers_out.get("Expires") is not None:
        return
    ct = r.content_type
    code = None
    if ct is not None:
        code = conf.by_type.get(ct.split(";", 1)[0].rstrip().lower())
    if code is None:
        use_default = True
        if conf.wildcards and ct is not None:
            slash = ct.find("/")
            if slash >= 0:
                # "text/html; charset=x" -> "text/*"; a type ending in "/" gets "*" appended
                code = conf.by_type.get(ct[:slash + 1].lower() + "*")
                use_default = code is None
        if use_default:
            code = conf.default
    if code is not None:
        _set_fields(r, code, r.headers_out)


def _set_fields(r, code: tuple[str, int], t) -> None:
    """set_expiration_fields: Expires = base + seconds (never before the request), and
    max-age merged into Cache-Control; "M" needs a file on disk (else nothing, no error)."""
    base, seconds = code
    req_us = int(r.request_time * 1_000_000)
    if base == "M":
        if r.finfo is None:
            return
        base_us = r.finfo.st_mtime_ns // 1000
    else:
        base_us = req_us
    expires = max(base_us + seconds * 1_000_000, req_us)
    t.merge("Cache-Control", f"max-age={(expires - req_us) // 1_000_000}")
    t.set("Expires", rfc1123(expires // 1_000_000))
