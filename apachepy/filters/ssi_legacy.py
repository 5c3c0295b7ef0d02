"""mod_include's pre-2.4 expression syntax (SSILegacyExprParser on): mod_include.c's
get_ptoken / parse_expr, ported.

    expr="$a = foo"   expr="${b} != /re(g)ex/"   expr="($x < 5) && !$y"   expr="-A /uri"

Strings are expanded with the SSI variables ($name, ${name}) when evaluated; `=`/`==` and `!=`
compare strings or match a /regex/ (whose groups become $0..$9); `<`, `<=`, `>`, `>=` compare
strings; `-A uri` is true when a lookup sub-request for uri is allowed (status below 400).
"""
from __future__ import annotations

from ..expr import Captures
from ..expr.pcre import compile_pcre

STRING, RE, AND, OR, NOT, EQ, NE, RBRACE, LBRACE, GROUP, GE, LE, GT, LT, ACCESS = range(15)


class Node:
    __slots__ = ("type", "value", "parent", "left", "right", "result", "done")

    def __init__(self):
        self.type = STRING
        self.value: str | None = None
        self.parent = self.left = self.right = None
        self.result = False
        self.done = False


def get_ptoken(text: str, pos: int, previous: Node | None, node: Node) -> int | None:
    """The next token into `node`; the new position, or None at the end of the text."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    if pos >= n:
        return None
    node.type = STRING
    c = text[pos]
    start = pos
    pos += 1
    unmatched = ""
    nxt = text[pos] if pos < n else ""
    if c == "(":
        node.type = LBRACE
        return pos
    if c == ")":
        node.type = RBRACE
        return pos
    if c == "=":
        node.type = EQ
        return pos + 1 if nxt == "=" else pos
    if c == "!":
        if nxt == "=":
            node.type = NE
            return pos + 1
        node.type = NOT
        return pos
    if c == "'":
        unmatched = "'"
    elif c == "/":
        if not (previous is not None and previous.type == ACCESS):
            node.type = RE
            unmatched = "/"
    elif c == "|":
        if nxt == "|":
            node.type = OR
            return pos + 1
    elif c == "&":
        if nxt == "&":
            node.type = AND
            return pos + 1
    elif c == ">":
        if nxt == "=":
            node.type = GE
            return pos + 1
        node.type = GT
        return pos
    elif c == "<":
        if nxt == "=":
            node.type = LE
            return pos + 1
        node.type = LT
        return pos
    elif c == "-":
        if nxt == "A":
            node.type = ACCESS
            return pos + 1
    # a string or a regex up to the next token
    p = pos if unmatched else start
    pos = p
    out = []
    while pos < n:
        ch = text[pos]
        if ch == "\\":
            pos += 1
            if pos >= n:
                break
            out.append(text[pos])
            pos += 1
            continue
        if unmatched:
            if ch == unmatched:
                unmatched = ""
                pos += 1
                break
        elif ch.isspace():
            break
        elif ch in "()=!<>" or (ch in "|&" and pos + 1 < n and text[pos + 1] == ch):
            break
        out.append(ch)
        pos += 1
    node.value = "" if unmatched else "".join(out)
    return pos


def parse_expr(ctx, expr: str) -> tuple[bool, bool]:
    """(value, was_error); `ctx` is the SSI state (parse_string, captures, log, host)."""
    r = ctx.r
    error = f"AH03188: Invalid expression \"{expr}\" in file {r.filename}"
    root = current = None
    pos: int | None = 0
    regex = 0
    while True:
        new = Node()
        pos = get_ptoken(expr, pos, current, new) if pos is not None else None
        if pos is None:
            break
        if current is None:
            if new.type in (STRING, NOT, ACCESS, LBRACE):
                root = current = new
                continue
            ctx.log("error", error)
            return False, True
        t, ct = new.type, current.type
        if t == STRING:
            if ct == STRING:
                current.value = current.value + (" " if current.value else "") + new.value
                continue
            if ct not in (RE, RBRACE, GROUP):
                new.parent = current
                current.right = new
                current = new
                continue
        elif t == RE:
            if ct in (EQ, NE):
                new.parent = current
                current.right = new
                current = new
                regex += 1
                continue
        elif t in (AND, OR):
            if ct in (STRING, RE, GROUP):
                current = current.parent
                while current is not None and current.type not in (AND, OR, LBRACE):
                    current = current.parent
                if current is None:
                    new.left = root
                    root.parent = new
                    current = root = new
                    continue
                new.left = current.right
                new.left.parent = new
                new.parent = current
                current.right = new
                current = new
                continue
        elif t in (EQ, NE, GE, GT, LE, LT):
            if ct == STRING:
                current = current.parent
                if current is None:
                    new.left = root
                    root.parent = new
                    current = root = new
                    continue
                if current.type in (LBRACE, AND, OR):
                    new.left = current.right
                    new.left.parent = new
                    new.parent = current
                    current.right = new
                    current = new
                    continue
        elif t == RBRACE:
            while current is not None and current.type != LBRACE:
                current = current.parent
            if current is not None:
                current.type = GROUP
                continue
            error = f"AH03189: Unmatched ')' in \"{expr}\" in file {r.filename}"
        elif t in (NOT, ACCESS, LBRACE):
            if ct not in (STRING, RE, RBRACE, GROUP):
                current.right = new
                new.parent = current
                current = new
                continue
        ctx.log("error", error)
        return False, True
    return _evaluate(ctx, expr, root, regex)


def _expand(ctx, node: Node) -> None:
    node.value = ctx.parse_string(node.value)
    node.result = bool(node.value)


def _evaluate(ctx, expr: str, root: Node | None, regex: int) -> tuple[bool, bool]:
    r = ctx.r
    invalid = f"Invalid expression \"{expr}\" in file {r.filename}"
    current = root
    while current is not None:
        t = current.type
        if t == STRING:
            _expand(ctx, current)
        elif t in (AND, OR):
            if current.left is None or current.right is None:
                ctx.log("error", f"AH01332: {invalid}")
                return False, True
            if not current.left.done:
                if current.left.type == STRING:
                    _expand(ctx, current.left)
                    current.left.done = True
                else:
                    current = current.left
                    continue
            if not current.right.done and not regex and \
                    ((t == AND and not current.left.result) or (t == OR and current.left.result)):
                current.result = current.left.result
            else:
                if not current.right.done:
                    if current.right.type == STRING:
                        _expand(ctx, current.right)
                        current.right.done = True
                    else:
                        current = current.right
                        continue
                if t == AND:
                    current.result = current.left.result and current.right.result
                else:
                    current.result = current.left.result or current.right.result
        elif t in (EQ, NE):
            if (current.left is None or current.right is None or current.left.type != STRING
                    or current.right.type not in (STRING, RE)):
                ctx.log("error", f"AH01333: {invalid}")
                return False, True
            current.left.value = ctx.parse_string(current.left.value)
            current.right.value = ctx.parse_string(current.right.value)
            if current.right.type == RE:
                current.result = _re_check(ctx, current.left.value, current.right.value)
                regex -= 1
            else:
                current.result = current.left.value == current.right.value
            if t == NE:
                current.result = not current.result
        elif t in (GE, GT, LE, LT):
            if (current.left is None or current.right is None or current.left.type != STRING
                    or current.right.type != STRING):
                ctx.log("error", f"AH01334: {invalid}")
                return False, True
            a = ctx.parse_string(current.left.value).encode("latin-1", "replace")
            b = ctx.parse_string(current.right.value).encode("latin-1", "replace")
            cmp = (a > b) - (a < b)
            current.result = {GE: cmp >= 0, GT: cmp > 0, LE: cmp <= 0, LT: cmp < 0}[t]
        elif t in (NOT, GROUP):
            if current.right is not None:
                if not current.right.done:
                    current = current.right
                    continue
                current.result = current.right.result
            else:
                current.result = True
            if t == NOT:
                current.result = not current.result
        elif t == ACCESS:
            if current.left is not None or current.right is None or current.right.type not in (STRING, RE):
                ctx.log("error", f"AH01335: {invalid}: Token '-A' must be followed by a URI string.")
                return False, True
            current.right.value = ctx.parse_string(current.right.value)
            rr = ctx.host.lookup_uri(r, current.right.value, None)
            current.result = rr.status < 400
        else:
            if t == RE:
                msg = f"AH03190: No operator before regex in expr \"{expr}\" in file {r.filename}"
            elif t == LBRACE:
                msg = f"AH03191: Unmatched '(' in \"{expr}\" in file {r.filename}"
            else:
                msg = f"AH03192: internal parser error in \"{expr}\" in file {r.filename}"
            ctx.log("error", msg)
            return False, True
        current.done = True
        current = current.parent
    return (root.result if root is not None else False), False


def _re_check(ctx, string: str, rexp: str) -> bool:
    """re_check: a POSIX-extended match whose groups become $0..$9."""
    try:
        rx = compile_pcre(rexp)
    except Exception:
        ctx.log("error", f"AH02667: unable to compile pattern \"{rexp}\"")
        return False
    m = rx.search(string)
    cap = Captures()
    cap.source = string
    ctx.legacy_groups = rx.groups
    ctx.legacy_regex = rexp
    if m is None:
        cap.spans = []
        ctx.captures = cap
        ctx.legacy_match = False
        return False
    cap.spans = [m.span(i) if m.start(i) >= 0 else (-1, -1) for i in range(rx.groups + 1)]
    ctx.captures = cap
    ctx.legacy_match = True
    return True
