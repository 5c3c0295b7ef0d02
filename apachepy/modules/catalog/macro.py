"""mod_macro: Parameterised configuration macros."""
from apachepy.config.registry import EXEC_ON_READ, OR_ALL, RAW_ARGS, TAKE1, D, Module

MODULE = Module("macro_module", "mod_macro.c", debian="shared",
                doc="Parameterised configuration macros", directives=[
    D("<Macro", RAW_ARGS, EXEC_ON_READ | OR_ALL, "Beginning of a macro definition section.",
      doc="Define a configuration macro with parameters"),
    D("Use", RAW_ARGS, EXEC_ON_READ | OR_ALL, "Use of a macro.",
      doc="Expand a macro with the given arguments"),
    D("UndefMacro", TAKE1, EXEC_ON_READ | OR_ALL, "Remove a macro definition.",
      doc="Forget a macro definition"),
    D("MacroIgnoreEmptyArgs", RAW_ARGS, EXEC_ON_READ | OR_ALL,
      "Globally ignore warnings about empty arguments.",
      doc="Stop warning about empty macro arguments"),
    D("MacroIgnoreBadNesting", RAW_ARGS, EXEC_ON_READ | OR_ALL, "Globally ignore warnings about bad nesting.",
      doc="Stop warning about improperly nested sections in macros"),
])
