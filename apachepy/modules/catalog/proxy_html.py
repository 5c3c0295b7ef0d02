"""mod_proxy_html: Rewriting of links in proxied HTML."""
from apachepy.config.registry import (
    ACCESS_CONF, FLAG, ITERATE, ITERATE2, RAW_ARGS, RSRC_CONF, TAKE1, TAKE12, D, Module,
)

MODULE = Module("proxy_html_module", "mod_proxy_html.c", debian="shared",
                doc="Rewriting of links in proxied HTML", directives=[
    D("ProxyHTMLEvents", ITERATE, RSRC_CONF | ACCESS_CONF, "Strings to be treated as scripting events",
      doc="Attribute names treated as script event handlers"),
    D("ProxyHTMLLinks", ITERATE2, RSRC_CONF | ACCESS_CONF, "Declare HTML Attributes",
      doc="Element attributes that contain links"),
    D("ProxyHTMLURLMap", RAW_ARGS, RSRC_CONF | ACCESS_CONF, "Map URL From To",
      doc="Rule rewriting URLs found in proxied HTML"),
    D("ProxyHTMLDoctype", TAKE12, RSRC_CONF | ACCESS_CONF, "(HTML|XHTML) [Legacy]",
      doc="Document type declared in the rewritten output"),
    D("ProxyHTMLFixups", ITERATE, RSRC_CONF | ACCESS_CONF, "Options are lowercase, dospath",
      doc="Simple corrections applied to URLs"),
    D("ProxyHTMLMeta", FLAG, RSRC_CONF | ACCESS_CONF, "Fix META http-equiv elements",
      doc="Whether META http-equiv elements become real headers", default="Off"),
    D("ProxyHTMLInterp", FLAG, RSRC_CONF | ACCESS_CONF, "Support interpolation and conditions in URLMaps",
      doc="Whether ProxyHTMLURLMap rules are interpolated per request", default="Off"),
    D("ProxyHTMLExtended", FLAG, RSRC_CONF | ACCESS_CONF, "Map URLs in Javascript and CSS",
      doc="Whether URLs inside scripts and styles are also rewritten", default="Off"),
    D("ProxyHTMLStripComments", FLAG, RSRC_CONF | ACCESS_CONF, "Strip out comments",
      doc="Whether HTML comments are removed", default="Off"),
    D("ProxyHTMLBufSize", TAKE1, RSRC_CONF | ACCESS_CONF, "Buffer size",
      doc="Buffer size used while parsing", default="8192"),
    D("ProxyHTMLCharsetOut", TAKE1, RSRC_CONF | ACCESS_CONF, "Usage: ProxyHTMLCharsetOut charset",
      doc="Character set of the rewritten output"),
    D("ProxyHTMLEnable", FLAG, RSRC_CONF | ACCESS_CONF, "Enable proxy-html and xml2enc filters",
      doc="Whether the HTML rewriting filters are active", default="Off"),
])
