"""PCRE2 (10.42, non-UTF mode, as httpd's ap_regcomp uses it) patterns on top of Python's ``re``.

``compile_pcre(pattern, flags=0, *, binary=False) -> re.Pattern``

``flags`` takes Python's ``re.IGNORECASE`` / ``re.MULTILINE`` / ``re.DOTALL`` /
``re.VERBOSE`` (httpd's AP_REG_ICASE / AP_REG_NEWLINE / AP_REG_DOTALL / extended) plus
:data:`DOLLAR_ENDONLY` and :data:`NO_DEFAULT`.  Like ap_regcomp(), every compile adds the
RegexDefaultOptions flags (httpd's default: DOTALL and DOLLAR_ENDONLY, so ``.`` matches a
newline and ``$`` only matches at the very end) unless NO_DEFAULT is given; the directive
handler for RegexDefaultOptions can change them with :func:`set_default_cflags`.
With ``binary=True`` the result is a bytes pattern meant to be
matched against UTF-8 (surrogateescape) encoded subjects, which reproduces PCRE's
byte-per-character semantics exactly; the default str pattern is what callers normally want
and is identical for ASCII subjects.

The pattern is rewritten where the two dialects differ:

* ``(?<name>..)`` / ``(?'name'..)`` -> ``(?P<name>..)``; ``\\k<n>``, ``\\k'n'``, ``\\k{n}``,
  ``\\g{n}``, ``\\gN``, ``\\g{-N}`` -> Python back-references; duplicate group names
  (httpd compiles with PCRE2_DUPNAMES) are renamed, references go to the first one;
* ``(?i)`` & co. in the middle of a pattern (PCRE scopes them to the rest of the group,
  including later alternatives) -> scoped ``(?i:...)`` groups;
* ``\\Z`` -> ``(?=\\n?\\Z)``, ``\\z`` -> ``\\Z``, ``\\G`` -> ``\\A``, ``\\h \\H \\v \\V \\R \\N``,
  ``\\e``, ``\\cX``, ``\\o{..}``, ``\\x{..}``, one-digit ``\\xH``, ``\\Q..\\E``, octal escapes;
* POSIX classes ``[[:alpha:]]``, ``[[:^digit:]]``, ``[[:<:]]``, ``[[:>:]]``;
* ``\\p{..}``/``\\P{..}`` general categories (evaluated over the 256 byte values, as PCRE does
  without UTF), ``Any``, ``L&``, ``Xan``, ``Xsp``, ``Xps``, ``Xwd``, the scripts ``Latin`` and
  ``Common``; every other Unicode 14 script name matches no byte at all;
* ``x{,n}`` is a literal in PCRE2 10.42 (Python would read a quantifier);
* look-behinds whose alternatives have different (fixed) lengths are split;
* ``(*FAIL)``/``(*F)`` -> ``(?!)``; leading ``(*UTF)``-style option settings are dropped.

Rejected like PCRE does (:class:`PcreError`): ``{n,m}`` numbers above 65535 or out of
order, ``\\L \\l \\U \\u \\N{name}``, unknown alphanumeric escapes, POSIX classes outside a
bracket expression or with an unknown name, collating elements ``[.x.]``/``[=x=]``,
``\\c`` at the end, invalid class ranges, and everything Python's compiler refuses.

Accepted by PCRE but not translatable (:class:`PcreUnsupported`, a PcreError subclass):
recursion and subroutine calls (``(?R)``, ``(?1)``, ``(?&n)``, ``(?P>n)``, ``\\g<n>``),
branch reset ``(?|``, backtracking verbs other than (*FAIL), ``(?U)``/``(?n)``, ``(?(R)``/
``(?(DEFINE)``/assertion conditions, ``(*UCP)``, and ``\\p{..}`` names we do not know (PCRE
would reject a misspelt one).  ``\\X`` is approximated by one character (or CRLF), ``\\K`` is
dropped (only the extent of $0 differs), newline-convention verbs like ``(*CRLF)`` are
ignored, and named groups with duplicated names are numbered like PCRE but a backreference
by such a name only refers to the first of them.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Optional

__all__ = ["compile_pcre", "translate", "PcreError", "PcreUnsupported", "DOLLAR_ENDONLY",
           "NO_DEFAULT", "HTTPD_DEFAULT_CFLAGS", "get_default_cflags", "set_default_cflags",
           "MAX_QUANTIFIER"]

DOLLAR_ENDONLY = 1 << 30        # AP_REG_DOLLAR_ENDONLY / PCRE2_DOLLAR_ENDONLY
NO_DEFAULT = 1 << 29            # AP_REG_NO_DEFAULT: do not add the RegexDefaultOptions
# AP_REG_DEFAULT: what ap_regcomp() adds unless RegexDefaultOptions changed it
HTTPD_DEFAULT_CFLAGS = re.DOTALL | DOLLAR_ENDONLY
MAX_QUANTIFIER = 65535

_default_cflags = HTTPD_DEFAULT_CFLAGS


def get_default_cflags() -> int:
    """The flags every compile adds (httpd's RegexDefaultOptions, DOTALL|DOLLAR_ENDONLY)."""
    return _default_cflags


def set_default_cflags(flags: int) -> None:
    """For the RegexDefaultOptions directive (re.IGNORECASE, re.DOTALL, DOLLAR_ENDONLY)."""
    global _default_cflags
    _default_cflags = flags


class PcreError(Exception):
    """The pattern does not compile (PCRE-style wording where we check it ourselves)."""


class PcreUnsupported(PcreError):
    """PCRE accepts the pattern but it uses a feature Python's ``re`` cannot express."""


_POSIX = {
    "alpha": "A-Za-z", "digit": "0-9", "alnum": "0-9A-Za-z", "upper": "A-Z", "lower": "a-z",
    "space": "\t\n\x0b\x0c\r ", "blank": "\t ", "punct": "!-/:-@[-`{-~",
    "print": " -~", "graph": "!-~", "cntrl": "\x00-\x1f\x7f", "xdigit": "0-9A-Fa-f",
    "word": "0-9A-Za-z_", "ascii": "\x00-\x7f",
}
_HSPACE = "\t \xa0"
_VSPACE = "\n\x0b\x0c\r\x85"
_CLASS_ESC = {"d": "0-9", "w": "0-9A-Za-z_", "s": "\t\n\x0b\x0c\r ", "h": _HSPACE,
              "v": _VSPACE}


def _expand(spec: str) -> set[int]:
    """'a-z0-9' style spec -> set of code points."""
    out = set()
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.update(range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.add(ord(spec[i]))
            i += 1
    return out


_SCRIPTS = """Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah
Batak Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian
Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot
Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs
Elbasan Elymaic Ethiopic Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi
Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic
Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana
Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Lao Latin Lepcha Limbu
Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen
Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs
Miao Modi Mongolian Mro Multani Myanmar Nabataean Nandinagari New_Tai_Lue Newa Nko Nushu
Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian Old_Permic
Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya
Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan
Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese
Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut
Telugu Thaana Thai Tibetan Tifinagh Tirhuta Toto Ugaritic Vai Vithkuqi Wancho Warang_Citi
Yezidi Yi Zanabazar_Square Unknown"""


def _norm_prop(name: str) -> str:
    return name.replace(" ", "").replace("_", "").replace("-", "").lower()


_SCRIPT_NAMES = {_norm_prop(n) for n in _SCRIPTS.split()}
_CATEGORIES = ("C Cc Cf Cn Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po "
               "Ps S Sc Sk Sm So Z Zl Zp Zs").split()
_CATEGORY_BY_NORM = {c.lower(): c for c in _CATEGORIES}


@functools.lru_cache(maxsize=None)
def _property_set(name: str) -> Optional[frozenset]:
    """Code points 0..255 having a \\p{} property (PCRE without UTF looks at one byte)."""
    key = _norm_prop(name)
    cat = lambda c: unicodedata.category(chr(c))
    if key == "any":
        return frozenset(range(256))
    if key == "l&" or name == "L&":
        return frozenset(c for c in range(256) if cat(c) in ("Lu", "Ll", "Lt"))
    if key == "xan":
        return frozenset(c for c in range(256) if cat(c)[0] in "LN")
    if key in ("xsp", "xps"):
        return frozenset(c for c in range(256) if cat(c)[0] == "Z" or chr(c) in "\t\n\x0b\x0c\r")
    if key == "xwd":
        return frozenset(c for c in range(256) if cat(c)[0] in "LN" or c == 0x5F)
    if key in _CATEGORY_BY_NORM:
        wanted = _CATEGORY_BY_NORM[key]
        if len(wanted) == 1:
            return frozenset(c for c in range(256) if cat(c)[0] == wanted)
        return frozenset(c for c in range(256) if cat(c) == wanted)
    if key == "latin":
        return frozenset(c for c in range(256) if cat(c)[0] == "L" and c not in (0xB5,))
    if key == "common":
        return frozenset(c for c in range(256) if not (cat(c)[0] == "L" and c != 0xB5))
    if key in _SCRIPT_NAMES:          # no byte value belongs to any other script
        return frozenset()
    return None


def _cp_escape(c: int) -> str:
    ch = chr(c)
    if ch.isascii() and (ch.isalnum() or ch == "_"):
        return ch
    if 0x21 <= c <= 0x7E:
        return "\\" + ch
    if c < 0x100:
        return "\\x%02x" % c
    if c < 0x10000:
        return "\\u%04x" % c
    return "\\U%08x" % c


def _set_to_class_body(cps, negate_into_full=False, wide=True) -> str:
    """Render code points as a class body of ranges; when negate_into_full, render the
    complement (over the 256 byte values, plus everything above 0xff when wide, i.e. for
    str patterns)."""
    cps = set(cps)
    if negate_into_full:
        cps = set(range(256)) - cps
    ranges = []
    for c in sorted(cps):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    body = "".join(_cp_escape(a) if a == b else "%s-%s" % (_cp_escape(a), _cp_escape(b))
                   for a, b in ranges)
    if negate_into_full and wide:
        body += "\\u0100-\\U0010ffff"
    return body


def _lit(ch: str) -> str:
    """A literal character for use outside a class."""
    return _cp_escape(ord(ch))


class _Frame:
    __slots__ = ("kind", "wrappers", "pending", "extended", "multiline", "alt_marks",
                 "body_start")

    def __init__(self, kind, parent, body_start):
        self.kind = kind                  # top | group | lookbehind | nlookbehind
        self.wrappers = 0                 # open "(?f:" groups emitted for inline flags
        self.pending: list[str] = []      # inline flag groups to re-open after "|"
        self.extended, self.multiline = parent
        self.alt_marks: list[int] = []    # output indexes of top-level "|" (look-behinds)
        self.body_start = body_start


class _Translator:
    def __init__(self, pattern: str, flags: int, wide: bool = True):
        self.wide = wide
        self.p = pattern
        self.n = len(pattern)
        self.i = 0
        self.out: list[str] = []
        self.flags = flags
        self.names: dict[str, str] = {}        # PCRE name -> Python name
        self.ngroups = 0
        self.total_groups = self._count_groups()

    # --- helpers ---------------------------------------------------------------------------
    def cls(self, cps, negate=False) -> str:
        return _set_to_class_body(cps, negate, self.wide)

    def err(self, msg):
        raise PcreError(msg)

    def unsupported(self, what):
        raise PcreUnsupported("%s is not supported by the Python regex engine" % what)

    def peek(self, k=0):
        j = self.i + k
        return self.p[j] if j < self.n else ""

    def _count_groups(self):
        count = 0
        i, n, p = 0, self.n, self.p
        in_class = False
        while i < n:
            c = p[i]
            if c == "\\":
                if p.startswith("\\Q", i):
                    end = p.find("\\E", i + 2)
                    i = n if end < 0 else end + 2
                    continue
                i += 2
                continue
            if in_class:
                if c == "]":
                    in_class = False
            elif c == "[":
                in_class = True
                if p.startswith("[^]", i):
                    i += 3
                    continue
                if p.startswith("[]", i):
                    i += 2
                    continue
            elif c == "(":
                if i + 1 < n and p[i + 1] == "?":
                    if p.startswith("(?<", i) and i + 3 < n and p[i + 3] not in "=!":
                        count += 1
                    elif p.startswith("(?P<", i) or p.startswith("(?'", i):
                        count += 1
                elif not p.startswith("(*", i):
                    count += 1
            i += 1
        return count

    # --- main ------------------------------------------------------------------------------
    def run(self) -> str:
        p = self.p
        while p.startswith("(*", self.i):
            m = re.match(r"\(\*([A-Z0-9_]+)(?:=\d+)?\)", p[self.i:])
            if not m or m.group(1) in ("FAIL", "F", "ACCEPT", "COMMIT", "PRUNE", "SKIP",
                                       "THEN", "MARK"):
                break
            if m.group(1) in ("UCP",):
                self.unsupported("(*UCP)")
            self.i += m.end()
        stack = [_Frame("top", (bool(self.flags & re.VERBOSE), bool(self.flags & re.MULTILINE)), 0)]
        while self.i < self.n:
            frame = stack[-1]
            c = p[self.i]
            if frame.extended and c in " \t\n\r\x0b\x0c":
                self.i += 1
                continue
            if frame.extended and c == "#":
                end = p.find("\n", self.i)
                self.i = self.n if end < 0 else end + 1
                continue
            if c == "\\":
                self.escape()
            elif c == "[":
                self.char_class()
            elif c == "(":
                self.open_group(stack)
            elif c == ")":
                if len(stack) == 1:
                    self.err("unmatched closing parenthesis")
                self.close_group(stack.pop())
                self.i += 1
            elif c == "|":
                self.out.append(")" * frame.wrappers)
                frame.alt_marks.append(len(self.out))
                self.out.append("|")
                self.out.append("".join("(?%s:" % f for f in frame.pending))
                frame.wrappers = len(frame.pending)
                self.i += 1
            elif c in "*+?":
                self.i += 1
                self.out.append(c)
                self.quant_suffix()
            elif c == "{":
                self.brace()
            elif c == "$":
                self.i += 1
                if (self.flags & DOLLAR_ENDONLY) and not frame.multiline:
                    self.out.append("\\Z")
                else:
                    self.out.append("$")
            elif c in "^.":
                self.i += 1
                self.out.append(c)
            else:
                self.i += 1
                self.out.append(_lit(c))
        if len(stack) > 1:
            self.err("missing closing parenthesis")
        self.out.append(")" * stack[0].wrappers)
        return "".join(self.out)

    # --- quantifiers -----------------------------------------------------------------------
    def quant_suffix(self):
        if self.peek() in ("?", "+"):
            self.out.append(self.peek())
            self.i += 1

    def brace(self):
        m = re.match(r"\{(\d+)(?:(,)(\d*))?\}", self.p[self.i:])
        if not m:
            self.out.append("\\{")
            self.i += 1
            return
        lo = int(m.group(1))
        hi = None if not m.group(3) else int(m.group(3))
        if lo > MAX_QUANTIFIER or (hi is not None and hi > MAX_QUANTIFIER):
            self.err("number too big in {} quantifier")
        if hi is not None and hi < lo:
            self.err("numbers out of order in {} quantifier")
        if hi is None and not m.group(2):
            self.out.append("{%d}" % lo)
        elif hi is None:
            self.out.append("{%d,}" % lo)
        else:
            self.out.append("{%d,%d}" % (lo, hi))
        self.i += m.end()
        self.quant_suffix()

    # --- groups ----------------------------------------------------------------------------
    def open_group(self, stack):
        p, i = self.p, self.i
        frame = stack[-1]
        rest = p[i:]
        if rest.startswith("(*"):
            m = re.match(r"\(\*(FAIL|F)\)", rest)
            if m:
                self.out.append("(?!)")
                self.i += m.end()
                return
            self.unsupported("backtracking control verb")
        if not rest.startswith("(?"):
            self.ngroups += 1
            self.out.append("(")
            self.i += 1
            stack.append(_Frame("group", (frame.extended, frame.multiline), len(self.out)))
            return
        # (? forms
        if rest.startswith("(?#"):
            end = p.find(")", i)
            if end < 0:
                self.err("missing ) after (?# comment")
            self.i = end + 1
            return
        for opener in ("(?:", "(?=", "(?!", "(?>"):
            if rest.startswith(opener):
                self.out.append(opener)
                self.i += 3
                stack.append(_Frame("group", (frame.extended, frame.multiline), len(self.out)))
                return
        if rest.startswith("(?<=") or rest.startswith("(?<!"):
            self.out.append(rest[:4])
            self.i += 4
            kind = "lookbehind" if rest[3] == "=" else "nlookbehind"
            stack.append(_Frame(kind, (frame.extended, frame.multiline), len(self.out)))
            return
        m = re.match(r"\(\?(?:P?<([^>]*)>|'([^']*)')", rest)
        if m:
            name = m.group(1) if m.group(1) is not None else m.group(2)
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", name or ""):
                self.err("subpattern name expected or invalid")
            pyname = name
            if name in self.names:
                k = 2
                while "%s__dup%d" % (name, k) in self.names.values():
                    k += 1
                pyname = "%s__dup%d" % (name, k)
            else:
                self.names[name] = name
            if pyname != name:
                self.names.setdefault("\0" + pyname, pyname)
            self.ngroups += 1
            self.out.append("(?P<%s>" % pyname)
            self.i += m.end()
            stack.append(_Frame("group", (frame.extended, frame.multiline), len(self.out)))
            return
        m = re.match(r"\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)", rest)
        if m:
            self.backref_name(m.group(1))
            self.i += m.end()
            return
        if rest.startswith("(?|"):
            self.unsupported("branch reset group (?|")
        m = re.match(r"\(\?(?:(R)|([+-]?\d+)|(?:&|P>)([A-Za-z_]\w*))\)", rest)
        if m:
            if m.group(2) is not None:
                num = int(m.group(2))
                relative = m.group(2)[0] in "+-"
                if relative:
                    num = self.ngroups + num + (1 if num < 0 else 0)
                if num < (1 if relative else 0) or num > self.total_groups:
                    self.err("reference to non-existent subpattern")
            if m.group(3) is not None and not re.search(
                    r"\(\?(?:P?<%s>|'%s')" % (m.group(3), m.group(3)), self.p):
                self.err("reference to non-existent subpattern")
            self.unsupported("recursion / subroutine call")
        if rest.startswith("(?("):
            m = re.match(r"\(\?\((?:(\d+)|<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)'|([A-Za-z_]\w*))\)",
                         rest)
            if not m or (m.group(4) and (m.group(4) == "DEFINE" or m.group(4).startswith("R"))
                         and m.group(4) not in self.names):
                self.unsupported("this kind of conditional group")
            if m.group(1):
                cond = m.group(1)
            else:
                name = m.group(2) or m.group(3) or m.group(4)
                cond = self.names.get(name, name)
            self.out.append("(?(%s)" % cond)
            self.i += m.end()
            stack.append(_Frame("group", (frame.extended, frame.multiline), len(self.out)))
            return
        m = re.match(r"\(\?(\^?)([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])", rest)
        if not m:
            self.err("unrecognized character after (? or (?-")
        on, off = m.group(2), m.group(3) or ""
        for f in on + off:
            if f not in "imsxnUJ":
                self.err("unrecognized character after (? or (?-")
        if "U" in on or "n" in on:
            self.unsupported("option (?%s)" % ("U" if "U" in on else "n"))
        on = "".join(sorted(set(f for f in on if f in "imsx")))
        off = "".join(sorted(set(f for f in off if f in "imsx") - set(on)))
        if m.group(1):          # (?^...) resets i, m, n, s, x first
            off = "".join(sorted(set("imsx") - set(on)))
        spec = on + ("-" + off if off else "")
        extended = ("x" in on) or (frame.extended and "x" not in off)
        multiline = ("m" in on) or (frame.multiline and "m" not in off)
        self.i += m.end()
        if m.group(4) == ":":
            self.out.append("(?%s:" % spec if spec else "(?:")
            stack.append(_Frame("group", (extended, multiline), len(self.out)))
            return
        if spec:
            self.out.append("(?%s:" % spec)
            frame.wrappers += 1
            frame.pending.append(spec)
        frame.extended = extended
        frame.multiline = multiline

    def close_group(self, frame: _Frame):
        self.out.append(")" * frame.wrappers)
        if frame.kind in ("lookbehind", "nlookbehind") and frame.alt_marks:
            start = frame.body_start
            opener = self.out[start - 1]
            marks = frame.alt_marks
            pieces = []
            prev = start
            for mark in marks:
                pieces.append("".join(self.out[prev:mark]))
                prev = mark + 1
            pieces.append("".join(self.out[prev:]))
            del self.out[start - 1:]
            if frame.kind == "lookbehind":
                self.out.append("(?:" + "|".join(opener + x + ")" for x in pieces) + ")")
            else:
                self.out.append("".join(opener + x + ")" for x in pieces))
            return
        self.out.append(")")

    # --- escapes outside classes -----------------------------------------------------------
    def backref_num(self, num: int):
        if num == 0 or num > self.total_groups:
            self.err("reference to non-existent subpattern")
        self.out.append("(?:\\%d)" % num)

    def backref_name(self, name: str):
        if name not in self.names:
            # a forward reference to a later group with that name
            if not re.search(r"\(\?(?:P?<%s>|'%s')" % (re.escape(name), re.escape(name)),
                             self.p):
                self.err("reference to non-existent subpattern")
        self.out.append("(?P=%s)" % name)

    def read_braced(self, start):
        end = self.p.find("}", start)
        if end < 0:
            return None, start
        return self.p[start:end], end + 1

    def escape(self):
        p = self.p
        i = self.i
        if i + 1 >= self.n:
            self.err("\\ at end of pattern")
        c = p[i + 1]
        self.i = i + 2
        if c == "Q":
            end = p.find("\\E", self.i)
            text = p[self.i:] if end < 0 else p[self.i:end]
            self.i = self.n if end < 0 else end + 2
            self.out.append("".join(_lit(ch) for ch in text))
            return
        if c == "E":
            return
        if c in "dDwWsSbBA":
            self.out.append("\\" + c)
            return
        if c == "Z":
            self.out.append("(?=\\n?\\Z)")
            return
        if c == "z":
            self.out.append("\\Z")
            return
        if c == "G":
            self.out.append("\\A")
            return
        if c == "K":
            return
        if c == "h":
            self.out.append("[" + self.cls(_expand(_HSPACE)) + "]")
            return
        if c == "H":
            self.out.append("[^" + self.cls(_expand(_HSPACE)) + "]")
            return
        if c == "v":
            self.out.append("[" + self.cls(_expand(_VSPACE)) + "]")
            return
        if c == "V":
            self.out.append("[^" + self.cls(_expand(_VSPACE)) + "]")
            return
        if c == "R":
            self.out.append("(?>\\r\\n|[\\n\\x0b\\x0c\\r\\x85])")
            return
        if c == "X":
            self.out.append("(?>\\r\\n|(?s:.))")
            return
        if c == "C":
            self.out.append("(?s:.)")
            return
        if c == "N":
            if self.peek() == "{":
                self.err("PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u")
            self.out.append("[^\\n]")
            return
        if c in "pP":
            self.out.append(self.property(c == "P", in_class=False))
            return
        if c == "g":
            m = re.match(r"(?:\{(-?\d+)\}|(-?\d+)|\{([A-Za-z_]\w*)\})", p[self.i:])
            if not m:
                if p[self.i:self.i + 1] in ("<", "'"):
                    self.unsupported("subroutine call \\g<...>")
                self.err("a numbered reference must not be zero")
            self.i += m.end()
            if m.group(3):
                self.backref_name(m.group(3))
                return
            num = int(m.group(1) or m.group(2))
            if num < 0:
                num = self.ngroups + 1 + num
                if num <= 0:
                    self.err("reference to non-existent subpattern")
            self.backref_num(num)
            return
        if c == "k":
            m = re.match(r"(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)'|\{([A-Za-z_]\w*)\})", p[self.i:])
            if not m:
                self.err("\\k is not followed by a braced, angle-bracketed, or quoted name")
            self.i += m.end()
            self.backref_name(m.group(1) or m.group(2) or m.group(3))
            return
        if c in "0123456789":
            if c == "0":
                m = re.match(r"[0-7]{0,2}", p[self.i:])
                self.i += m.end()
                self.out.append(_cp_escape(int("0" + m.group(0), 8)))
                return
            m = re.match(r"\d+", p[i + 1:])
            digits = m.group(0)
            num = int(digits)
            if num < 10 or num <= self.total_groups:
                self.i = i + 1 + len(digits)
                self.backref_num(num)
                return
            if c in "89":
                self.err("reference to non-existent subpattern")
            m = re.match(r"[0-7]{1,3}", p[i + 1:])
            val = int(m.group(0), 8)
            self.i = i + 1 + m.end()
            self.out.append(_cp_escape(val & 0xFF))
            return
        value = self.char_escape(c)
        self.out.append(_cp_escape(value))

    def char_escape(self, c) -> int:
        """Escapes denoting one character (shared by classes); self.i is past the letter."""
        simple = {"a": 7, "e": 0x1B, "f": 0x0C, "n": 0x0A, "r": 0x0D, "t": 0x09}
        if c in simple:
            return simple[c]
        if c == "x":
            if self.peek() == "{":
                body, end = self.read_braced(self.i + 1)
                if body is None or not re.fullmatch(r"[0-9A-Fa-f]+", body):
                    self.err("\\x{ is not followed by hex digits and }")
                self.i = end
                val = int(body, 16)
                if val > 0xFF:
                    self.err("character code point value in \\x{} or \\o{} is too large")
                return val
            m = re.match(r"[0-9A-Fa-f]{0,2}", self.p[self.i:])
            self.i += m.end()
            return int(m.group(0), 16) if m.group(0) else 0
        if c == "o":
            if self.peek() != "{":
                self.err("missing opening brace after \\o")
            body, end = self.read_braced(self.i + 1)
            if body is None or not re.fullmatch(r"[0-7]+", body):
                self.err("non-octal character in \\o{} (closing brace missing?)")
            self.i = end
            val = int(body, 8)
            if val > 0xFF:
                self.err("character code point value in \\x{} or \\o{} is too large")
            return val
        if c == "c":
            ch = self.peek()
            if ch == "":
                self.err("\\c at end of pattern")
            if not (" " <= ch <= "~"):
                self.err("\\c must be followed by a printable ASCII character")
            self.i += 1
            return ord(ch.upper()) ^ 0x40
        if c in "LlUu":
            self.err("PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u")
        if c.isascii() and c.isalnum():
            self.err("unrecognized character follows \\")
        return ord(c)

    def property(self, negated: bool, in_class: bool) -> str:
        if self.peek() == "{":
            body, end = self.read_braced(self.i + 1)
            if body is None:
                self.err("malformed \\P or \\p sequence")
            self.i = end
        else:
            body = self.peek()
            if not body:
                self.err("malformed \\P or \\p sequence")
            self.i += 1
        if body.startswith("^"):
            negated = not negated
            body = body[1:]
        if _norm_prop(body) == "any" and self.wide:
            if negated:
                return "" if in_class else "(?!)"
            return "\\x00-\\U0010ffff" if in_class else "(?s:.)"
        cps = _property_set(body)
        if cps is None:
            self.unsupported("\\p{%s} (unknown or unsupported property)" % body)
        text = self.cls(cps, negated)
        if in_class:
            return text
        return "[" + text + "]" if text else "(?!)"

    # --- character classes -----------------------------------------------------------------
    def char_class(self):
        p = self.p
        start = self.i
        i = start + 1
        if p.startswith("[[:<:]]", start):
            self.out.append("\\b(?=\\w)")
            self.i = start + 7
            return
        if p.startswith("[[:>:]]", start):
            self.out.append("\\b(?<=\\w)")
            self.i = start + 7
            return
        if re.match(r"\[([:.=])\^?[a-z]*\1\]", p[start:]):
            if p[start + 1] == ":":
                self.err("POSIX named classes are supported only within a class")
            self.err("POSIX collating elements are not supported")
        negate = False
        if i < self.n and p[i] == "^":
            negate = True
            i += 1
        items: list[str] = []          # rendered class body pieces
        prev_char: Optional[int] = None    # last single char (range start candidate)
        pending_range = False
        first = True
        self.i = i
        while True:
            if self.i >= self.n:
                self.err("missing terminating ] for character class")
            c = p[self.i]
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            single: Optional[int] = None
            piece: Optional[str] = None
            if c == "[" and re.match(r"\[([:.=])", p[self.i:]):
                m = re.match(r"\[:(\^?)([a-z]+):\]", p[self.i:])
                if not m:
                    if p[self.i + 1] in ".=":
                        mm = re.match(r"\[([.=]).*?\1\]", p[self.i:])
                        if mm:
                            self.err("POSIX collating elements are not supported")
                    single = ord("[")
                    self.i += 1
                else:
                    name = m.group(2)
                    if name not in _POSIX:
                        self.err("unknown POSIX class name")
                    cps = _expand(_POSIX[name])
                    piece = self.cls(cps, bool(m.group(1)))
                    self.i += m.end()
            elif c == "\\":
                if self.i + 1 >= self.n:
                    self.err("\\ at end of pattern")
                e = p[self.i + 1]
                self.i += 2
                if e == "Q":
                    end = p.find("\\E", self.i)
                    text = p[self.i:] if end < 0 else p[self.i:end]
                    self.i = self.n if end < 0 else end + 2
                    for ch in text:
                        prev_char, pending_range = self._class_single(
                            items, ord(ch), prev_char, pending_range)
                    continue
                if e == "E":
                    continue
                if e.lower() in _CLASS_ESC:
                    piece = self.cls(_expand(_CLASS_ESC[e.lower()]), e.isupper())
                elif e in "pP":
                    piece = self.property(e == "P", in_class=True)
                elif e == "b":
                    single = 8
                elif e in "89":
                    single = ord(e)
                elif e in "01234567":
                    m = re.match(r"[0-7]{1,3}", p[self.i - 1:])
                    self.i = self.i - 1 + m.end()
                    single = int(m.group(0), 8) & 0xFF
                elif e in "RXBNAzZGK":
                    self.err("escape sequence is invalid in character class")
                else:
                    single = self.char_escape(e)
            else:
                single = ord(c)
                self.i += 1
            if piece is not None:
                if pending_range:
                    self.err("invalid range in character class")
                if p.startswith("-", self.i) and self.i + 1 < self.n and p[self.i + 1] != "]":
                    self.err("invalid range in character class")
                items.append(piece)
                prev_char = None
                continue
            prev_char, pending_range = self._class_single(items, single, prev_char,
                                                          pending_range)
        if pending_range:
            items.append("\\-")
        body = "".join(items)
        if not body:
            self.out.append("[^\\x00-\\U0010ffff]" if not negate else "[\\x00-\\U0010ffff]")
        else:
            self.out.append("[" + ("^" if negate else "") + body + "]")

    def _class_single(self, items, cp, prev_char, pending_range):
        """Add one literal character, handling a-z ranges; returns new (prev, pending)."""
        p = self.p
        if pending_range:
            lo = prev_char
            if cp < lo:
                self.err("range out of order in character class")
            items.pop()            # the lone low end we added before
            items.pop()            # the '-' we added
            items.append("%s-%s" % (_cp_escape(lo), _cp_escape(cp)))
            return None, False
        items.append(_cp_escape(cp))
        # a following "-x" (not "-]") starts a range
        if self.i < self.n and p[self.i] == "-" and self.i + 1 < self.n and p[self.i + 1] != "]":
            nxt = p[self.i + 1]
            if nxt == "[" and re.match(r"\[:\^?[a-z]+:\]", p[self.i + 1:]):
                self.err("invalid range in character class")
            if nxt == "\\" and self.i + 2 < self.n and \
                    p[self.i + 2] in "dDwWsShHvVpP":
                self.err("invalid range in character class")
            self.i += 1
            items.append("\\-")
            return cp, True
        return cp, False


def translate(pattern: str, flags: int = 0, *, binary: bool = False) -> str:
    """The Python ``re`` spelling of a PCRE pattern (raises PcreError).

    With binary=True the pattern is first turned into its UTF-8 bytes (one character per
    byte, as PCRE sees it without UTF) and the result only uses code points below 0x100."""
    if binary:
        pattern = pattern.encode("utf-8", "surrogateescape").decode("latin-1")
    return _Translator(pattern, flags, wide=not binary).run()


@functools.lru_cache(maxsize=2048)
def _compile(pattern: str, flags: int, binary: bool):
    text = translate(pattern, flags, binary=binary)
    pyflags = flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
    try:
        if binary:
            return re.compile(text.encode("latin-1"), pyflags)
        return re.compile(text, pyflags | re.ASCII)
    except re.error as e:
        raise PcreError(str(e)) from None
    except (OverflowError, RecursionError) as e:
        raise PcreError("regular expression is too large") from e


def compile_pcre(pattern: str, flags: int | str = 0, *, binary: bool = False) -> re.Pattern:
    """Compile a PCRE pattern the way httpd's ap_regcomp() does.

    Like ap_regcomp, the current default flags (RegexDefaultOptions: DOTALL and
    DOLLAR_ENDONLY unless changed with set_default_cflags) are added unless ``flags``
    contains NO_DEFAULT.  ``flags`` may also be a string of letters: ``i`` (caseless),
    ``m`` (multiline, AP_REG_NEWLINE), ``s`` (dotall), ``x`` (extended), ``D`` (dollar
    end-only), ``N`` (no defaults)."""
    if isinstance(flags, str):
        value = 0
        for f in flags:
            value |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL,
                      "x": re.VERBOSE, "D": DOLLAR_ENDONLY, "N": NO_DEFAULT}[f]
        flags = value
    flags = int(flags)
    if not flags & NO_DEFAULT:
        flags |= _default_cflags
    return _compile(pattern, flags & ~NO_DEFAULT, binary)
