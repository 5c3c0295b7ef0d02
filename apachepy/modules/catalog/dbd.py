"""mod_dbd: Pooled SQL database connections shared by other modules."""
from apachepy.config.registry import FLAG, RSRC_CONF, TAKE1, TAKE12, D, Module

MODULE = Module("dbd_module", "mod_dbd.c", debian="shared",
                doc="Pooled SQL database connections shared by other modules", directives=[
    D("DBDriver", TAKE1, RSRC_CONF, "SQL Driver",
      doc="Database driver to use"),
    D("DBDParams", TAKE1, RSRC_CONF, "SQL Driver Params",
      doc="Driver-specific connection parameters"),
    D("DBDPersist", FLAG, RSRC_CONF, "Use persistent connection/pool",
      doc="Whether connections are kept open and pooled"),
    D("DBDPrepareSQL", TAKE12, RSRC_CONF,
      "SQL statement to prepare (or nothing, to override statement inherited from main server) and label",
      doc="Define a labelled prepared statement"),
    D("DBDInitSQL", TAKE1, RSRC_CONF, "SQL statement to be executed after connection is created",
      doc="SQL statement run on every new connection"),
    D("DBDMin", TAKE1, RSRC_CONF, "Minimum number of connections",
      doc="Minimum number of pooled connections", default="1"),
    D("DBDKeep", TAKE1, RSRC_CONF, "Maximum number of sustained connections",
      doc="Number of idle connections kept in the pool", default="2"),
    D("DBDMax", TAKE1, RSRC_CONF, "Maximum number of connections",
      doc="Maximum number of pooled connections", default="10"),
    D("DBDExptime", TAKE1, RSRC_CONF, "Keepalive time for idle connections",
      doc="Idle time after which a pooled connection is closed", default="300"),
])
