"""mod_proxy_ftp: FTP backend support for the proxy."""
from apachepy.config.registry import ACCESS_CONF, FLAG, RSRC_CONF, TAKE1, D, Module

MODULE = Module("proxy_ftp_module", "mod_proxy_ftp.c", debian="shared",
                doc="FTP backend support for the proxy", directives=[
    D("ProxyFtpListOnWildcard", FLAG, RSRC_CONF | ACCESS_CONF,
      "Whether wildcard characters in a path cause mod_proxy_ftp to list the files instead of trying to get "
      "them. Defaults to on.",
      doc="Whether wildcards in a path produce a directory listing", default="on"),
    D("ProxyFtpEscapeWildcards", FLAG, RSRC_CONF | ACCESS_CONF,
      "Whether the proxy should escape wildcards in paths before sending them to the FTP server.  Defaults "
      "to on, but most FTP servers will need it turned off if you need to manage paths that contain "
      "wildcard characters.",
      doc="Whether wildcards in paths are escaped before reaching the FTP server", default="on"),
    D("ProxyFtpDirCharset", TAKE1, RSRC_CONF | ACCESS_CONF,
      "Define the character set for proxied FTP listings",
      doc="Character set of proxied FTP directory listings", default="ISO-8859-1"),
])
