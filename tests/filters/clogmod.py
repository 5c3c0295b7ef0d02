"""A user's filter module for the tests (loaded through APACHEPY_MODULES): a pass-through
connection input filter that declares itself async-incompatible, put on every connection by
a pre_connection hook, and a request filter that upper-cases text."""
from apachepy.filters import CONNECTION, CONTENT_SET, input_filter, is_metadata, output_filter, read_bucket
from apachepy.http.hooks import hook


@input_filter("CLOG_IN", CONNECTION, async_compatible=False)
def clog_in(f, mode, block, readbytes):
    return f.get_brigade(mode, block, readbytes)


@output_filter("UPPER", CONTENT_SET)
def upper(f, bb):
    # file buckets (a static file) are read: this filter needs the bytes
    f.pass_brigade([b if is_metadata(b) else read_bucket(b).upper() for b in bb])


@hook("pre_connection", "core_module")
def clog_every_connection(c):
    c.filters.add_input("CLOG_IN")
