"""mod_access_compat: Old-style host-based access control (Order, Allow, Deny) kept for compatibility."""
from apachepy.config.registry import ITERATE2, OR_AUTHCFG, OR_LIMIT, TAKE1, D, Module

MODULE = Module("access_compat_module", "mod_access_compat.c", debian="shared",
                doc="Old-style host-based access control (Order, Allow, Deny) kept for compatibility",
                directives=[
    D("order", TAKE1, OR_LIMIT, "'allow,deny', 'deny,allow', or 'mutual-failure'",
      doc="Evaluation order of Allow and Deny rules and the fallback result", default="Deny,Allow"),
    D("allow", ITERATE2, OR_LIMIT, "'from' followed by hostnames or IP-address wildcards",
      doc="Hosts or networks that may access the resource"),
    D("deny", ITERATE2, OR_LIMIT, "'from' followed by hostnames or IP-address wildcards",
      doc="Hosts or networks that are refused access to the resource"),
    D("Satisfy", TAKE1, OR_AUTHCFG, "access policy if both allow and require used ('all' or 'any')",
      doc="Whether host rules and user authentication must both pass or either one suffices", default="All"),
])
