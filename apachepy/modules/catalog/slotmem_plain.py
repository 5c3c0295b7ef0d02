"""mod_slotmem_plain: Slot-based memory provider backed by plain process memory."""
from apachepy.config.registry import Module

MODULE = Module("slotmem_plain_module", "mod_slotmem_plain.c", debian="shared",
                doc="Slot-based memory provider backed by plain process memory")
