"""mod_deflate: gzip compression of responses and decompression of requests."""
from apachepy.config.registry import OR_ALL, RSRC_CONF, TAKE1, TAKE12, D, Module

MODULE = Module("deflate_module", "mod_deflate.c", debian="shared",
                doc="gzip compression of responses and decompression of requests", directives=[
    D("DeflateFilterNote", TAKE12, RSRC_CONF, "Set a note to report on compression ratio",
      doc="Store compression statistics in request notes for logging"),
    D("DeflateWindowSize", TAKE1, RSRC_CONF, "Set the Deflate window size (1-15)",
      doc="zlib window size", default="15"),
    D("DeflateBufferSize", TAKE1, RSRC_CONF, "Set the Deflate Buffer Size",
      doc="Size of the chunks handed to zlib", default="8096"),
    D("DeflateMemLevel", TAKE1, RSRC_CONF, "Set the Deflate Memory Level (1-9)",
      doc="Amount of memory zlib may use", default="9"),
    D("DeflateCompressionLevel", TAKE1, RSRC_CONF, "Set the Deflate Compression Level (1-9)",
      doc="zlib compression level"),
    D("DeflateInflateLimitRequestBody", TAKE1, OR_ALL, "Set a limit on size of inflated input",
      doc="Largest request body accepted after decompression"),
    D("DeflateInflateRatioLimit", TAKE1, OR_ALL,
      "Set the inflate ratio limit above which inflation is aborted (default: 200)",
      doc="Largest allowed decompression ratio for request bodies", default="200"),
    D("DeflateInflateRatioBurst", TAKE1, OR_ALL,
      "Set the maximum number of following inflate ratios above limit (default: 3)",
      doc="Times the ratio limit may be exceeded before the request is refused", default="3"),
    D("DeflateAlterEtag", TAKE1, RSRC_CONF,
      "Set how mod_deflate should modify ETAG response headers: 'AddSuffix' (default), 'NoChange' (2.2.x "
      "behavior), 'Remove'",
      doc="How ETags of compressed responses are changed", default="AddSuffix"),
])
