"""Split a directive's arguments by its kind and check the count, as httpd's invoke_cmd does."""
from __future__ import annotations

import re

from .args import getword
from .registry import How, Directive

MAX_ARGC = 64  # AP_MAX_ARGC for TAKE_ARGV


class ArgError(Exception):
    pass


def _with_help(d: Directive, text: str) -> str:
    return f"{d.name} {text}, {d.help}" if d.help else f"{d.name} {text}"


_C_SPACE = " \t\n\r\f\v"                    # C isspace(), not str.split()'s Unicode spaces
_WS_SPLIT = re.compile(r"[ \t\n\r\f\v]+")


def _plain(how: How, w: list[str]) -> list | None:
    """split_args for text without quotes or backslashes, where ap_getword_conf's words are
    the runs of non-space; None when the count is wrong (the general path words the error)."""
    n = len(w)
    if how is How.TAKE1:
        return w if n == 1 else None
    if how is How.ITERATE:
        return w if n >= 1 else None
    if how is How.TAKE2:
        return w if n == 2 else None
    if how is How.FLAG:
        lw = w[0].lower() if w else ""
        return [True] if lw == "on" else [False] if lw == "off" else None
    if how is How.TAKE12:
        return [w[0], w[1] if n == 2 else None] if n in (1, 2) else None
    if how is How.ITERATE2:
        return w if n >= 2 else None
    if how is How.TAKE3:
        return w if n == 3 else None
    if how is How.TAKE23:
        return [w[0], w[1], w[2] if n == 3 else None] if n in (2, 3) else None
    if how is How.TAKE123:
        return (w + [None, None])[:3] if 1 <= n <= 3 else None
    if how is How.TAKE13:
        return (w + [None, None])[:3] if n in (1, 3) else None
    if how is How.TAKE_ARGV:
        return w[:MAX_ARGC]
    return None


def split_args(d: Directive, args: str) -> list | None:
    """Return the handler's argument list (None stands for an absent optional word).

    ITERATE and ITERATE2 return all words; the caller calls the handler per word.
    Raises ArgError with httpd's message when the count is wrong.
    """
    how = d.how
    if how is How.RAW_ARGS:
        return [args]
    if '"' not in args and "'" not in args and "\\" not in args and how is not How.NO_ARGS:
        fast = _plain(how, _WS_SPLIT.split(args.strip(_C_SPACE)) if args else [])
        if fast is not None:
            return fast
    if how is How.TAKE_ARGV:
        argv = []
        pos, n = 0, len(args)
        while True:
            w, pos = getword(args, pos)
            if w == "" and pos >= n:
                break
            argv.append(w)
            if len(argv) >= MAX_ARGC or pos >= n:
                break
        return argv
    if how is How.NO_ARGS:
        if args:
            raise ArgError(f"{d.name} takes no arguments")
        return []
    if how is How.FLAG:
        w, _ = getword(args)
        lw = w.lower()
        if lw == "on":
            return [True]
        if lw == "off":
            return [False]
        raise ArgError(f"{d.name} must be On or Off")

    n = len(args)
    w, pos = getword(args)
    if how is How.TAKE1:
        if not w or pos < n:
            raise ArgError(_with_help(d, "takes one argument"))
        return [w]
    if how is How.TAKE2:
        w2, pos = getword(args, pos)
        if not w or not w2 or pos < n:
            raise ArgError(_with_help(d, "takes two arguments"))
        return [w, w2]
    if how is How.TAKE12:
        w2, pos = getword(args, pos)
        if not w or pos < n:
            raise ArgError(_with_help(d, "takes 1-2 arguments"))
        return [w, w2 or None]
    if how is How.TAKE3:
        w2, pos = getword(args, pos)
        w3, pos = getword(args, pos)
        if not w or not w2 or not w3 or pos < n:
            raise ArgError(_with_help(d, "takes three arguments"))
        return [w, w2, w3]
    if how is How.TAKE23:
        w2, pos = getword(args, pos)
        w3 = None
        if pos < n:
            w3, pos = getword(args, pos)
        if not w or not w2 or pos < n:
            raise ArgError(_with_help(d, "takes two or three arguments"))
        return [w, w2, w3]
    if how in (How.TAKE123, How.TAKE13):
        w2 = w3 = None
        if pos < n:
            w2, pos = getword(args, pos)
        if pos < n:
            w3, pos = getword(args, pos)
        if how is How.TAKE123:
            if not w or pos < n:
                raise ArgError(_with_help(d, "takes one, two or three arguments"))
        elif not w or (w2 and w3 is None) or pos < n:
            raise ArgError(_with_help(d, "takes one or three arguments"))
        return [w, w2, w3]
    if how is How.ITERATE:
        if not w:
            raise ArgError(_with_help(d, "requires at least one argument"))
        out = [w]
        while pos < n:
            w, pos = getword(args, pos)
            if not w:
                break
            out.append(w)
        return out
    if how is How.ITERATE2:
        if not w or pos >= n:
            raise ArgError(_with_help(d, "requires at least two arguments"))
        out = [w]
        while pos < n:
            w, pos = getword(args, pos)
            if not w:
                break
            out.append(w)
        return out
    raise AssertionError(how)
