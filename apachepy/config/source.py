"""Config files as sequences of logical lines, via the Lark grammar in grammar/httpd.lark."""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from lark import Lark

MAX_LINE = 16 * 1024 * 1024       # VARBUF_MAX_LEN: server config files
MAX_LINE_HTACCESS = 8192          # HUGE_STRING_LEN: .htaccess files
_CONT = re.compile(r"\\\r?\n")


def _grammar_text() -> str:
    """The grammar ships inside the wheel as apachepy/grammar/httpd.lark (force-include);
    an editable install or a source checkout reads it from the repository's grammar/.
    (Plain paths rather than importlib.resources: importing that costs more than `-t` allows.)"""
    here = Path(__file__).resolve().parents[1]          # the apachepy package
    for candidate in (here / "grammar" / "httpd.lark", here.parent / "grammar" / "httpd.lark"):
        if candidate.is_file():
            return candidate.read_text()
    raise FileNotFoundError("grammar/httpd.lark is missing from the installation")


@functools.cache
def parser() -> Lark:
    # cache=True keeps the compiled LALR tables in a temp file between runs
    return Lark(_grammar_text(), parser="lalr", lexer="basic", cache=True)


class LineSource:
    """Logical lines of one config file with httpd's line numbering.

    `line` is the number of the last physical line of the logical line most recently read,
    which is what httpd records for a directive and reports in errors.
    """

    def __init__(self, name: str, text: str, max_len: int = MAX_LINE):
        # a stack of frames [name, items, index, line]; mod_macro's Use pushes one
        self._frames: list[list] = [[name, self._logical_lines(text, max_len), 0, 0]]

    @property
    def name(self) -> str:
        return self._frames[-1][0]

    @property
    def line(self) -> int:
        return self._frames[-1][3]

    @staticmethod
    def _logical_lines(text: str, max_len: int) -> list[tuple[str | None, int]]:
        out: list[tuple[str | None, int]] = []
        last = 0
        for tok in parser().parse(text).children:
            s = str(tok)
            for n in range(last + 1, tok.line):
                out.append(("", n))   # empty lines count: mod_macro numbers its body by them
            # the line httpd reports is the last physical line of the logical line
            end = tok.line + s.count("\n") - (1 if s.endswith("\n") else 0)
            last = end
            if "\\" in s:
                s = _CONT.sub("", s)
            if "\x00" in s:
                s = s[:s.index("\x00")]   # httpd's lines are C strings: a NUL ends the line
            s = s.strip(" \t\n\r\f\v")
            if len(s) >= max_len:
                out.append((None, end))  # "Line too long" when reached
                break
            out.append((s, end))
        return out

    def push(self, name: str, lines: list[str]) -> None:
        """Read `lines` (numbered from 1) next, under `name`, then carry on (mod_macro's Use)."""
        self._frames.append([name, [(s, i + 1) for i, s in enumerate(lines)], 0, 0])

    def next_raw(self) -> str | None:
        """The next trimmed logical line, empty ones included; None at the end."""
        while True:
            fr = self._frames[-1]
            if fr[2] < len(fr[1]):
                s, line = fr[1][fr[2]]
                fr[2] += 1
                fr[3] = line
                if s is None:
                    raise LineTooLong(fr[0], line)
                return s
            if len(self._frames) == 1:
                return None
            self._frames.pop()

    def next(self) -> str | None:
        """The next non-empty trimmed logical line, or None at the end of the file."""
        while (s := self.next_raw()) is not None:
            if s:
                return s
        return None

    @classmethod
    def open(cls, path: str, max_len: int = MAX_LINE) -> "LineSource":
        """Open a config file as httpd does: only regular files (or /dev/null)."""
        st = os.stat(path)  # OSError propagates: the caller words the message
        import stat as _stat
        if not _stat.S_ISREG(st.st_mode) and path != "/dev/null":
            raise NotRegular(path)
        with open(path, "rb") as f:
            data = f.read()
        # latin-1 maps every byte to one character, so any file reads and round-trips
        return cls(path, data.decode("latin-1"), max_len)


class LineTooLong(Exception):
    def __init__(self, name: str, line: int):
        super().__init__(f"Error reading {name} at line {line}: Line too long")


class NotRegular(Exception):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path
