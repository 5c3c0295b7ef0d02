"""mod_lbmethod_bybusyness: Load balancer method that picks the least busy member."""
from apachepy.config.registry import Module

MODULE = Module("lbmethod_bybusyness_module", "mod_lbmethod_bybusyness.c", debian="shared",
                doc="Load balancer method that picks the least busy member")
