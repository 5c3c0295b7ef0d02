"""Config files as sequences of logical lines, via the Lark grammar in grammar/httpd.lark."""
from __future__ import annotations

import functools
import marshal
import os
import re
import zlib

MAX_LINE = 16 * 1024 * 1024       # VARBUF_MAX_LEN: server config files
MAX_LINE_HTACCESS = 8192          # HUGE_STRING_LEN: .htaccess files
_CONT = re.compile(r"\\\r?\n")


@functools.cache
def _grammar_text() -> str:
    """The grammar ships inside the wheel as apachepy/grammar/httpd.lark (force-include);
    an editable install or a source checkout reads it from the repository's grammar/.
    (Plain paths rather than importlib.resources: importing that costs more than `-t` allows.)"""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))     # the apachepy package
    for candidate in (os.path.join(here, "grammar", "httpd.lark"),
                      os.path.join(os.path.dirname(here), "grammar", "httpd.lark")):
        if os.path.isfile(candidate):
            with open(candidate, encoding="utf-8") as f:
                return f.read()
    raise FileNotFoundError("grammar/httpd.lark is missing from the installation")


@functools.cache
def cache_dir() -> str | None:
    """apachepy's cache directory, or None when there is no safe one.

    $APACHEPY_CACHE_DIR, else $XDG_CACHE_HOME/apachepy, else ~/.cache/apachepy; an empty
    APACHEPY_CACHE_DIR turns caching off.  The directory must belong to this user and be
    writable by nobody else: what is read back from it decides how a configuration is read,
    so a shared temp directory would let another user change what root's server serves.
    """
    d = os.environ.get("APACHEPY_CACHE_DIR")
    if d is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        d = os.path.join(base, "apachepy")
    if not d:
        return None
    try:
        os.makedirs(d, mode=0o700, exist_ok=True)
        st = os.stat(d)
    except OSError:
        return None
    if st.st_uid != os.geteuid() or st.st_mode & 0o022:
        return None
    return d


@functools.cache
def parser():
    from lark import Lark       # imported only when a file is not in the parse cache
    d = cache_dir()
    # the compiled LALR tables are kept in the private cache directory between runs
    return Lark(_grammar_text(), parser="lalr", lexer="basic",
                cache=os.path.join(d, "httpd-lalr.cache") if d else False)


def _parse(text: str, max_len: int) -> list[tuple[str | None, int]]:
    """Logical lines of `text` as the grammar splits them: (trimmed text, last physical line).
    An empty line counts (mod_macro numbers its body by them); None marks a line too long."""
    out: list[tuple[str | None, int]] = []
    last = 0
    for tok in parser().parse(text).children:
        s = str(tok)
        for n in range(last + 1, tok.line):
            out.append(("", n))
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


_CACHE_FORMAT = 1
_CACHE_MAX_ENTRIES = 4096


def _prune(d: str) -> None:
    """Keep the cache bounded (every config file ever read gets an entry): past the limit,
    drop the least recently written half.  Runs on misses only."""
    try:
        names = [n for n in os.listdir(d) if n.startswith("lines-")]
        if len(names) < _CACHE_MAX_ENTRIES:
            return
        aged = sorted(names, key=lambda n: os.stat(os.path.join(d, n)).st_mtime)
        for n in aged[:len(aged) // 2]:
            os.unlink(os.path.join(d, n))
    except OSError:
        pass


def _cached_parse(path: str, text: str, max_len: int) -> list[tuple[str | None, int]]:
    """`_parse` through a per-file cache, like Python's .pyc files: an entry is used only
    when the file's whole text, the grammar and the line limit all equal what produced it,
    so a hit returns exactly what the grammar would; re-reading an unchanged file then
    costs no parsing (and `-t` need not even import Lark)."""
    d = cache_dir()
    if d is None:
        return _parse(text, max_len)
    entry = os.path.join(d, "lines-%08x.bin" % zlib.crc32(path.encode("utf-8", "surrogateescape")))
    key = (_CACHE_FORMAT, path, _grammar_text(), max_len)
    try:
        with open(entry, "rb") as f:
            stored_key, stored_text, lines = marshal.loads(f.read())
        if stored_key == key and stored_text == text:
            return lines
    except (OSError, ValueError, EOFError, TypeError):
        pass
    lines = _parse(text, max_len)
    _prune(d)
    tmp = f"{entry}.{os.getpid()}"
    try:
        with open(tmp, "wb") as f:
            f.write(marshal.dumps((key, text, lines)))
        os.replace(tmp, entry)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return lines


class LineSource:
    """Logical lines of one config file with httpd's line numbering.

    `line` is the number of the last physical line of the logical line most recently read,
    which is what httpd records for a directive and reports in errors.
    """

    def __init__(self, name: str, text: str, max_len: int = MAX_LINE, cache: bool = False):
        # a stack of frames [name, items, index, line]; mod_macro's Use pushes one
        lines = _cached_parse(name, text, max_len) if cache else _parse(text, max_len)
        self._frames: list[list] = [[name, lines, 0, 0]]

    @property
    def name(self) -> str:
        return self._frames[-1][0]

    @property
    def line(self) -> int:
        return self._frames[-1][3]

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
    def open(cls, path: str, max_len: int = MAX_LINE, cache: bool = False) -> "LineSource":
        """Open a config file as httpd does: only regular files (or /dev/null).  `cache` uses
        the parse cache (server config files, read by the user who starts the server)."""
        st = os.stat(path)  # OSError propagates: the caller words the message
        import stat as _stat
        if not _stat.S_ISREG(st.st_mode) and path != "/dev/null":
            raise NotRegular(path)
        with open(path, "rb") as f:
            data = f.read()
        # latin-1 maps every byte to one character, so any file reads and round-trips
        return cls(path, data.decode("latin-1"), max_len, cache)


class LineTooLong(Exception):
    def __init__(self, name: str, line: int):
        super().__init__(f"Error reading {name} at line {line}: Line too long")


class NotRegular(Exception):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path
