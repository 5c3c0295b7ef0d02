"""mod_example_ipc: Demonstration of shared memory and mutexes between processes."""
from apachepy.config.registry import Module

MODULE = Module("example_ipc_module", "mod_example_ipc.c", debian="absent",
                doc="Demonstration of shared memory and mutexes between processes")
