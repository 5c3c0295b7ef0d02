"""mod_proxy_balancer: Load balancing across proxy backends."""
from apachepy.config.registry import Module

MODULE = Module("proxy_balancer_module", "mod_proxy_balancer.c", debian="shared",
                doc="Load balancing across proxy backends")
