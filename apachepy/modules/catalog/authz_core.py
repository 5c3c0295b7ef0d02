"""mod_authz_core: The authorization framework: Require and its grouping containers."""
from apachepy.config.registry import FLAG, OR_AUTHCFG, RAW_ARGS, RSRC_CONF, TAKE1, D, Module

MODULE = Module("authz_core_module", "mod_authz_core.c", debian="shared",
                doc="The authorization framework: Require and its grouping containers", directives=[
    D("<AuthzProviderAlias", RAW_ARGS, RSRC_CONF,
      "container for grouping an authorization provider's directives under a provider alias",
      doc="Define an alternate authorization provider with its own settings"),
    D("Require", RAW_ARGS, OR_AUTHCFG,
      "specifies authorization directives which one must pass (or not) for a request to suceeed",
      doc="Authorization rule a request must satisfy (or, with 'not', must fail)"),
    D("<RequireAll", RAW_ARGS, OR_AUTHCFG,
      "container for grouping authorization directives of which none must fail and at least one must pass "
      "for a request to succeed",
      doc="Group rules that must all succeed (none failing)"),
    D("<RequireAny", RAW_ARGS, OR_AUTHCFG,
      "container for grouping authorization directives of which one must pass for a request to succeed",
      doc="Group rules of which at least one must succeed"),
    D("<RequireNone", RAW_ARGS, OR_AUTHCFG,
      "container for grouping authorization directives of which none must pass for a request to succeed",
      doc="Group rules of which none may succeed"),
    D("AuthMerging", TAKE1, OR_AUTHCFG,
      "controls how a <Directory>, <Location>, or similar directive's authorization directives are combined "
      "with those of its predecessor",
      doc="How a section's authorization rules combine with those inherited", default="Off"),
    D("AuthzSendForbiddenOnFailure", FLAG, OR_AUTHCFG,
      "Controls if an authorization failure should result in a '403 FORBIDDEN' response instead of the "
      "HTTP-conforming '401 UNAUTHORIZED'",
      doc="Whether failed authorization answers 403 rather than asking for credentials", default="Off"),
])
