"""mod_expires: Expires and Cache-Control max-age headers based on configurable rules."""
from apachepy.config.registry import FLAG, OR_INDEXES, TAKE1, TAKE2, D, Module

MODULE = Module("expires_module", "mod_expires.c", debian="shared",
                doc="Expires and Cache-Control max-age headers based on configurable rules", directives=[
    D("ExpiresActive", FLAG, OR_INDEXES, "Limited to 'on' or 'off'",
      doc="Whether expiry headers are generated", default="Off"),
    D("ExpiresByType", TAKE2, OR_INDEXES, "a MIME type followed by an expiry date code",
      doc="Expiry rule for a media type"),
    D("ExpiresDefault", TAKE1, OR_INDEXES, "an expiry date code",
      doc="Expiry rule used when no type-specific rule applies"),
])
