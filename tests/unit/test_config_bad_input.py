"""Hostile or broken configuration files get httpd's error (or its verdict), never a traceback."""
from __future__ import annotations

import shutil

import pytest

from .config_cases import PRELUDE
from .test_config_messages import run_apache2, run_apachepy


def _binary() -> bytes:
    return bytes(range(256)) * 8 + b"\x7fELF\x02\x01\x01\x00tail\n"


BAD_INPUTS = {
    "binary": lambda root: _binary(),
    "truncated": lambda root: b"<VirtualHost *:80>\n<Directory /tmp>\nOptions",
    "deeply-nested-ifmodule": lambda root: b"<IfModule mpm_event_module>\n" * 300 + b"KeepAlive On\n",
    "deeply-nested-sections": lambda root: b"<Directory /tmp>\n" * 300 + b"</Directory>\n" * 300,
    "one-megabyte-line": lambda root: b"ServerAdmin " + b"a" * 1_000_000 + b"\n",
    "one-megabyte-line-error": lambda root: b"ServerAdmin " + b"a" * 1_000_000 + b" b\n",
    "includes-itself": lambda root: f"Include {root}/t.conf\n".encode(),
    "includes-missing": lambda root: f"Include {root}/missing.conf\n".encode(),
    "nul-in-line": lambda root: b'ServerAdmin "a b\x00c d"\n',
    "high-bytes": lambda root: b"Caf\xe9 x\n",
    "utf8-bom": lambda root: b"\xef\xbb\xbfKeepAlive On\n",
    "crlf-lines": lambda root: b"KeepAlive On\r\nTimeout 30\r\n<Directory /tmp>\r\n</Directory>\r\n",
    "trailing-backslash-at-eof": lambda root: b"KeepAlive On \\",
    "only-continuations": lambda root: b"\\\n\\\n\\\n",
    "unterminated-quote": lambda root: b'ServerAdmin "never closed\n',
    "lone-brackets": lambda root: b"<\n>\n</\n",
}


def _write(tmp_path, name) -> str:
    root = str(tmp_path)
    body = BAD_INPUTS[name](root)
    with open(f"{root}/t.conf", "wb") as f:
        f.write(PRELUDE.replace("ROOT", root).encode() + body)
    return root


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_no_traceback(tmp_path, name):
    got = run_apachepy(_write(tmp_path, name))
    assert "Traceback" not in got
    assert got.startswith(("exit: 0\n", "exit: 1\n"))


@pytest.mark.skipif(shutil.which("apache2") is None, reason="Debian's apache2 is not installed")
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_same_verdict_as_apache2(tmp_path, name):
    root = _write(tmp_path, name)
    assert run_apachepy(root) == run_apache2(root)
