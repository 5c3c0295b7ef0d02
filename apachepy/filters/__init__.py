"""httpd's filter chains for apachepy (see docs/filters.md for the full guide).

Modules -- apachepy's own and users' -- register filters by name and type:

    from apachepy.filters import output_filter, is_metadata, read_bucket, CONTENT_SET

    @output_filter("UPPER", CONTENT_SET)
    def upper(f, bb):
        f.pass_brigade([b if is_metadata(b) else read_bucket(b).upper() for b in bb])

and configurations put them in chains with httpd's directives (SetOutputFilter,
AddOutputFilter, AddOutputFilterByType, SetInputFilter, RemoveOutputFilter) or modules add them
from hooks (`r.filters.add_output("UPPER")`).

    buckets.py   bytes/memoryview data, FileBucket, FLUSH, EOS
    registry.py  filter records, types (RESOURCE .. NETWORK), async/whole-body flags
    chain.py     per-request and per-connection chains, ordering, sub-requests, redirects
    core.py      the network filters and the ConnIO seen through connection filters
    deflate.py   DEFLATE (mod_deflate)
    include.py   INCLUDES (mod_include, server-side includes)
    status.py    mod_status's pages from a scoreboard snapshot
    tls.py       mod_ssl's contexts (SNI) and the TLS connection filters
    usermods.py  loading users' filter modules (APACHEPY_MODULES)
"""
from __future__ import annotations

from .buckets import (EOS, FLUSH, FileBucket, bucket_length, brigade_length, flatten, from_body, has_eos,
                      is_file, is_metadata, read_bucket)
from .chain import (APR_EGENERAL, BLOCK, INIT, NONBLOCK, READBYTES, SPECULATIVE, SUBREQ_CORE, ConnFilters,
                    Filter, InputError, RequestFilters, get_brigade, pass_brigade, walk)
from .registry import (CONNECTION, CONTENT_SET, INPUT, NETWORK, OUTPUT, PROTOCOL, RESOURCE, TRANSCODE,
                       FilterRec, find_input_filter, find_output_filter, input_filter, output_filter,
                       register_input_filter, register_output_filter)

__all__ = [
    "EOS", "FLUSH", "FileBucket", "bucket_length", "brigade_length", "flatten", "from_body", "has_eos",
    "is_file", "is_metadata", "read_bucket",
    "APR_EGENERAL", "BLOCK", "INIT", "NONBLOCK", "READBYTES", "SPECULATIVE", "SUBREQ_CORE", "ConnFilters",
    "Filter", "InputError", "RequestFilters", "get_brigade", "pass_brigade", "walk",
    "CONNECTION", "CONTENT_SET", "INPUT", "NETWORK", "OUTPUT", "PROTOCOL", "RESOURCE", "TRANSCODE",
    "FilterRec", "find_input_filter", "find_output_filter", "input_filter", "output_filter",
    "register_input_filter", "register_output_filter",
]
