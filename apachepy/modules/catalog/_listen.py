"""Directives httpd declares once (the LISTEN_COMMANDS macro) and every MPM's table includes."""
from apachepy.config.registry import RSRC_CONF, TAKE1, TAKE_ARGV, D

LISTEN_COMMANDS = [
    D("ListenBacklog", TAKE1, RSRC_CONF,
      "Maximum length of the queue of pending connections, as used by listen(2)",
      doc="Length of the kernel queue of pending connections", default="511"),
    D("ListenCoresBucketsRatio", TAKE1, RSRC_CONF,
      "Ratio between the number of CPU cores (online) and the number of listeners buckets",
      doc="CPU cores per listener bucket, for spreading accepts across children", default="0"),
    D("Listen", TAKE_ARGV, RSRC_CONF,
      "A port number or a numeric IP address and a port number, and an optional protocol",
      doc="Address and port to listen on, optionally with a protocol name"),
    D("SendBufferSize", TAKE1, RSRC_CONF, "Send buffer size in bytes",
      doc="TCP send buffer size of client sockets", default="0"),
    D("ReceiveBufferSize", TAKE1, RSRC_CONF, "Receive buffer size in bytes",
      doc="TCP receive buffer size of client sockets", default="0"),
    D("ListenTCPDeferAccept", TAKE1, RSRC_CONF,
      "Value set for the socket option TCP_DEFER_ACCEPT if it is set",
      doc="Value given to the TCP_DEFER_ACCEPT socket option on listeners"),
]
