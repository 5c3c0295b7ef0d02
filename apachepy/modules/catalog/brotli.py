"""mod_brotli: Brotli compression of responses."""
from apachepy.config.registry import RSRC_CONF, TAKE1, TAKE12, D, Module

MODULE = Module("brotli_module", "mod_brotli.c", debian="shared",
                doc="Brotli compression of responses", directives=[
    D("BrotliFilterNote", TAKE12, RSRC_CONF, "Set a note to report on compression ratio",
      doc="Store compression statistics in request notes for logging"),
    D("BrotliCompressionQuality", TAKE1, RSRC_CONF,
      "Compression quality between 0 and 11 (higher quality means slower compression)",
      doc="Brotli quality level (0-11), trading speed for size", default="5"),
    D("BrotliCompressionWindow", TAKE1, RSRC_CONF,
      "Sliding window size between 10 and 24 (larger windows can improve compression, but require more "
      "memory)",
      doc="Brotli sliding window size in bits", default="18"),
    D("BrotliCompressionMaxInputBlock", TAKE1, RSRC_CONF,
      "Maximum input block size between 16 and 24 (larger block sizes require more memory)",
      doc="Largest Brotli input block size in bits"),
    D("BrotliAlterETag", TAKE1, RSRC_CONF,
      "Set how mod_brotli should modify ETag response headers: 'AddSuffix' (default), 'NoChange', 'Remove'",
      doc="How ETags of compressed responses are changed", default="AddSuffix"),
])
