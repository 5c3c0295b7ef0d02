"""mod_sed: OutputSed and InputSed scripts, compiled as mod_sed's libsed does at config time.

Stored per directory (context.values): "OutputSed" / "InputSed" (the script lines in order).
The compiler state (labels, open blocks, the last regex, buffer use) carries over from one
directive to the next of the same kind in the same section, as libsed's does, and is dropped
after an error.  Messages are libsed's ("command garbled: LINE", ...), prefixed by mod_sed's
"Failed to compile sed expression. ".

Where libsed reads past the end of a line (a regex without its closing delimiter), httpd
goes on reading unrelated memory; apachepy takes the line to end there, which gives the
messages Debian's build prints in practice.
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles

RESIZE, LBSIZE, NBRA, SED_NLINES, SED_LABSIZE, NWFILES, PATH_MAX = 10000, 1000, 9, 256, 50, 11, 4096
CBRA, CCHR, CKET, STAR, RNGE = 2, 4, 24, 1, 3

REGEX_ERRORS = {11: "Range endpoint too large: %s", 16: "Bad number: %s", 25: "``\\digit'' out of range: %s",
                36: "Illegal or missing delimiter: %s", 42: "\\( \\) imbalance: %s", 43: "Too many \\(: %s",
                44: "More than 2 numbers given in \\{ \\}: %s", 45: "} expected after \\: %s",
                46: "First number exceeds second in \\{ \\}: %s", 49: "[ ] imbalance: %s",
                50: "too much command text: %s"}


class SedError(Exception):
    pass


class Label:
    def __init__(self, name: str):
        self.name = name
        self.chained = False      # referenced by a branch before being defined
        self.defined = False


_ANONYMOUS = Label("")
_ANONYMOUS.defined = True


class SedCommands:
    """libsed's sed_commands_t, reduced to what decides compile errors."""

    def __init__(self):
        self.lastre = None        # offset of the last regex, None before the first
        self.rep_ad1 = 0          # offset where the next command's address goes
        self.nlno = 0
        self.depth = 0
        self.labels: list[Label] = []
        self.fnames: list[str] = []
        self.error: str | None = None
        self.line = ""
        self.cp = 0
        # libsed's line buffer: allocated zeroed once, each line copied over the previous one,
        # so what lies after a line's NUL is what longer earlier lines left there
        self.buf = ["\0"] * (LBSIZE + 1)

    # -- reading the current line -------------------------------------------------------------
    def load(self, line: str) -> None:
        self.line = line
        self.buf[:len(line) + 1] = list(line) + ["\0"]
        self.cp = 0
        self.overrun = False

    def ch(self, i: int | None = None) -> str:
        i = self.cp if i is None else i
        if i > LBSIZE or (self.overrun and i > len(self.line)):
            return "\0"
        return self.buf[i]

    def fail(self, fmt: str, with_line: bool = True) -> None:
        self.error = fmt % self.line if with_line else fmt
        raise SedError()

    # -- compiling ---------------------------------------------------------------------------
    def compile_string(self, text: str) -> None:
        lines = _split_lines(text)
        if lines is None:
            return
        op = self.lastre
        first = True
        for line in lines:
            if len(line) > LBSIZE:
                self.fail("command line too long", False)
            self.load(line)
            if first and line.startswith("#"):
                first = False
                continue
            first = False
            op = self._compile_line(op)
        self.lastre = op

    def _compile_line(self, op):
        while True:
            while self.ch() in " \t":
                self.cp += 1
            if self.ch() in ("\0", "#"):
                return op
            if self.ch() == ";":
                self.cp += 1
                continue
            ad1 = self.rep_ad1
            p, ok = self._address(ad1)
            if not ok:
                self.fail("command garbled: %s")
            has_ad1 = has_ad2 = False
            if p == ad1:
                if op is None:
                    self.fail("first RE may not be null", False)
                has_ad1 = True
            elif p is None:
                p = ad1
            else:
                has_ad1 = True
                op = ad1
                if self.ch() in ",;":
                    self.cp += 1
                    ad2 = p
                    p, ok = self._address(ad2)
                    if not ok or p is None:
                        self.fail("command garbled: %s")
                    if p != ad2:
                        op = ad2
                    has_ad2 = True
            if p > RESIZE - 1:
                self.fail("too much command text: %s")
            while self.ch() in " \t":
                self.cp += 1
            p, op, done = self._command(p, op, has_ad1, has_ad2)
            if done == "line":          # ':' '}' and a '{' ending the line: on to the next line
                return op
            if done == "more":          # '{' with more text: go on with this line
                continue
            self.rep_ad1 = p
            c = self.ch()
            self.cp += 1
            if c != "\0":
                if c == ";":
                    continue
                self.fail("command garbled: %s")
            return op

    def _command(self, p, op, has_ad1, has_ad2):
        """One command after its addresses: (next offset, last regex, line finished)."""
        while True:
            c = self.ch()
            self.cp += 1
            if c == "!":
                continue
            break
        if c == "{":
            self.depth += 1
            self.rep_ad1 = p
            return p, op, "line" if self.ch() == "\0" else "more"
        if c == "}":
            if has_ad1:
                self.fail("no addresses allowed: %s")
            self.depth -= 1
            if self.depth < 0:
                self.fail("too many }'s", False)
            self.rep_ad1 = p
            return p, op, "line"
        if c == ":":
            if has_ad1:
                self.fail("no addresses allowed: %s")
            name = self._label()
            lab = self._find_label(name)
            if lab is not None:
                if lab.defined:
                    self.fail("duplicate labels: %s")
            else:
                lab = self._new_label(name)
            lab.defined = True
            self.rep_ad1 = p
            return p, op, "line"
        if c in "=qr" and has_ad2:
            self.fail("only one address allowed: %s")
        if c in "ai" and has_ad2:
            self.fail("only one address allowed: %s")
        if c in "aic":
            if self.ch() == "\\":
                self.cp += 1
            nxt = self.ch()
            self.cp += 1
            if nxt != "\n":
                self.fail("command garbled: %s")
            return self._text(p), op, False
        if c in "=gGhHnNpPdDlqx":
            return p, op, False
        if c in "tb":
            while self.ch() == " ":
                self.cp += 1
            if self.ch() == "\0":
                return p, op, False
            name = self._label(stop_at_nul_only=True)
            self.cp -= 1
            lab = self._find_label(name)
            if lab is None:
                lab = self._new_label(name)
                lab.chained = True
            return p, op, False
        if c == "r":
            nxt = self.ch()
            self.cp += 1
            if nxt != " ":
                self.fail("command garbled: %s")
            return self._text(p), op, False
        if c == "s":
            seof = self.ch()
            self.cp += 1
            re1 = p
            p, nbra = self._comple(re1, seof)
            if p == re1:
                if op is None:
                    self.fail("first RE may not be null", False)
            else:
                op = re1
            p = self._compsub(p, nbra, seof)
            if self.ch() == "g":
                self.cp += 1
            if "1" <= self.ch() <= "9":
                i = ord(self.ch()) - 48
                self.cp += 1
                while "0" <= self.ch() <= "9":
                    i = i * 10 + ord(self.ch()) - 48
                    if i > 512:
                        self.fail("suffix too large: %s")
                    self.cp += 1
            if self.ch() == "p":
                self.cp += 1
            if self.ch() == "P":
                self.cp += 1
            if self.ch() == "w":
                self.cp += 1
                self._wfile()
            return p, op, False
        if c == "w":
            self._wfile()
            return p, op, False
        if c == "y":
            seof = self.ch()
            self.cp += 1
            return self._ycomp(p, seof), op, False
        self.fail("unrecognized command: %s")

    def _label(self, stop_at_nul_only: bool = False) -> str:
        while self.ch() == " ":
            self.cp += 1
        name = []
        while True:
            c = self.ch()
            self.cp += 1
            if c == "\0":
                break
            name.append(c)
            if len(name) >= 8:
                self.fail("label too long: %s")
        return "".join(name)

    def _find_label(self, name: str) -> Label | None:
        if name == "":
            return _ANONYMOUS     # labtab[0], the target of plain 'b', always has an address
        for lab in self.labels:
            if lab.name == name:
                return lab
        return None

    def _new_label(self, name: str) -> Label:
        lab = Label(name)
        self.labels.append(lab)
        if len(self.labels) + 1 >= SED_LABSIZE:
            self.fail("too many labels: %s")
        return lab

    def _wfile(self) -> None:
        nxt = self.ch()
        self.cp += 1
        if nxt != " ":
            self.fail("Space missing before filename: %s")
        name = self._read_text()
        if name is None or len(name) + 1 > PATH_MAX - 1:
            self.fail("file name too long: %s")
        if name in self.fnames:
            return
        if len(self.fnames) >= NWFILES:
            self.fail("too many files in w commands", False)
        self.fnames.append(name)

    def _read_text(self) -> str | None:
        """libsed's text(): the rest of the line, backslashes removed, indentation dropped."""
        q = self.cp
        while self.ch(q) in "\t ":
            q += 1
        out = []
        while True:
            c = self.ch(q)
            q += 1
            if c == "\\":
                c = self.ch(q)
                q += 1
            if c == "\0":
                self.cp = q - 1
                return "".join(out)
            out.append(c)

    def _text(self, p: int) -> int:
        t = self._read_text()
        end = p + len(t) + 1
        if end - 1 > RESIZE - 1:
            self.fail("too much command text: %s")
        return end

    def _address(self, ep: int) -> tuple[int | None, bool]:
        c = self.ch()
        if c == "$":
            if ep > RESIZE - 2:
                self.error = "too much command text: %s" % self.line
                return None, False
            self.cp += 1
            return ep + 2, True
        if c in "/\\":
            if c == "\\":
                self.cp += 1
            seof = self.ch()
            self.cp += 1
            try:
                end, _ = self._comple(ep, seof)
            except SedError:
                return None, True     # libsed reports the regex error, then goes on as if no address
            return end, True
        start = self.cp
        while "0" <= self.ch() <= "9":
            self.cp += 1
        if self.cp > start:
            if ep > RESIZE - 3:
                self.cp = start
                self.error = "too much command text: %s" % self.line
                return None, False
            self.nlno += 1
            if self.nlno >= SED_NLINES:
                self.error = "too many line numbers"
                return None, False
            return ep + 3, True
        return None, True

    def _compsub(self, p: int, nbra: int, seof: str) -> int:
        q = self.cp
        while True:
            if p > RESIZE - 1:
                self.fail("too much command text: %s")
            c = self.ch(q)
            q += 1
            if c == "\\":
                p += 1
                if p > RESIZE - 1:
                    self.fail("too much command text: %s")
                c = self.ch(q)
                q += 1
                if chr(nbra + 48) < c <= "9":
                    self.fail("``\\digit'' out of range: %s")
                p += 1
                continue
            if c == seof:
                self.cp = q
                return p + 1
            p += 1
            if c == "\0":
                self.fail("ending delimiter missing on substitution: %s")

    def _ycomp(self, ep: int, seof: str) -> int:
        if ep + 0o377 > RESIZE - 1:
            self.fail("too much command text: %s")
        t = self.cp
        while self.ch(t) != seof:
            c = self.ch(t)
            if c == "\\":
                t += 1
            if c in ("\0", "\n"):
                self.fail("ending delimiter missing on string: %s")
            t += 1
        t += 1
        s = self.cp
        while True:
            c = self.ch(s)
            s += 1
            if c == seof:
                break
            if c == "\\" and self.ch(s) == "n":
                s += 1
            d = self.ch(t)
            t += 1
            if d == "\\" and self.ch(t) == "n":
                d = "\n"
                t += 1
            if d == seof or d == "\0":
                self.error = "transform strings not the same size: %s" % self.line
        if self.ch(t) != seof:
            if self.ch(t) == "\0":
                self.fail("ending delimiter missing on string: %s")
            self.fail("transform strings not the same size: %s")
        self.cp = t + 1
        return ep + 0o400

    def _comple(self, ep: int, seof: str) -> tuple[int, int]:
        """comple + sed_compile: the end offset (ep itself for an empty regex) and \\( count."""
        end, nbra, empty = self._sed_compile(ep + 1, RESIZE - 1, seof)
        return (ep if empty else end), nbra

    def _sed_compile(self, ep: int, endbuf: int, seof: str) -> tuple[int, int, bool]:
        sp = self.cp

        def getc():
            nonlocal sp
            c = self.ch(sp)
            sp += 1
            return c

        def error(code: int):
            self.fail(REGEX_ERRORS[code])

        c = getc()
        if c == seof or c == "\n":
            if c == "\n":
                sp -= 1
            self.cp = sp
            return ep, 0, True
        nbra = closed = 0
        brackets: list[int] = []
        if c != "^":
            sp -= 1
        lastep, lastop = None, 0
        while True:
            if ep >= endbuf:
                error(50)
            c = getc()
            if c != "*" and not (c == "\\" and self.ch(sp) == "{"):
                lastep = ep
            if c == seof or (c == "\0" and sp > len(self.line)):
                # a regex running past its line: httpd reads on through leftovers and other
                # memory; apachepy ends the regex and the line there
                self.overrun = self.overrun or c != seof
                ep += 1
                if brackets:
                    error(42)
                self.cp = sp
                return ep, nbra, False
            if c == ".":
                lastop = 8
                ep += 1
            elif c == "\n":
                error(36)
            elif c == "*":
                if lastep is None or lastop in (CBRA, CKET):
                    lastep, lastop = ep, CCHR
                    ep += 2
                else:
                    lastop |= STAR
            elif c == "$" and self.ch(sp) in (seof, "\n"):
                lastop = 20
                ep += 1
            elif c == "[":
                if ep + 17 >= endbuf:
                    error(50)
                ep += 1
                lastop = 12
                width = 16
                lc = "\0"
                c = getc()
                if c == "^":
                    c = getc()
                while True:
                    if c in ("\0", "\n"):
                        error(49)
                    if ord(c) & 0x80 and width == 16:
                        if ep + 32 >= endbuf:
                            error(50)
                        width = 32
                    if c == "-" and lc != "\0":
                        c = getc()
                        if c == "]":
                            break
                        if ord(c) & 0x80 and width == 16:
                            if ep + 32 >= endbuf:
                                error(50)
                            width = 32
                    lc = c
                    c = getc()
                    if c == "]":
                        break
                ep += width
            elif c == "\\":
                c = getc()
                if c == "(":
                    if nbra >= NBRA:
                        error(43)
                    brackets.append(nbra)
                    nbra += 1
                    lastop = CBRA
                    ep += 2
                elif c == ")":
                    if not brackets:
                        error(42)
                    brackets.pop()
                    closed += 1
                    lastop = CKET
                    ep += 2
                elif c == "{":
                    if lastep is None:
                        lastep, lastop = ep, CCHR
                        ep += 2
                        continue
                    lastop |= RNGE
                    numbers: list[int] = []
                    while True:
                        c = getc()
                        i = 0
                        while True:
                            if "0" <= c <= "9":
                                i = (10 * i + ord(c) - 48) & 0xFFFFFFFF
                                i = i - 2**32 if i >= 2**31 else i
                            else:
                                error(16)
                            c = getc()
                            if c in ("\\", ","):
                                break
                        if i >= 255:
                            error(11)
                        numbers.append(i & 0xFF)
                        ep += 1
                        if c == ",":
                            if len(numbers) > 1:
                                error(44)
                            c = getc()
                            if c == "\\":
                                numbers.append(255)
                                ep += 1
                                break
                            sp -= 1
                            continue
                        break
                    if getc() != "}":
                        error(45)
                    if len(numbers) == 1:
                        ep += 1
                    elif numbers[1] < numbers[0]:
                        error(46)
                elif c == "\n":
                    error(36)
                elif "1" <= c <= "9":
                    if ord(c) - 49 >= closed:
                        error(25)
                    lastop = 36
                    ep += 2
                else:
                    lastop = CCHR
                    ep += 2
            else:
                lastop = CCHR
                ep += 2


def _split_lines(text: str) -> list[str] | None:
    """rline over an -e style string: lines at '\\n', a backslash keeps the next character
    (with it); a backslash ending the text drops that last line."""
    lines, cur, i = [], [], 0
    while i < len(text):
        c = text[i]
        i += 1
        if c == "\n":
            lines.append("".join(cur))
            cur = []
            continue
        cur.append(c)
        if c == "\\":
            if i >= len(text):
                return lines or None
            cur.append(text[i])
            i += 1
    lines.append("".join(cur))
    return lines


@handles("OutputSed", "InputSed")
def sed_add_expr(cmd: Cmd, arg: str):
    key = f"sed:{cmd.cmd.name}"
    commands = cmd.context.values.get(key) or SedCommands()
    cmd.context.values[key] = commands
    try:
        commands.compile_string(arg)
    except SedError:
        cmd.context.values[key] = None
        return f"Failed to compile sed expression. {commands.error}"
    cmd.context.values.setdefault(cmd.cmd.name, []).append(arg)
    return None
