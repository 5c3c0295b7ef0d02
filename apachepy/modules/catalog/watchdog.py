"""mod_watchdog: Periodic background task service used by other modules."""
from apachepy.config.registry import RSRC_CONF, TAKE1, D, Module

MODULE = Module("watchdog_module", "mod_watchdog.c", debian="static",
                doc="Periodic background task service used by other modules", directives=[
    D("WatchdogInterval", TAKE1, RSRC_CONF, "Watchdog interval in seconds",
      doc="Interval between watchdog callback runs", default="1"),
])
