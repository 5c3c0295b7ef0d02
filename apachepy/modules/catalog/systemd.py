"""mod_systemd: systemd integration (readiness notification and socket activation)."""
from apachepy.config.registry import Module

MODULE = Module("systemd_module", "mod_systemd.c", debian="absent",
                doc="systemd integration (readiness notification and socket activation)")
