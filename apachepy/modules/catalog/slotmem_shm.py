"""mod_slotmem_shm: Slot-based memory provider backed by shared memory."""
from apachepy.config.registry import Module

MODULE = Module("slotmem_shm_module", "mod_slotmem_shm.c", debian="shared",
                doc="Slot-based memory provider backed by shared memory")
