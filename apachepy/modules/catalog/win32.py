"""mod_win32: Windows platform support for choosing script interpreters."""
from apachepy.config.registry import OR_FILEINFO, TAKE1, D, Module

MODULE = Module("win32_module", "mod_win32.c", debian="absent",
                doc="Windows platform support for choosing script interpreters", directives=[
    D("ScriptInterpreterSource", TAKE1, OR_FILEINFO,
      "Where to find interpreter to run Win32 scripts (Registry or script shebang line)",
      doc="Where the interpreter for CGI scripts is found", default="Script"),
])
