"""httpd's ap_expr language: parsed when the configuration is read, evaluated per request.

Public API
----------
``parse(text, *, string_mode=False, lookup_fn=None, restricted=False, ssl_compat=False)``
    returns an :class:`Expr` or raises :class:`ExprError`.  ``str(err)`` is exactly the text
    httpd 2.4 puts after its caller-specific prefix (``Cannot parse condition clause: ``,
    ``Cannot parse expression in require line: ``, ``RewriteCond: cannot compile expression
    "..." `` ...).  A scanner "jam" (a quote inside ``%{func:...}``, a lone trailing
    backslash inside a string) makes real httpd print ``flex scanner jammed`` on stderr and
    exit with status 2; that case raises :class:`ExprFatalError` (a subclass of ExprError).

``Expr.evaluate(ctx, captures=None) -> bool | str``
    ``bool`` for condition expressions, ``str`` for string-mode expressions.  Raises
    :class:`ExprEvalError` when httpd's evaluation would report "Evaluation of expression
    ... failed: <msg>" (recursion limit, unreadable ``file()``...).

The parser is a table-driven LALR(1) parser whose tables are computed at first use from the
grammar of httpd's ``server/util_expr_parse.y`` with the same conflict resolution and
default-reduction policy bison uses, so that the moment an error is detected, the order in
which look-ups and scanner errors happen, and the ``expecting X or Y`` lists all come out as
in httpd.  The scanner is a hand-written equivalent of ``server/util_expr_scan.l``.

Evaluation context (duck typed; every member is optional, a missing one reads as unset):
    ``ctx.var(NAME)``           request/connection variables, NAME upper-case as in httpd
                                (REQUEST_URI, REMOTE_ADDR, HTTPS, SERVER_NAME, ...)
    ``ctx.header(name)``        request header (``req``/``http``/``req_novary``, HTTP_* vars)
    ``ctx.resp_header(name)``   response header (``resp``)
    ``ctx.reqenv(name)``        request environment (``reqenv``, ``env``)
    ``ctx.note(name)``          request notes (``note``, ``env``)
    ``ctx.osenv(name)``         process environment (default: ``os.environ``)
    ``ctx.remote_ip``           client address for ``-R``
    ``ctx.add_vary(name)``      called for headers that httpd would add to ``Vary``
    ``ctx.subreq_uri(uri)``     -> HTTP status of a lookup sub-request (``-U``/``-A``)
    ``ctx.subreq_file(path)``   -> (status, filename) of a file sub-request (``-F``)
    ``ctx.now()``               epoch seconds for the TIME_* variables (default time.time)
:class:`SimpleContext` is a ready-made dict-backed implementation.  Regex captures for
``$0``..``$9`` live in a :class:`Captures` object that callers may pass in and read back
(mod_rewrite's ``%N`` after ``RewriteCond expr``).

Text is Python ``str``; where httpd works on bytes (hashes, base64, escaping, byte-wise
comparisons) the string is taken as UTF-8 with ``surrogateescape``.  Messages that quote one
character (``Parse error near '%c'``) quote its first byte, like httpd.

Notes for whoever prints the messages: httpd's logger doubles backslashes and shows control
characters as backslash escapes in "AH00526: Syntax error" output, and cuts that line at 8190
characters (e.g. ``AuthName`` with a 9000-character value prints ``Cannot parse expression
'aaaa...`` cut short; the full text would end in ``' in AuthName: String too long``).
"""
from __future__ import annotations

import base64 as _b64
import hashlib
import ipaddress
import os
import re
import stat as _stat
import time as _time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from apachepy.expr.pcre import PcreError, PcreUnsupported, compile_pcre

__all__ = [
    "parse", "Expr", "ExprError", "ExprFatalError", "ExprEvalError", "Captures",
    "SimpleContext", "ssl_lookup", "include_lookup", "chain_lookups",
    "KNOWN_VARIABLES", "STRING_FUNCTIONS", "UNARY_OPERATORS", "BINARY_OPERATORS",
    "fnmatch", "ipsubnet_create", "ipsubnet_test", "escape_uri", "unescape_url", "Node",
]


# --------------------------------------------------------------------------------------------
# errors

class ExprError(Exception):
    """A parse-time error; ``str(e)``/``e.message`` is httpd's message without any prefix."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ExprFatalError(ExprError):
    """httpd's scanner jams: it prints the message on stderr and exits with ``exit_status``."""

    exit_status = 2


