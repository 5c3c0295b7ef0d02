"""mod_example_hooks: Demonstration module that traces every hook and config callback."""
from apachepy.config.registry import OR_OPTIONS, RAW_ARGS, D, Module

MODULE = Module("example_hooks_module", "mod_example_hooks.c", debian="absent",
                doc="Demonstration module that traces every hook and config callback", directives=[
    D("Example", RAW_ARGS, OR_OPTIONS, "Example directive - no arguments",
      doc="Marks a section so that its callbacks are traced"),
])
