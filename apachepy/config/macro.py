"""mod_macro: <Macro name $args>...</Macro>, Use name values..., UndefMacro name.

A macro body is kept as raw lines; Use substitutes its arguments textually and feeds the
lines back into the file being read, under the name
`macro 'm' (defined on line L of "F") used on line U of "F"`, which is what errors and the
DUMP_CONFIG `# In file:` lines show.
"""
from __future__ import annotations

from dataclasses import dataclass

from .args import getword
from .reader import Fail, Parms, Reader

PREFIXES = "$%@"
MAX_STRING_LEN = 8192


@dataclass
class Macro:
    name: str
    location: str
    arguments: list[str]
    contents: list[str]


def _arguments(text: str) -> list[str]:
    out = []
    pos = 0
    text = text.strip(" \t")
    while pos < len(text):
        w, pos = getword(text, pos)
        out.append(w)
    return out


def _substitute(line: str, macro: Macro, values: list[str], used: list[bool] | None) -> str:
    """Replace every argument name by its value: earliest match first, longest on a tie."""
    out = []
    pos = 0
    while True:
        best = None
        for i, a in enumerate(macro.arguments):
            j = line.find(a, pos)
            if j >= 0 and (best is None or j < best[0] or (j == best[0] and len(a) > len(macro.arguments[best[1]]))):
                best = (j, i)
        if best is None:
            out.append(line[pos:])
            break
        j, i = best
        name, value = macro.arguments[i], values[i]
        out.append(line[pos:j])
        if name.startswith("@"):
            value = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        out.append(value)
        pos = j + len(name)
        if used is not None:
            used[i] = True
    result = "".join(out)
    if len(result) >= MAX_STRING_LEN:
        raise Fail("cannot substitute, buffer size too small")
    return result


def _process(macro: Macro, values: list[str], used: list[bool] | None) -> list[str]:
    out = []
    for n, line in enumerate(macro.contents, 1):
        try:
            out.append(_substitute(line, macro, values, used))
        except Fail as e:
            raise Fail(f"while processing line {n} of macro '{macro.name}' ({macro.location}) {e.message}")
    return out


def define_macro(r: Reader, parms: Parms, node, arg: str):
    end = arg.rfind(">")
    if end < 0:
        raise Fail("<Macro> directive missing closing '>'")
    if end == 0:
        raise Fail("<Macro macro definition: empty name")
    arg = arg[:end]
    name, pos = getword(arg)
    if not name.strip():
        raise Fail("<Macro macro definition: name not found")
    name = name.lower()
    src = parms.src
    location = f'defined on line {src.line} of "{src.name}"'
    old = r.macros.get(name)
    if old is not None:
        r.log.log("macro", "warn", f"AH02802: macro '{name}' multiply defined: {old.location}, "
                  f'redefined on line {src.line} of "{src.name}"')
    where = f"macro '{name}' ({location})"
    if name[:1] in PREFIXES:
        r.log.log("macro", "warn", f"AH02803: {where} better prefix a macro name with any of '{PREFIXES}'")
    macro = Macro(name, location, _arguments(arg[pos:]), [])
    args = macro.arguments
    for i, a in enumerate(args):
        if not a:
            raise Fail(f"macro '{name}' ({location}): empty argument #{i + 1} name")
        if a[0] not in PREFIXES:
            r.log.log("macro", "warn", f"AH02796: macro '{name}' ({location}) argument name '{a}' (#{i + 1}) "
                      f"without expected prefix, better prefix argument names with one of '{PREFIXES}'.")
        for j in range(i + 1, len(args)):
            b = args[j]
            if a == b:
                raise Fail(f"argument name conflict in macro '{name}' ({location}): argument '{a}': "
                           f"#{i + 1} and #{j + 1}, change argument names!")
            if a and b and (a.startswith(b) or b.startswith(a)):
                r.log.log("macro", "warn", f"AH02797: macro '{name}' ({location}): argument name prefix "
                          f"conflict ({a} #{i + 1} and {b} #{j + 1}), be careful about your macro definition!")
    # the body: raw lines up to the matching </Macro>, comment lines dropped
    nesting = 1
    while True:
        line = src.next_raw()
        if line is None:
            raise Fail(f"{where}\n\tcontents error: expected token not found: </Macro>")
        if line.startswith("#"):
            continue
        first, _ = getword(line)
        if first.lower() == "</macro>":
            nesting -= 1
            if nesting == 0:
                break
        elif first.lower() == "<macro":
            nesting += 1
        macro.contents.append(line)
    if not macro.contents:
        r.log.log("macro", "warn", f"AH02799: macro '{name}' ({location}): empty contents!")
    used = [False] * len(args)
    try:
        _process(macro, args, used)
    except Fail as e:
        raise Fail(f"{where}\n\tcontents checking error: {e.message}")
    for i, u in enumerate(used):
        if not u:
            r.log.log("macro", "warn", f"AH02800: macro '{name}' ({location}): argument '{args[i]}' "
                      f"(#{i + 1}) never used")
    r.macros[name] = macro
    return None


def use_macro(r: Reader, parms: Parms, node, arg: str):
    if not r.macros:
        raise Fail("no macro defined before Use")
    name, pos = getword(arg)
    name = name.lower()
    if not name.strip():
        raise Fail("no macro name specified with Use")
    macro = r.macros.get(name)
    if macro is None:
        raise Fail(f"macro '{name}' undefined")
    src = parms.src
    if f"macro '{macro.name}'" in src.name:
        raise Fail(f"recursive use of macro '{macro.name}' is invalid")
    values = _arguments(arg[pos:])
    if len(values) != len(macro.arguments):
        raise Fail(f"macro '{macro.name}' ({macro.location}) used with {len(values)} arguments "
                   f"instead of {len(macro.arguments)}")
    where = f'macro \'{macro.name}\' ({macro.location}) used on line {src.line} of "{src.name}"'
    for i, v in enumerate(values):
        if not v.strip() and "empty" not in r.macro_flags:
            r.log.log("macro", "warn", f"AH02798: {where}: empty argument #{i + 1}")
    try:
        lines = _process(macro, values, None)
    except Fail as e:
        raise Fail(f"{where} error while substituting: {e.message}")
    src.push(where, lines)
    return None


def undef_macro(r: Reader, parms: Parms, node, arg: str):
    if not r.macros:
        raise Fail("no macro defined before UndefMacro")
    if not arg.strip():
        raise Fail("no macro name specified with UndefMacro")
    name = arg.lower()
    if name not in r.macros:
        raise Fail(f"cannot remove undefined macro '{name}'")
    del r.macros[name]
    return None
