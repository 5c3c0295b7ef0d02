"""mod_lbmethod_bytraffic: Load balancer method that spreads requests by traffic volume."""
from apachepy.config.registry import Module

MODULE = Module("lbmethod_bytraffic_module", "mod_lbmethod_bytraffic.c", debian="shared",
                doc="Load balancer method that spreads requests by traffic volume")
