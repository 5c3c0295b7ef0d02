"""mod_filter: Context-sensitive, dynamically configured filter chains."""
from apachepy.config.registry import (
    ACCESS_CONF, ITERATE, OR_FILEINFO, OR_OPTIONS, RSRC_CONF, TAKE12, TAKE2, TAKE23, TAKE3, TAKE_ARGV, D,
    Module,
)

MODULE = Module("filter_module", "mod_filter.c", debian="shared",
                doc="Context-sensitive, dynamically configured filter chains", directives=[
    D("FilterDeclare", TAKE12, OR_OPTIONS, "filter-name [filter-type]",
      doc="Declare a smart filter"),
    D("FilterProvider", TAKE3, OR_OPTIONS, "filter-name provider-name match-expression",
      doc="Register a provider for a smart filter, used when an expression matches"),
    D("FilterChain", ITERATE, OR_OPTIONS, "list of filter names with optional [+-=!@]",
      doc="Configure the chain of smart filters"),
    D("FilterTrace", TAKE2, RSRC_CONF | ACCESS_CONF, "filter-name debug-level",
      doc="Debug tracing level for a smart filter"),
    D("AddOutputFilterByType", TAKE_ARGV, OR_FILEINFO,
      "output filter name followed by one or more content-types",
      doc="Output filters applied to responses of given media types"),
    D("FilterProtocol", TAKE23, OR_OPTIONS, "filter-name [provider-name] protocol-args",
      doc="Protocol handling (headers, ranges, caching) a filter requires"),
])
