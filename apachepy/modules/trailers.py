"""Request trailers (core's MergeTrailers): a chunked request body's trailer fields are read
into r->trailers_in and, with MergeTrailers on, appended to the request headers once the body
is read (serving code: apachepy/http/body.py; `%{name}^ti` in mod_log_config)."""
from __future__ import annotations

from .base import serves

serves("MergeTrailers")