class ExprEvalError(Exception):
    """Run-time evaluation failure (httpd logs ``Evaluation of expression ... failed: <msg>``)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


MAX_STRING_LEN = 8192          # size of the scanner's string and regex buffers
MAX_RECURSION = 20             # AP_EXPR_MAX_RECURSION
MAX_REG_MATCH = 10             # AP_MAX_REG_MATCH
MAX_FILE_SIZE = 10 * 1024 * 1024
YYMAXDEPTH = 10000             # bison's parser stack limit ("memory exhausted")
MODULE_MAGIC_NUMBER_MAJOR = "20120211"
DEFAULT_SERVER_SOFTWARE = "Apache/2.4.71 (Debian)"   # used when ctx.var() does not say


# --------------------------------------------------------------------------------------------
# grammar symbols (terminal numbers follow bison's internal numbering: the "expecting" lists
# of its verbose syntax errors are printed in this order)

TERMINALS = (
    "$end", "error", "$undefined",
    "T_TRUE", "T_FALSE", "T_EXPR_BOOL", "T_EXPR_STRING", "T_ERROR",
    "T_DIGIT", "T_ID", "T_STRING", "T_REGEX", "T_REGEX_I", "T_REGEX_BACKREF",
    "T_OP_UNARY", "T_OP_BINARY", "T_STR_BEGIN", "T_STR_END", "T_VAR_BEGIN", "T_VAR_END",
    "T_OP_EQ", "T_OP_NE", "T_OP_LT", "T_OP_LE", "T_OP_GT", "T_OP_GE",
    "T_OP_REG", "T_OP_NRE", "T_OP_IN",
    "T_OP_STR_EQ", "T_OP_STR_NE", "T_OP_STR_LT", "T_OP_STR_LE", "T_OP_STR_GT", "T_OP_STR_GE",
    "T_OP_CONCAT", "T_OP_OR", "T_OP_AND", "T_OP_NOT",
    "'('", "')'", "'{'", "'}'", "','", "':'",
)
_T = {name: i for i, name in enumerate(TERMINALS)}
END = _T["$end"]

# precedence: (level, associativity); higher level binds tighter
_PREC = {
    _T["T_OP_OR"]: (1, "right"),
    _T["T_OP_AND"]: (2, "right"),
    _T["T_OP_NOT"]: (3, "right"),
    _T["T_OP_CONCAT"]: (4, "right"),
}

# (lhs, rhs, action-name).  Rule 0 is bison's implicit "$accept: root $end".
_GRAMMAR_SRC = """
$accept : root $end                           | -
root    : T_EXPR_BOOL expr                    | second
root    : T_EXPR_STRING string                | second
root    : T_ERROR                             | abort
expr    : T_TRUE                              | true
expr    : T_FALSE                             | false
expr    : T_OP_NOT expr                       | not
expr    : expr T_OP_OR expr                   | or
expr    : expr T_OP_AND expr                  | and
expr    : comparison                          | comp
expr    : T_OP_UNARY word                     | unary
expr    : word T_OP_BINARY word               | binary
expr    : '(' expr ')'                        | second
expr    : T_ERROR                             | abort
comparison : word T_OP_EQ word                | eq
comparison : word T_OP_NE word                | ne
comparison : word T_OP_LT word                | lt
comparison : word T_OP_LE word                | le
comparison : word T_OP_GT word                | gt
comparison : word T_OP_GE word                | ge
comparison : word T_OP_STR_EQ word            | str_eq
comparison : word T_OP_STR_NE word            | str_ne
comparison : word T_OP_STR_LT word            | str_lt
comparison : word T_OP_STR_LE word            | str_le
comparison : word T_OP_STR_GT word            | str_gt
comparison : word T_OP_STR_GE word            | str_ge
comparison : word T_OP_IN wordlist            | in
comparison : word T_OP_REG regex              | reg
comparison : word T_OP_NRE regex              | nre
wordlist : lstfunccall                        | first
wordlist : '{' words '}'                      | second
words   : word                                | list_one
words   : words ',' word                      | list_more
string  : string strpart                      | concat2
string  : strpart                             | first
string  : T_ERROR                             | abort
strpart : T_STRING                            | string
strpart : var                                 | first
strpart : backref                             | first
var     : T_VAR_BEGIN T_ID T_VAR_END          | var
var     : T_VAR_BEGIN T_ID ':' string T_VAR_END | varfunc
word    : T_DIGIT                             | digit
word    : word T_OP_CONCAT word               | concat3
word    : var                                 | first
word    : backref                             | first
word    : strfunccall                         | first
word    : T_STR_BEGIN string T_STR_END        | second
word    : T_STR_BEGIN T_STR_END               | empty_string
regex   : T_REGEX                             | regex
regex   : T_REGEX_I                           | regex_i
backref : T_REGEX_BACKREF                     | backref
lstfunccall : T_ID '(' word ')'               | listfunc
strfunccall : T_ID '(' word ')'               | strfunc
"""


def _load_grammar():
    rules = []
    for line in _GRAMMAR_SRC.strip().splitlines():
        left, action = line.rsplit("|", 1)
        lhs, rhs = left.split(":", 1)
        rules.append((lhs.strip(), tuple(rhs.split()), action.strip()))
    return rules


_RULES = _load_grammar()


class _Tables:
    """LALR(1) tables built the way bison builds them (conflicts resolved by precedence,
    shift preferred otherwise; the most common reduction of a state becomes its default)."""

    def __init__(self, rules):
        self.rules = rules
        nonterms = []
        for lhs, _, _ in rules:
            if lhs not in nonterms:
                nonterms.append(lhs)
        self.nonterms = set(nonterms)
        by_lhs: dict[str, list[int]] = {n: [] for n in nonterms}
        for i, (lhs, _, _) in enumerate(rules):
            by_lhs[lhs].append(i)
        self.by_lhs = by_lhs
        self._first = self._compute_first()
        self._build_lr0()
        self._build_lookaheads()
        self._build_actions()

    def _compute_first(self):
        # no rule of this grammar derives the empty string
        first = {n: set() for n in self.nonterms}
        changed = True
        while changed:
            changed = False
            for lhs, rhs, _ in self.rules:
                sym = rhs[0]
                new = first[sym] if sym in self.nonterms else {sym}
                if not new <= first[lhs]:
                    first[lhs] |= new
                    changed = True
        return first

    def _closure0(self, kernel):
        items = list(kernel)
        seen = set(items)
        i = 0
        while i < len(items):
            r, d = items[i]
            i += 1
            rhs = self.rules[r][1]
            if d < len(rhs) and rhs[d] in self.nonterms:
                for r2 in self.by_lhs[rhs[d]]:
                    if (r2, 0) not in seen:
                        seen.add((r2, 0))
                        items.append((r2, 0))
        return items

    def _build_lr0(self):
        start = frozenset({(0, 0)})
        self.kernels = [start]
        index = {start: 0}
        self.goto: list[dict[str, int]] = []
        i = 0
        while i < len(self.kernels):
            items = self._closure0(self.kernels[i])
            moves: dict[str, set] = {}
            order: list[str] = []
            for r, d in items:
                rhs = self.rules[r][1]
                if d < len(rhs):
                    sym = rhs[d]
                    if sym not in moves:
                        moves[sym] = set()
                        order.append(sym)
                    moves[sym].add((r, d + 1))
            trans = {}
            for sym in order:
                k = frozenset(moves[sym])
                if k not in index:
                    index[k] = len(self.kernels)
                    self.kernels.append(k)
                trans[sym] = index[k]
            self.goto.append(trans)
            i += 1

    def _closure1(self, items):
        # items: set of (rule, dot, lookahead) where lookahead may be '#'
        result = set(items)
        work = list(items)
        while work:
            r, d, a = work.pop()
            rhs = self.rules[r][1]
            if d < len(rhs) and rhs[d] in self.nonterms:
                if d + 1 < len(rhs):
                    nxt = rhs[d + 1]
                    firsts = self._first[nxt] if nxt in self.nonterms else {nxt}
                else:
                    firsts = {a}
                for r2 in self.by_lhs[rhs[d]]:
                    for b in firsts:
                        it = (r2, 0, b)
                        if it not in result:
                            result.add(it)
                            work.append(it)
        return result

    def _build_lookaheads(self):
        la: dict[tuple[int, tuple[int, int]], set] = {}
        prop: dict[tuple[int, tuple[int, int]], list] = {}
        for s, kernel in enumerate(self.kernels):
            for item in kernel:
                la.setdefault((s, item), set())
        for s, kernel in enumerate(self.kernels):
            for item in kernel:
                for r, d, a in self._closure1({(item[0], item[1], "#")}):
                    rhs = self.rules[r][1]
                    if d >= len(rhs):
                        continue
                    target = (self.goto[s][rhs[d]], (r, d + 1))
                    if a == "#":
                        prop.setdefault((s, item), []).append(target)
                    else:
                        la[target].add(a)
        changed = True
        while changed:
            changed = False
            for src, targets in prop.items():
                src_la = la[src]
                for t in targets:
                    if not src_la <= la[t]:
                        la[t] |= src_la
                        changed = True
        self.la = la

    def _rule_prec(self, r):
        prec = None
        for sym in self.rules[r][1]:
            if sym in _T:
                prec = _PREC.get(_T[sym])
        return prec

    def _build_actions(self):
        n = len(self.kernels)
        self.explicit: list[dict[int, tuple[str, int]]] = []
        self.default: list[Optional[int]] = []
        self.accept_state = None
        for s in range(n):
            row: dict[int, tuple[str, int]] = {}
            for sym, target in self.goto[s].items():
                if sym in _T:
                    row[_T[sym]] = ("s", target)
            has_shift = bool(row)
            reds = []
            for (r, d) in sorted(self.kernels[s]):
                if d == len(self.rules[r][1]):
                    if r == 0:
                        self.accept_state = s
                        continue
                    reds.append(r)
                    for a in sorted(self.la[(s, (r, d))], key=lambda t: _T[t]):
                        tok = _T[a]
                        cur = row.get(tok)
                        if cur is None:
                            row[tok] = ("r", r)
                        elif cur[0] == "s":
                            tp = _PREC.get(tok)
                            rp = self._rule_prec(r)
                            if tp is not None and rp is not None:
                                if rp[0] > tp[0] or (rp[0] == tp[0] and rp[1] == "left"):
                                    row[tok] = ("r", r)
                                elif rp[0] == tp[0] and rp[1] == "nonassoc":
                                    row[tok] = ("e", 0)
                        else:  # reduce/reduce: the earlier rule wins
                            if r < cur[1]:
                                row[tok] = ("r", r)
            default = None
            if reds:
                if len(reds) == 1 and not has_shift:
                    default = reds[0]
                else:
                    best = 0
                    for r in reds:
                        count = sum(1 for act in row.values() if act == ("r", r))
                        if count > best:
                            best, default = count, r
                if default is not None:
                    row = {t: a for t, a in row.items() if a != ("r", default)}
            self.explicit.append(row)
            self.default.append(default)


_TABLES: Optional[_Tables] = None


def _tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        _TABLES = _Tables(_RULES)
    return _TABLES


# --------------------------------------------------------------------------------------------
# scanner (an equivalent of util_expr_scan.l)

_REGEX_DELIMS = "/#$%^,;:_?|-!.'\""
_KEYWORDS = {
    "and": "T_OP_AND", "or": "T_OP_OR", "not": "T_OP_NOT",
    "lt": "T_OP_LT", "le": "T_OP_LE", "gt": "T_OP_GT", "ge": "T_OP_GE",
    "ne": "T_OP_NE", "eq": "T_OP_EQ", "in": "T_OP_IN",
    "true": "T_TRUE", "false": "T_FALSE",
}
_DASH_OPS = {"in": "T_OP_IN", "eq": "T_OP_EQ", "ne": "T_OP_NE", "ge": "T_OP_GE",
             "le": "T_OP_LE", "gt": "T_OP_GT", "lt": "T_OP_LT"}
_SIMPLE_ESC = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
_DIGITS = "0123456789"
_OCTAL = "01234567"


def _is_alpha(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z")


def _is_ident_char(c: str) -> bool:
    return _is_alpha(c) or c in _DIGITS or c == "_"


def _first_byte(c: str) -> str:
    """httpd prints a single byte with %c; for non-ASCII text that is the first UTF-8 byte."""
    if ord(c) < 0x80:
        return c
    return c.encode("utf-8", "surrogateescape")[:1].decode("utf-8", "surrogateescape")


class _Jam(Exception):
    pass


class _Scanner:
    def __init__(self, text: str, string_mode: bool, pstate: "_ParseState"):
        self.s = text
        self.n = len(text)
        self.pos = 0
        self.state = "INITIAL"
        self.stack: list[str] = []
        self.buf: list[str] = []
        self.delim = "\0"
        self.at_start = True
        self.string_mode = string_mode
        self.ps = pstate

    # helpers ---------------------------------------------------------------------------
    def _error(self, msg):
        self.ps.error2 = msg
        return (_T["T_ERROR"], None)

    def _append(self, c):
        self.buf.append(c)
        return len(self.buf) >= MAX_STRING_LEN

    def _flush(self):
        val = "".join(self.buf)
        self.buf = []
        nul = val.find("\0")
        if nul >= 0:        # the C string ends at the first NUL
            val = val[:nul]
        return val

    def _peek(self, k=1):
        p = self.pos + k
        return self.s[p] if p < self.n else ""

    # main entry --------------------------------------------------------------------------
    def next(self):
        if self.at_start:
            self.at_start = False
            if self.string_mode:
                self.state = "str"
                return (_T["T_EXPR_STRING"], None)
            return (_T["T_EXPR_BOOL"], None)
        while True:
            st = self.state
            if st == "INITIAL":
                tok = self._initial()
            elif st == "str":
                tok = self._str()
            elif st == "var":
                tok = self._var()
            else:
                tok = self._vararg()
            if tok is not None:
                return tok

    def _escape(self):
        """Backslash sequences inside str/vararg; returns a token on error, else None."""
        nxt = self._peek()
        if nxt == "":
            raise _Jam()
        if nxt in _DIGITS:
            p = self.pos + 1
            olen = 0
            while olen < 3 and p + olen < self.n and self.s[p + olen] in _OCTAL:
                olen += 1
            dlen = 0
            while p + dlen < self.n and self.s[p + dlen] in _DIGITS:
                dlen += 1
            if dlen > olen:
                self.pos = p + dlen
                return self._error("Bad escape sequence")
            value = int(self.s[p:p + olen], 8)
            self.pos = p + olen
            if value > 0xFF:
                return self._error("Escape sequence out of bound")
            if self._append(chr(value)):
                return self._error("String too long")
            return None
        self.pos += 2
        if self._append(_SIMPLE_ESC.get(nxt, nxt)):
            return self._error("String too long")
        return None

    def _backref_or_var(self, c, push_state):
        """'$N' or '%{' inside str/vararg; None when it is not one of those."""
        nxt = self._peek()
        if c == "$" and nxt != "" and nxt in _DIGITS:
            if self.buf:
                return (_T["T_STRING"], self._flush())
            self.pos += 2
            return (_T["T_REGEX_BACKREF"], int(nxt))
        if c == "%" and nxt == "{":
            if self.buf:
                return (_T["T_STRING"], self._flush())
            self.pos += 2
            self.stack.append(push_state)
            self.state = "var"
            return (_T["T_VAR_BEGIN"], None)
        return None

    def _run(self):
        s, n = self.s, self.n
        while self.pos < n and s[self.pos] not in "\\\n\"'%}$":
            if self._append(s[self.pos]):
                self.pos += 1
                return self._error("String too long")
            self.pos += 1
        return None

    # states ------------------------------------------------------------------------------
    def _initial(self):
        s, n = self.s, self.n
        while self.pos < n and s[self.pos] in " \t\n":
            self.pos += 1
        if self.pos >= n:
            return (END, None)
        c = s[self.pos]
        nxt = self._peek()
        if c in "\"'":
            self.pos += 1
            self.buf = []
            self.delim = c
            self.state = "str"
            return (_T["T_STR_BEGIN"], None)
        if c == "%" and nxt == "{":
            self.pos += 2
            self.stack.append("INITIAL")
            self.state = "var"
            return (_T["T_VAR_BEGIN"], None)
        if c == "$" and nxt != "" and nxt in _DIGITS:
            self.pos += 2
            return (_T["T_REGEX_BACKREF"], int(nxt))
        if c == "m" and nxt != "" and nxt in _REGEX_DELIMS:
            if not (nxt == "_" and self._ident_len(self.pos) > 2):
                self.pos += 2
                return self._regex(nxt)
        if c == "/":
            self.pos += 1
            return self._regex("/")
        two = s[self.pos:self.pos + 2]
        ops2 = {"=~": "T_OP_REG", "==": "T_OP_STR_EQ", "!=": "T_OP_STR_NE", "!~": "T_OP_NRE",
                "<=": "T_OP_STR_LE", ">=": "T_OP_STR_GE", "&&": "T_OP_AND", "||": "T_OP_OR"}
        if two in ops2:
            self.pos += 2
            return (_T[ops2[two]], None)
        ops1 = {"=": "T_OP_STR_EQ", "!": "T_OP_NOT", "<": "T_OP_STR_LT", ">": "T_OP_STR_GT",
                ".": "T_OP_CONCAT"}
        if c in ops1:
            self.pos += 1
            return (_T[ops1[c]], None)
        if c == "-":
            if nxt != "" and (_is_alpha(nxt) or nxt == "_"):
                end = self.pos + 2
                while end < n and _is_ident_char(s[end]):
                    end += 1
                name = s[self.pos + 1:end]
                self.pos = end
                if len(name) == 1:
                    return (_T["T_OP_UNARY"], name)
                if name in _DASH_OPS:
                    return (_T[_DASH_OPS[name]], None)
                return (_T["T_OP_BINARY"], name)
            if nxt != "" and nxt in _DIGITS:
                end = self.pos + 1
                while end < n and s[end] in _DIGITS:
                    end += 1
                val = s[self.pos:end]
                self.pos = end
                return (_T["T_DIGIT"], val)
        if c in _DIGITS:
            end = self.pos
            while end < n and s[end] in _DIGITS:
                end += 1
            val = s[self.pos:end]
            self.pos = end
            return (_T["T_DIGIT"], val)
        if _is_alpha(c):
            length = self._ident_len(self.pos)
            word = s[self.pos:self.pos + length]
            self.pos += length
            if word in _KEYWORDS:
                return (_T[_KEYWORDS[word]], None)
            return (_T["T_ID"], word)
        if c in "(){},:":
            self.pos += 1
            return (_T["'%s'" % c], None)
        self.pos += 1
        return self._error("Parse error near '%s'" % _first_byte(c))

    def _ident_len(self, p):
        end = p + 1
        while end < self.n and _is_ident_char(self.s[end]):
            end += 1
        return end - p

    def _regex(self, delim):
        s, n = self.s, self.n
        chars = []
        while True:
            if self.pos >= n:
                return (END, None)          # flex's default <<EOF>>: yyterminate()
            c = s[self.pos]
            self.pos += 1
            if c == delim:
                break
            chars.append(c)
            if len(chars) >= MAX_STRING_LEN:
                return self._error("Regexp too long")
        pattern = "".join(chars)
        if self.pos < n and s[self.pos] == "i":
            self.pos += 1
            return (_T["T_REGEX_I"], pattern)
        return (_T["T_REGEX"], pattern)

    def _str(self):
        if self.pos >= self.n:
            if not self.string_mode:
                return self._error("Unterminated string or variable")
            self.state = "INITIAL"
            return (_T["T_STRING"], self._flush())
        c = self.s[self.pos]
        if c in "\"'":
            if c == self.delim:
                if not self.buf:
                    self.pos += 1
                    self.state = "INITIAL"
                    return (_T["T_STR_END"], None)
                return (_T["T_STRING"], self._flush())
            self.pos += 1
            if self._append(c):
                return self._error("String too long")
            return None
        if c == "\n":
            return self._error("Unterminated string or variable")
        if c == "\\":
            return self._escape()
        tok = self._backref_or_var(c, "str")
        if tok is not None:
            return tok
        if c in "%}$":
            self.pos += 1
            if self._append(c):
                return self._error("String too long")
            return None
        return self._run()

    def _var(self):
        if self.pos >= self.n:
            return self._error("Unterminated string or variable")
        c = self.s[self.pos]
        if c == "\n":
            return self._error("Unterminated string or variable")
        if _is_alpha(c):
            length = self._ident_len(self.pos)
            word = self.s[self.pos:self.pos + length]
            self.pos += length
            return (_T["T_ID"], word)
        if c == "}":
            self.pos += 1
            self.state = self.stack.pop()
            return (_T["T_VAR_END"], None)
        if c == ":":
            self.pos += 1
            self.state = "vararg"
            return (_T["':'"], None)
        self.pos += 1
        return self._error("Invalid character in variable name '%s'" % _first_byte(c))

    def _vararg(self):
        if self.pos >= self.n:
            return self._error("Unterminated string or variable")
        c = self.s[self.pos]
        if c == "\n":
            return self._error("Unterminated string or variable")
        if c == "\\":
            return self._escape()
        tok = self._backref_or_var(c, "vararg")
        if tok is not None:
            return tok
        if c in "%$":
            self.pos += 1
            if self._append(c):
                return self._error("String too long")
            return None
        if c == "}":
            if self.buf:
                return (_T["T_STRING"], self._flush())
            self.pos += 1
            self.state = self.stack.pop()
            return (_T["T_VAR_END"], None)
        if c in "\"'":
            raise _Jam()
        return self._run()


# --------------------------------------------------------------------------------------------
# syntax tree

class Node:
    """One syntax-tree node.  ``op`` is one of: true false not or and comp unary binary
    (conditions); eq ne lt le gt ge str_eq str_ne str_lt str_le str_gt str_ge in reg nre
    (inside ``comp``); string digit var strfunc concat backref (words); list listfunc regex.
    """
    __slots__ = ("op", "a1", "a2")

    def __init__(self, op: str, a1: Any = None, a2: Any = None):
        self.op = op
        self.a1 = a1
        self.a2 = a2

    def __repr__(self):
        if self.a2 is None:
            return "%s(%r)" % (self.op, self.a1)
        return "%s(%r, %r)" % (self.op, self.a1, self.a2)


@dataclass
class _Provider:
    """What a successful look-up resolves to (httpd's func + data pair)."""
    kind: str                 # var | func | listfunc | unary | binary
    name: str                 # canonical name
    fn: Callable
    data: Any = None

    def __repr__(self):
        return "<%s %s>" % (self.kind, self.name)


class _ParseState:
    def __init__(self, lookup_fn, restricted):
        self.error: Optional[str] = None
        self.error2: Optional[str] = None
        self.lookup_fn = lookup_fn
        self.restricted = restricted
        self.variables: set[str] = set()


class _Abort(Exception):
    pass


# --------------------------------------------------------------------------------------------
# parser driver

def _syntax_error_message(tables: _Tables, state: int, token: int) -> str:
    expected = [t for t in sorted(tables.explicit[state])
                if t != _T["error"] and tables.explicit[state][t][0] != "e"]
    msg = "syntax error, unexpected %s" % TERMINALS[token]
    if len(expected) < 5:
        for i, t in enumerate(expected):
            msg += (", expecting %s" if i == 0 else " or %s") % TERMINALS[t]
    return msg


def _run_parser(text: str, string_mode: bool, ps: _ParseState):
    tables = _tables()
    scanner = _Scanner(text, string_mode, ps)
    states = [0]
    values: list[Any] = [None]
    look: Optional[tuple[int, Any]] = None
    while True:
        st = states[-1]
        if st == tables.accept_state:
            return values[1]
        row = tables.explicit[st]
        action = None
        if row or tables.default[st] is None:
            if look is None:
                look = scanner.next()
            action = row.get(look[0])
        if action is None:
            if tables.default[st] is None:
                ps.error = _syntax_error_message(tables, st, look[0])
                return None
            action = ("r", tables.default[st])
        if action[0] == "s":
            states.append(action[1])
            values.append(look[1])
            look = None
            if len(states) >= YYMAXDEPTH:
                ps.error = "memory exhausted"
                return None
            continue
        rule = action[1]
        lhs, rhs, act = tables.rules[rule]
        k = len(rhs)
        args = values[len(values) - k:]
        del states[len(states) - k:]
        del values[len(values) - k:]
        result = _ACTIONS[act](ps, args)      # may raise _Abort
        values.append(result)
        states.append(tables.goto[states[-1]][lhs])
        if len(states) >= YYMAXDEPTH:
            ps.error = "memory exhausted"
            return None


def _arg_string(node):
    """parms->arg: the constant text when the argument is a single literal string."""
    return node.a1 if isinstance(node, Node) and node.op == "string" else None


def _act_first(ps, a):
    return a[0]


def _act_second(ps, a):
    return a[1]


def _act_abort(ps, a):
    raise _Abort()


def _mk(op):
    def action(ps, a):
        return Node(op, a[0], a[2])
    return action


class _UntranslatableRegex:
    """A pattern PCRE accepts but Python's re cannot run: the configuration is valid (as in
    httpd), using it at request time is an evaluation error."""
    groups = 0

    def __init__(self, pattern, reason):
        self.pattern = pattern
        self.reason = reason

    def search(self, subject):
        raise ExprEvalError("cannot evaluate regular expression '%s': %s"
                            % (self.pattern, self.reason))


def _act_regex(icase):
    def action(ps, a):
        try:
            rx = compile_pcre(a[0], re.IGNORECASE if icase else 0)
        except PcreUnsupported as e:
            rx = _UntranslatableRegex(a[0], str(e))
        except PcreError:
            ps.error = "Failed to compile regular expression"
            raise _Abort()
        return Node("regex", rx, a[0])
    return action


def _act_var(ps, a):
    prov = _lookup(ps, "var", a[1], None)
    if prov is None:
        return None
    ps.variables.add(prov.name)
    return Node("var", prov)


def _act_varfunc(ps, a):
    prov = _lookup(ps, "func", a[1], _arg_string(a[3]))
    return None if prov is None else Node("strfunc", prov, a[3])


def _act_strfunc(ps, a):
    prov = _lookup(ps, "func", a[0], _arg_string(a[2]))
    return None if prov is None else Node("strfunc", prov, a[2])


def _act_listfunc(ps, a):
    prov = _lookup(ps, "listfunc", a[0], _arg_string(a[2]))
    return None if prov is None else Node("listfunc", prov, a[2])


def _act_unary(ps, a):
    prov = _lookup(ps, "unary", a[0], _arg_string(a[1]))
    return None if prov is None else Node("unary", prov, a[1])


def _act_binary(ps, a):
    prov = _lookup(ps, "binary", a[1], _arg_string(a[2]))
    return None if prov is None else Node("binary", prov, (a[0], a[2]))


_ACTIONS: dict[str, Callable] = {
    "first": _act_first,
    "second": _act_second,
    "abort": _act_abort,
    "true": lambda ps, a: Node("true"),
    "false": lambda ps, a: Node("false"),
    "not": lambda ps, a: Node("not", a[1]),
    "or": _mk("or"),
    "and": _mk("and"),
    "comp": lambda ps, a: Node("comp", a[0]),
    "unary": _act_unary,
    "binary": _act_binary,
    "list_one": lambda ps, a: Node("list", a[0], None),
    "list_more": lambda ps, a: Node("list", a[2], a[0]),
    "concat2": lambda ps, a: Node("concat", a[0], a[1]),
    "concat3": _mk("concat"),
    "string": lambda ps, a: Node("string", a[0]),
    "empty_string": lambda ps, a: Node("string", ""),
    "digit": lambda ps, a: Node("digit", a[0]),
    "var": _act_var,
    "varfunc": _act_varfunc,
    "strfunc": _act_strfunc,
    "listfunc": _act_listfunc,
    "regex": _act_regex(False),
    "regex_i": _act_regex(True),
    "backref": lambda ps, a: Node("backref", a[0]),
}
for _op in ("eq", "ne", "lt", "le", "gt", "ge", "str_eq", "str_ne", "str_lt", "str_le",
            "str_gt", "str_ge", "in", "reg", "nre"):
    _ACTIONS[_op] = _mk(_op)


# --------------------------------------------------------------------------------------------
# look-ups (util_expr_eval.c's core_expr_lookup and expr_lookup_not_found)

# variables: canonical name -> source
_MISC_VARS = ("TIME_YEAR", "TIME_MON", "TIME_DAY", "TIME_HOUR", "TIME_MIN", "TIME_SEC",
              "TIME_WDAY", "TIME", "SERVER_SOFTWARE", "API_VERSION")
_HEADER_VARS = {
    "HTTP_USER_AGENT": "User-Agent", "HTTP_PROXY_CONNECTION": "Proxy-Connection",
    "HTTP_REFERER": "Referer", "HTTP_COOKIE": "Cookie", "HTTP_FORWARDED": "Forwarded",
    "HTTP_HOST": "Host", "HTTP_ACCEPT": "Accept",
}
_REQUEST_VARS = (
    "REQUEST_METHOD", "REQUEST_SCHEME", "REQUEST_URI", "REQUEST_FILENAME", "REMOTE_HOST",
    "REMOTE_IDENT", "REMOTE_USER", "SERVER_ADMIN", "SERVER_NAME", "SERVER_PORT",
    "SERVER_PROTOCOL", "SCRIPT_FILENAME", "PATH_INFO", "QUERY_STRING", "IS_SUBREQ",
    "DOCUMENT_ROOT", "AUTH_TYPE", "THE_REQUEST", "CONTENT_TYPE", "HANDLER", "REQUEST_LOG_ID",
    "SCRIPT_USER", "SCRIPT_GROUP", "DOCUMENT_URI", "LAST_MODIFIED", "CONTEXT_PREFIX",
    "CONTEXT_DOCUMENT_ROOT", "REQUEST_STATUS", "REMOTE_ADDR", "REMOTE_PORT",
)
_CONN_VARS = ("HTTPS", "IPV6", "CONN_LOG_ID", "CONN_REMOTE_ADDR", "HTTP2")
# the order httpd searches them in
KNOWN_VARIABLES = _MISC_VARS + tuple(_HEADER_VARS) + _REQUEST_VARS + _CONN_VARS
_VAR_BY_UPPER = {}
for _name in KNOWN_VARIABLES:
    _VAR_BY_UPPER.setdefault(_name.upper(), _name)

# (name, restricted)
STRING_FUNCTIONS = (
    ("osenv", False), ("env", False), ("resp", False), ("req", False), ("http", False),
    ("note", False), ("reqenv", False), ("req_novary", False), ("tolower", False),
    ("toupper", False), ("escape", False), ("unescape", False), ("file", True),
    ("filesize", True), ("base64", False), ("unbase64", False), ("sha1", False),
    ("md5", False), ("ldap", False),
)
UNARY_OPERATORS = (
    ("n", False), ("z", False), ("R", False), ("T", False), ("d", True), ("e", True),
    ("f", True), ("s", True), ("L", True), ("h", True), ("x", True), ("F", False),
    ("U", False), ("A", False),
)
BINARY_OPERATORS = (("ipmatch", False), ("fnmatch", False), ("strmatch", False),
                    ("strcmatch", False))

_KIND_LABEL = {"var": "Variable", "func": "Function", "listfunc": "List-returning function",
               "unary": "Unary operator", "binary": "Binary operator"}


def _lookup(ps: _ParseState, kind: str, name: str, arg: Optional[str]) -> Optional[_Provider]:
    if ps.lookup_fn is not None:
        try:
            found = ps.lookup_fn(kind, name, arg)
        except ExprError as e:
            ps.error2 = e.message
            return None
        if found is not None:
            if isinstance(found, _Provider):
                return found
            return _Provider(kind, name, _wrap_user(kind, found))
    try:
        prov = _core_lookup(ps, kind, name, arg)
    except ExprError as e:
        ps.error2 = e.message
        return None
    if prov is not None:
        return prov
    prefix = "-" if kind in ("unary", "binary") else ""
    ps.error2 = "%s '%s%s' does not exist" % (_KIND_LABEL[kind], prefix, name)
    return None


def _wrap_user(kind, fn):
    """Adapt a provider returned by a caller's lookup_fn to the internal calling convention."""
    if kind == "var":
        return lambda ev, data: fn(ev.ctx)
    if kind == "binary":
        return lambda ev, data, a, b: fn(ev.ctx, a, b)
    return lambda ev, data, arg: fn(ev.ctx, arg)


def _core_lookup(ps, kind, name, arg):
    if kind == "var":
        canon = _VAR_BY_UPPER.get(name.upper())
        if canon is None:
            return None
        return _Provider("var", canon, _var_value, canon)
    if kind == "func":
        match = [(n, r) for n, r in STRING_FUNCTIONS if n.lower() == name.lower()]
    elif kind == "unary":
        match = [(n, r) for n, r in UNARY_OPERATORS if n == name]
    elif kind == "binary":
        match = [(n, r) for n, r in BINARY_OPERATORS if n.lower() == name.lower()]
    else:
        return None
    if not match:
        return None
    canon, restricted = match[0]
    if ps.restricted and restricted:
        raise ExprError("%s%s not available in restricted context"
                        % ("" if kind == "func" else "-", canon))
    if kind == "func":
        return _Provider("func", canon, _FUNCS[canon], canon)
    if kind == "unary":
        if canon == "R":
            return _Provider("unary", canon, _op_R, _subnet_arg(name, arg))
        return _Provider("unary", canon, _UNARY[canon], canon)
    if canon == "ipmatch":
        return _Provider("binary", canon, _op_ipmatch, _subnet_arg(name, arg))
    return _Provider("binary", canon, _BINARY[canon], canon)


# --------------------------------------------------------------------------------------------
# IP subnets (apr_ipsubnet_create / apr_ipsubnet_test)

def _inet_pton4(s: str) -> Optional[int]:
    parts = s.split(".")
    if len(parts) != 4:
        return None
    value = 0
    for p in parts:
        if not p or len(p) > 3 or any(c not in _DIGITS for c in p):
            return None
        if len(p) > 1 and p[0] == "0":
            return None
        octet = int(p)
        if octet > 255:
            return None
        value = (value << 8) | octet
    return value


def _inet_pton6(s: str) -> Optional[int]:
    if not s or "%" in s or "/" in s:
        return None
    try:
        return int(ipaddress.IPv6Address(s))
    except ValueError:
        return None


def _parse_network(s: str):
    if len(s) >= 16:
        return None
    sub = mask = 0
    shift = 24
    rest = s
    while rest:
        i = 0
        if rest[0] not in _DIGITS:
            return None
        while i < len(rest) and rest[i] in _DIGITS:
            i += 1
        num = rest[:i]
        if i < len(rest):
            if rest[i] != ".":
                return None
            rest = rest[i + 1:]
        else:
            rest = ""
        if shift < 0:
            return None
        octet = int(num)
        if octet > 255:
            return None
        sub |= octet << shift
        mask |= 0xFF << shift
        shift -= 8
    return (4, sub, mask)


def _strtol(s: str):
    """(value, rest) like C strtol base 10."""
    m = re.match(r"[ \t\n\v\f\r]*([+-]?)([0-9]+)", s)
    if not m:
        return 0, s
    v = int(m.group(2))
    if m.group(1) == "-":
        v = -v
    return v, s[m.end():]


def ipsubnet_create(ipstr: str, mask: Optional[str]):
    """Return (family, network, mask) like apr_ipsubnet_create, or None when it fails."""
    if not ipstr or (":" not in ipstr and any(c not in "0123456789." for c in ipstr)):
        return None                          # APR_EINVAL: does not look like an IP
    v6 = _inet_pton6(ipstr)
    if v6 is not None:
        if (v6 >> 32) == 0xFFFF:             # IPv4-mapped addresses are refused
            return None
        fam, sub, full = 6, v6, (1 << 128) - 1
    else:
        v4 = _inet_pton4(ipstr)
        if v4 is not None:
            fam, sub, full = 4, v4, 0xFFFFFFFF
        elif mask is None:
            return _parse_network(ipstr)
        else:
            return None
    msk = full
    if mask is not None:
        maxbits = 128 if fam == 6 else 32
        bits, rest = _strtol(mask)
        if rest == "" and mask != "" and 0 < bits <= maxbits and re.match(r"\s*[+-]?\d", mask):
            msk = (full >> (maxbits - bits)) << (maxbits - bits)
        else:
            m4 = _inet_pton4(mask)
            if m4 is not None and fam == 4:
                msk = m4
            else:
                return None
    return (fam, sub & msk, msk)


def ipsubnet_test(subnet, addr: str) -> bool:
    """apr_ipsubnet_test against a textual client address."""
    if subnet is None or not addr:
        return False
    try:
        ip = ipaddress.ip_address(addr.split("%", 1)[0])
    except ValueError:
        return False
    fam, sub, msk = subnet
    if ip.version == 4:
        return fam == 4 and (int(ip) & msk) == sub
    mapped = ip.ipv4_mapped
    if mapped is not None:
        return fam == 4 and (int(mapped) & msk) == sub
    return fam == 6 and (int(ip) & msk) == sub


def _subnet_arg(name, arg):
    if arg is None:
        raise ExprError("-%s requires subnet/netmask as constant argument" % name)
    if "/" in arg:
        addr, mask = arg.split("/", 1)
    else:
        addr, mask = arg, None
    subnet = ipsubnet_create(addr, mask)
    if subnet is None:
        raise ExprError("parsing of subnet/netmask failed")
    return subnet


# --------------------------------------------------------------------------------------------
# evaluation

class Captures:
    """Regex captures shared between ``=~`` and ``$0``..``$9`` (httpd's re_pmatch/re_source).

    Pass the same object to several evaluations (or read it afterwards, as mod_rewrite does
    for ``%N`` after ``RewriteCond expr``)."""

    def __init__(self, nmatch: int = MAX_REG_MATCH):
        self.nmatch = nmatch
        self.source: Optional[str] = None
        self.spans: list[tuple[int, int]] = []

    def group(self, n: int) -> str:
        if not self.source or n + 1 > self.nmatch or n >= len(self.spans):
            return ""
        start, end = self.spans[n]
        if start < 0 or end <= start:
            return ""
        return self.source[start:end]


class _Limit(Exception):
    pass


def _ctx_call(ctx, method, *args):
    fn = getattr(ctx, method, None)
    if fn is None:
        return None
    return fn(*args)


def _atoi64(s: str) -> int:
    m = re.match(r"[ \t\n\v\f\r]*([+-]?)([0-9]*)", s)
    digits = m.group(2)
    if not digits:
        return 0
    v = int(digits)
    if m.group(1) == "-":
        v = -v
    return max(-(1 << 63), min((1 << 63) - 1, v))


def _cmp(a, b):
    return (a > b) - (a < b)


def _strcmp(a: str, b: str) -> int:
    return _cmp(_to_bytes(a), _to_bytes(b))


def _strcmplex(a: str, b: str) -> int:
    if len(a) != len(b):
        return 1 if len(a) > len(b) else -1
    return _strcmp(a, b)


def _to_bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _from_bytes(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _cstr(s: Optional[str]) -> str:
    if s is None:
        return ""
    nul = s.find("\0")
    return s if nul < 0 else s[:nul]


class _Evaluator:
    def __init__(self, ctx, captures: Captures, ssl_compat: bool):
        self.ctx = ctx
        self.cap = captures
        self.ssl_compat = ssl_compat
        self.level = 0
        self.err: Optional[str] = None
        self.vary: list[str] = []

    def _enter(self):
        if self.level >= MAX_RECURSION:
            self.err = "Recursion limit reached"
            raise _Limit()
        self.level += 1

    def add_vary(self, name):
        self.vary.append(name)

    # words ---------------------------------------------------------------------------------
    def word(self, node: Node) -> str:
        self._enter()
        op = node.op
        if op in ("string", "digit"):
            result = node.a1
        elif op == "var":
            prov = node.a1
            result = prov.fn(self, prov.data)
        elif op == "concat":
            result = self._concat(node)
        elif op == "strfunc":
            prov = node.a1
            result = prov.fn(self, prov.data, self.word(node.a2))
        elif op == "backref":
            result = self.cap.group(node.a1)
        else:
            self.err = "Internal evaluation error: Unknown word expression node"
            result = ""
        self.level -= 1
        return _cstr(result)

    def _concat(self, node: Node) -> str:
        left, right = node.a1, node.a2
        if left.op != "concat" and right.op != "concat":
            return self.word(left) + self.word(right)
        parts = []
        if left.op == "concat":           # left-nested chain (string mode)
            cur = node
            while cur.op == "concat":
                parts.append(cur.a2)
                cur = cur.a1
            parts.append(cur)
            values = [self.word(p) for p in parts]
            return "".join(reversed(values))
        cur = node                          # right-nested chain ("a . b . c")
        while cur.op == "concat":
            parts.append(cur.a1)
            cur = cur.a2
        parts.append(cur)
        return "".join(self.word(p) for p in parts)

    # conditions ----------------------------------------------------------------------------
    def cond(self, node: Node) -> bool:
        self._enter()
        flip = False
        result = False
        while True:
            op = node.op
            if op == "true":
                result = True
                break
            if op == "false":
                result = False
                break
            if op == "not":
                flip = not flip
                node = node.a1
                continue
            if op in ("or", "and"):
                want = op == "or"
                decided = False
                while node.op == op:
                    e1 = node.a1
                    if e1.op == "not":
                        v = not self.cond(e1.a1)
                    else:
                        v = self.cond(e1)
                    if v == want:
                        result = want
                        decided = True
                        break
                    node = node.a2
                if decided:
                    break
                continue
            if op == "unary":
                prov = node.a1
                result = bool(prov.fn(self, prov.data, self.word(node.a2)))
                break
            if op == "binary":
                prov = node.a1
                a, b = node.a2
                result = bool(prov.fn(self, prov.data, self.word(a), self.word(b)))
                break
            if op == "comp":
                result = self._comp(node.a1)
                break
            self.err = "Internal evaluation error: Unknown expression node"
            break
        self.level -= 1
        return result != flip

    def _comp(self, node: Node) -> bool:
        op = node.op
        if op in ("reg", "nre"):
            return self._regex(node)
        if op == "in":
            return self._in(node)
        a = self.word(node.a1)
        b = self.word(node.a2)
        if self.ssl_compat or op.startswith("str_"):
            c = _strcmplex(a, b) if self.ssl_compat else _strcmp(a, b)
        else:
            c = _cmp(_atoi64(a), _atoi64(b))
        kind = op[4:] if op.startswith("str_") else op
        return {"eq": c == 0, "ne": c != 0, "lt": c < 0, "le": c <= 0,
                "gt": c > 0, "ge": c >= 0}[kind]

    def _in(self, node: Node) -> bool:
        needle = self.word(node.a1)
        lst = node.a2
        if lst.op == "list":
            while lst is not None:
                if _strcmp(needle, self.word(lst.a1)) == 0:
                    return True
                lst = lst.a2
            return False
        prov = lst.a1
        hay = prov.fn(self, prov.data, self.word(lst.a2))
        if not hay:
            return False
        return any(_cstr(h) == needle for h in hay)

    def _regex(self, node: Node) -> bool:
        subject = self.word(node.a1)
        rx = node.a2.a1
        m = rx.search(subject)
        if rx.groups > 0:
            if m is not None:
                n = min(self.cap.nmatch, rx.groups + 1)
                self.cap.spans = [m.span(i) for i in range(n)]
                self.cap.source = subject
            else:
                self.cap.source = None
        ok = m is not None
        return ok if node.op == "reg" else not ok


# variable sources -------------------------------------------------------------------------

def _var_value(ev: _Evaluator, name: str) -> Optional[str]:
    ctx = ev.ctx
    if name in _HEADER_VARS:
        header = _HEADER_VARS[name]
        if header != "Host":
            ev.add_vary(header)
        return _ctx_call(ctx, "header", header)
    if name in _MISC_VARS:
        own = _ctx_call(ctx, "var", name)
        if own is not None:
            return own
        now = _ctx_call(ctx, "now")
        tm = _time.localtime(now if now is not None else None)
        if name == "TIME_YEAR":
            return "%04d" % tm.tm_year
        if name == "TIME_MON":
            return "%02d" % tm.tm_mon
        if name == "TIME_DAY":
            return "%02d" % tm.tm_mday
        if name == "TIME_HOUR":
            return "%02d" % tm.tm_hour
        if name == "TIME_MIN":
            return "%02d" % tm.tm_min
        if name == "TIME_SEC":
            return "%02d" % tm.tm_sec
        if name == "TIME_WDAY":
            return "%d" % ((tm.tm_wday + 1) % 7)
        if name == "TIME":
            return _time.strftime("%Y%m%d%H%M%S", tm)
        if name == "API_VERSION":
            return MODULE_MAGIC_NUMBER_MAJOR
        return DEFAULT_SERVER_SOFTWARE
    return _ctx_call(ctx, "var", name)


# string functions -------------------------------------------------------------------------

def _f_osenv(ev, data, arg):
    fn = getattr(ev.ctx, "osenv", None)
    if fn is not None:
        return fn(arg)
    return os.environ.get(arg)


def _f_env(ev, data, arg):
    for method in ("note", "reqenv"):
        v = _ctx_call(ev.ctx, method, arg)
        if v is not None:
            return v
    return _f_osenv(ev, data, arg)


def _f_table(ev, data, arg):
    if data == "resp":
        return _ctx_call(ev.ctx, "resp_header", arg)
    if data == "note":
        return _ctx_call(ev.ctx, "note", arg)
    if data == "reqenv":
        return _ctx_call(ev.ctx, "reqenv", arg)
    if data in ("req", "http") and arg.lower() != "host":
        ev.add_vary(arg)
    return _ctx_call(ev.ctx, "header", arg)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_PATH_SAFE = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                 b"$-_.+!*'(),:;@&=/~")


def escape_uri(s: str) -> str:
    """ap_escape_uri: %-escape everything but alphanumerics and $-_.+!*'(),:;@&=/~"""
    out = []
    for b in _to_bytes(s):
        out.append(chr(b) if b in _PATH_SAFE else "%%%02x" % b)
    return "".join(out)


def unescape_url(s: str) -> Optional[str]:
    """ap_unescape_url_keep2f(s, 0); None on a bad escape or an encoded NUL."""
    data = _to_bytes(s)
    out = bytearray()
    bad = False
    i = 0
    hexd = b"0123456789abcdefABCDEF"
    while i < len(data):
        c = data[i]
        if c != 0x25:
            out.append(c)
            i += 1
            continue
        if i + 2 < len(data) and data[i + 1] in hexd and data[i + 2] in hexd:
            val = int(data[i + 1:i + 3], 16)
            if val == 0:
                bad = True
                out.append(0)
                i += 3
            elif val == 0x2F:
                out += data[i:i + 3]
                i += 3
            else:
                out.append(val)
                i += 3
        else:
            bad = True
            out.append(c)
            i += 1
    if bad:
        return None
    return _from_bytes(bytes(out))


def _f_escape(ev, data, arg):
    return escape_uri(arg)


def _f_unescape(ev, data, arg):
    r = unescape_url(arg)
    return "" if r is None else r


def _f_base64(ev, data, arg):
    return _b64.b64encode(_to_bytes(arg)).decode("ascii")


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _f_unbase64(ev, data, arg):
    # apr_base64_decode: decode the leading run of base64 characters, ignore the rest
    n = 0
    while n < len(arg) and arg[n] in _B64:
        n += 1
    chunk = arg[:n]
    whole = len(chunk) - len(chunk) % 4
    raw = bytearray(_b64.b64decode(chunk[:whole])) if whole else bytearray()
    rest = chunk[whole:]
    if len(rest) > 1:
        raw += _b64.b64decode(rest + "=" * (4 - len(rest)))[: len(rest) - 1]
    return _cstr(_from_bytes(bytes(raw)))


def _f_md5(ev, data, arg):
    return hashlib.md5(_to_bytes(arg)).hexdigest()


def _f_sha1(ev, data, arg):
    return hashlib.sha1(_to_bytes(arg)).hexdigest()


def _f_ldap(ev, data, arg):
    out = []
    for b in _to_bytes(arg):
        if b < 0x20 or b > 0x7E or chr(b) in "\"+,;<>\\*()":
            out.append("\\%02x" % b)
        else:
            out.append(chr(b))
    return "".join(out)


def _f_tolower(ev, data, arg):
    return arg.translate(_ASCII_LOWER)


def _f_toupper(ev, data, arg):
    return arg.translate(_ASCII_UPPER)


def _f_file(ev, data, arg):
    try:
        with open(arg, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_FILE_SIZE:
                ev.err = "File %s too large" % arg
                return ""
            if size == 0:
                return ""
            try:
                content = fh.read(size)
            except OSError:
                ev.err = "Cannot read from file %s" % arg
                return ""
    except OSError:
        ev.err = "Cannot open file %s" % arg
        return ""
    return _cstr(_from_bytes(content))


def _f_filesize(ev, data, arg):
    try:
        st = os.stat(arg)
    except (OSError, ValueError):
        return "0"
    if _stat.S_ISREG(st.st_mode) and st.st_size > 0:
        return str(st.st_size)
    return "0"


_FUNCS = {
    "osenv": _f_osenv, "env": _f_env, "resp": _f_table, "req": _f_table, "http": _f_table,
    "note": _f_table, "reqenv": _f_table, "req_novary": _f_table, "tolower": _f_tolower,
    "toupper": _f_toupper, "escape": _f_escape, "unescape": _f_unescape, "file": _f_file,
    "filesize": _f_filesize, "base64": _f_base64, "unbase64": _f_unbase64, "sha1": _f_sha1,
    "md5": _f_md5, "ldap": _f_ldap,
}


# unary operators --------------------------------------------------------------------------

def _op_nz(ev, data, arg):
    return (arg == "") if data == "z" else (arg != "")


def _op_T(ev, data, arg):
    if arg == "":
        return False
    low = arg.lower()
    if low[0] == "o":
        return low != "off"
    if low[0] == "n":
        return low != "no"
    if low[0] == "f":
        return low != "false"
    if arg[0] == "0":
        return arg != "0"
    return True


def _op_R(ev, data, arg):
    ip = getattr(ev.ctx, "remote_ip", None)
    if ip is None:
        ip = _ctx_call(ev.ctx, "var", "REMOTE_ADDR")
    return ipsubnet_test(data, ip or "")


def _op_file(ev, data, arg):
    try:
        st = os.stat(arg)
    except (OSError, ValueError):
        return False
    if data == "d":
        return _stat.S_ISDIR(st.st_mode)
    if data == "e":
        return True
    if data == "f":
        return _stat.S_ISREG(st.st_mode)
    return _stat.S_ISREG(st.st_mode) and st.st_size > 0


def _op_link(ev, data, arg):
    try:
        return _stat.S_ISLNK(os.lstat(arg).st_mode)
    except (OSError, ValueError):
        return False


def _op_xbit(ev, data, arg):
    try:
        return bool(os.lstat(arg).st_mode & 0o111)
    except (OSError, ValueError):
        return False


def _op_url_subr(ev, data, arg):
    status = _ctx_call(ev.ctx, "subreq_uri", arg)
    return status is not None and status < 400


def _op_file_subr(ev, data, arg):
    res = _ctx_call(ev.ctx, "subreq_file", arg)
    if res is None:
        return False
    status, filename = res
    return status < 300 and bool(filename) and os.path.exists(filename)


_UNARY = {"n": _op_nz, "z": _op_nz, "T": _op_T, "d": _op_file, "e": _op_file, "f": _op_file,
          "s": _op_file, "L": _op_link, "h": _op_link, "x": _op_xbit, "F": _op_file_subr,
          "U": _op_url_subr, "A": _op_url_subr}


# binary operators -------------------------------------------------------------------------

def fnmatch(pattern: str, string: str, *, pathname: bool = False, casefold: bool = False) -> bool:
    """apr_fnmatch with APR_FNM_PATHNAME / APR_FNM_CASE_BLIND (backslash escapes honoured)."""
    from ..config.paths import fnmatch_regex
    return fnmatch_regex(pattern, pathname, casefold).match(string) is not None


def _op_ipmatch(ev, data, a, b):
    return ipsubnet_test(data, a)


def _op_fnmatch(ev, data, a, b):
    return fnmatch(b, a, pathname=True)


def _op_strmatch(ev, data, a, b):
    return fnmatch(b, a)


def _op_strcmatch(ev, data, a, b):
    return fnmatch(b, a, casefold=True)


_BINARY = {"fnmatch": _op_fnmatch, "strmatch": _op_strmatch, "strcmatch": _op_strcmatch}


# --------------------------------------------------------------------------------------------
# public objects

class Expr:
    """A parsed expression.  ``root`` is the syntax tree (see :class:`Node`); ``text`` the
    source; ``constant`` the value of a string-mode expression without any variable."""

    def __init__(self, text: str, root: Node, string_mode: bool, ssl_compat: bool,
                 variables: frozenset = frozenset()):
        self.text = text
        #: canonical names of the %{VAR}s used (e.g. mod_authz_core checks REMOTE_USER)
        self.variables = variables
        self.root = root
        self.string_mode = string_mode
        self.ssl_compat = ssl_compat

    def __repr__(self):
        return "Expr(%r)" % self.text

    @property
    def constant(self) -> Optional[str]:
        """For a string-mode expression without variables: its value, else None."""
        if self.string_mode and self.root.op == "string":
            return self.root.a1
        return None

    def evaluate(self, ctx: Any = None, captures: Optional[Captures] = None) -> bool | str:
        if self.string_mode and self.root.op == "string":
            return self.root.a1
        cap = captures if captures is not None else Captures()
        ev = _Evaluator(ctx, cap, self.ssl_compat)
        try:
            if self.string_mode:
                result: bool | str = ev.word(self.root)
            else:
                result = ev.cond(self.root)
        except _Limit:
            raise ExprEvalError(ev.err or "Recursion limit reached") from None
        if ev.err is not None:
            raise ExprEvalError(ev.err)
        if ev.vary and not self.string_mode:
            for name in ev.vary:
                _ctx_call(ctx, "add_vary", name)
        return result


def parse(text: str, *, string_mode: bool = False,
          lookup_fn: Optional[Callable[[str, str, Optional[str]], Any]] = None,
          restricted: bool = False, ssl_compat: bool = False) -> Expr:
    """Parse *text* like ap_expr_parse().

    string_mode: AP_EXPR_FLAG_STRING_RESULT (plain text with %{...} / $N interpolation).
    lookup_fn(kind, name, arg): consulted before the built-in table; kind is one of
        "var", "func", "listfunc", "unary", "binary"; arg is the constant argument text or
        None.  Return None to fall through to the built-ins, raise ExprError(msg) to fail,
        or return a callable: var -> fn(ctx); func/listfunc/unary -> fn(ctx, arg);
        binary -> fn(ctx, left, right).
    restricted: AP_EXPR_FLAG_RESTRICTED (no file access functions/operators).
    ssl_compat: AP_EXPR_FLAG_SSL_EXPR_COMPAT (SSLRequire's length-first comparisons).
    """
    extra = _module_lookups()
    if extra:
        lookup_fn = chain_lookups(lookup_fn, *extra)
    ps = _ParseState(lookup_fn, restricted)
    root = None
    try:
        root = _run_parser(text, string_mode, ps)
    except _Abort:
        root = None
    except _Jam:
        raise ExprFatalError("flex scanner jammed") from None
    if ps.error is not None:
        if ps.error2 is not None:
            raise ExprError("%s: %s" % (ps.error, ps.error2))
        raise ExprError(ps.error)
    if ps.error2 is not None:
        raise ExprError(ps.error2)
    if root is None:
        raise ExprError("syntax error")
    return Expr(text, root, string_mode, ssl_compat, frozenset(ps.variables))


# --------------------------------------------------------------------------------------------
# helpers for callers

def chain_lookups(*fns):
    """Combine several lookup_fn callables; the first non-None answer wins."""
    def lookup(kind, name, arg):
        for fn in fns:
            if fn is None:
                continue
            found = fn(kind, name, arg)
            if found is not None:
                return found
        return None
    return lookup


def ssl_lookup(kind: str, name: str, arg: Optional[str]):
    """What mod_ssl adds when loaded: %{SSL_*} variables, SSL() and PeerExtList()."""
    if kind == "var" and name.startswith("SSL_"):
        return lambda ctx: _ctx_call(ctx, "var", name)
    if kind == "func" and name == "SSL":
        return lambda ctx, a: _ctx_call(ctx, "var", a)
    if kind == "listfunc" and name == "PeerExtList":
        return lambda ctx, a: _ctx_call(ctx, "peer_ext_list", a)
    return None


# what loaded modules add to every expression (httpd's expr_lookup hook), by module name; the
# configuration loader keeps the loaded modules' names in apachepy.modules.base.LOADED_MODULES
MODULE_LOOKUPS = {"ssl_module": ssl_lookup}


def _module_lookups() -> list:
    from ..modules.base import LOADED_MODULES
    return [fn for mod, fn in MODULE_LOOKUPS.items() if mod in LOADED_MODULES]


def include_lookup(kind: str, name: str, arg: Optional[str]):
    """mod_include's additions: v(), reqenv() and env() read SSI variables."""
    if kind == "func" and name.lower() in ("v", "reqenv", "env"):
        def ssi_var(ctx, a):
            v = _ctx_call(ctx, "ssi_var", a)
            if v is None:
                v = _ctx_call(ctx, "reqenv", a)
            return v
        return ssi_var
    return None


@dataclass
class SimpleContext:
    """A dict-backed evaluation context (handy for tests and for callers without a request)."""
    vars: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    resp_headers: dict = field(default_factory=dict)
    env: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    osenviron: Optional[dict] = None
    remote_ip: Optional[str] = None
    timestamp: Optional[float] = None
    vary: list = field(default_factory=list)

    @staticmethod
    def _ci(table, name):
        if name in table:
            return table[name]
        low = name.lower()
        for k, v in table.items():
            if k.lower() == low:
                return v
        return None

    def var(self, name):
        v = self.vars.get(name)
        if v is None and name == "REMOTE_ADDR":
            return self.remote_ip
        return v

    def header(self, name):
        return self._ci(self.headers, name)

    def resp_header(self, name):
        return self._ci(self.resp_headers, name)

    def reqenv(self, name):
        return self._ci(self.env, name)

    def note(self, name):
        return self.notes.get(name)

    def osenv(self, name):
        src = os.environ if self.osenviron is None else self.osenviron
        return src.get(name)

    def add_vary(self, name):
        if name not in self.vary:
            self.vary.append(name)

    def now(self):
        return self.timestamp
