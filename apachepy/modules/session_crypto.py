"""mod_session_crypto: session encryption settings, checked as httpd does.

Stored per server (config-wide for the driver, as it is GLOBAL_ONLY): config.values
"SessionCryptoDriver" ((library, parameter text)).
Stored per directory (context.values): "SessionCryptoPassphrase" (list; an "exec:" entry is
kept as ("exec", argv) with argv[0] made absolute: httpd runs it while reading the
configuration to get the passphrase, apachepy leaves that to the serving code),
"SessionCryptoCipher" (str).
"""
from __future__ import annotations

import os

from ..config.args import getword
from ..config.walk import GLOBAL_ONLY, Cmd
from .base import handles


@handles("SessionCryptoDriver")
def driver(cmd: Cmd, arg: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    library, pos = getword(arg)
    cmd.config.values["SessionCryptoDriver"] = (library, arg[pos:])
    return None


def _tokenize(text: str) -> list[str]:
    """apr_tokenize_to_argv: words split on white space, quotes grouping, backslash escaping."""
    out, cur, quote, have = [], [], "", False
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur.append(text[i + 1])
            have = True
            i += 2
            continue
        if quote:
            if c == quote:
                quote = ""
            else:
                cur.append(c)
        elif c in "\"'":
            quote, have = c, True
        elif c in " \t\n\v\f\r":
            if have:
                out.append("".join(cur))
                cur, have = [], False
        else:
            cur.append(c)
            have = True
        i += 1
    if have:
        out.append("".join(cur))
    return out


def add_passphrase(cmd: Cmd, arg: str) -> None:
    phrases = cmd.context.values.setdefault("SessionCryptoPassphrase", [])
    if len(arg) > 5 and arg.startswith("exec:"):
        argv = _tokenize(arg[5:]) or [""]
        argv[0] = cmd.reader.server_root_relative(argv[0])
        phrases.append(("exec", argv))
    else:
        phrases.append(arg)


@handles("SessionCryptoPassphrase")
def passphrase(cmd: Cmd, arg: str):
    add_passphrase(cmd, arg)
    return None


@handles("SessionCryptoPassphraseFile")
def passphrase_file(cmd: Cmd, filename: str):
    from ..config.source import LineSource, LineTooLong, NotRegular
    path = cmd.reader.server_root_relative(filename)
    try:
        src = LineSource.open(path, 8192)
    except NotRegular:
        cmd.reader.log.log("core", "error", f"AH00554: Access to file {path} denied by server: not a regular file")
        return f"{cmd.cmd.name}: Could not open file {path}: Bad file descriptor"
    except OSError as e:
        return f"{cmd.cmd.name}: Could not open file {path}: {os.strerror(e.errno or 5)}"
    while True:
        try:
            line = src.next_raw()
        except LineTooLong:
            break
        if line is None:
            break
        pos = 0
        while True:
            word, pos = getword(line, pos)
            if not word or word.startswith("#"):
                break
            add_passphrase(cmd, word)
    return None


@handles("SessionCryptoCipher")
def cipher(cmd: Cmd, arg: str):
    cmd.context.values["SessionCryptoCipher"] = arg
    return None
