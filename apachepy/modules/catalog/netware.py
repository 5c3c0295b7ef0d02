"""mod_netware: NetWare platform support for running CGI NLMs."""
from apachepy.config.registry import OR_FILEINFO, TAKE23, D, Module

MODULE = Module("netware_module", "mod_netware.c", debian="absent",
                doc="NetWare platform support for running CGI NLMs", directives=[
    D("CGIMapExtension", TAKE23, OR_FILEINFO,
      "Full path to the CGI NLM module followed by a file extension. If the first parameter is set to "
      "\"OS\" then the following file extension is treated as NLM. The optional parameter \"detach\" can be "
      "specified if the NLM should be launched in its own address space.",
      doc="NLM interpreter used for CGI files with a given extension"),
])
