"""mod_dialup: Throttling of static content to imitate old modem speeds."""
from apachepy.config.registry import ACCESS_CONF, TAKE1, D, Module

MODULE = Module("dialup_module", "mod_dialup.c", debian="shared",
                doc="Throttling of static content to imitate old modem speeds", directives=[
    D("ModemStandard", TAKE1, ACCESS_CONF,
      "Modem Standard to.. simulate. Must be one of: 'V.21', 'V.26bis', 'V.32', 'V.34', or 'V.92'",
      doc="Modem standard whose speed is imitated"),
])
