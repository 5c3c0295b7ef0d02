"""`-S` for generated virtual-host layouts (IP-based, name-based, wildcard and default ports,
IPv6, names that resolve or not) is the same as the installed apache2's."""
from __future__ import annotations

import os
import random
import shutil
import subprocess

import pytest

from .corpus import apachepy_launcher, normalise, sort_mutex_block

pytestmark = pytest.mark.skipif(shutil.which("apache2") is None, reason="Debian's apache2 is not installed")

ADDRS = ["*:80", "*:8080", "127.0.0.1:80", "127.0.0.2:80", "127.0.0.1:8080", "[::1]:80", "_default_:80", "*",
         "127.0.0.1", "*:*", "127.0.0.1:*", "[::1]", "localhost:80", "0.0.0.0:80", "[::]:80", "10.0.0.1:443"]
NAMES = ["a.example", "b.example", "c.example", None]


def layout(seed: int) -> str:
    r = random.Random(seed)
    lines = ["LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so",
             "ServerName main.example" if r.random() < 0.7 else "", "Listen 127.0.0.1:18081"]
    for _ in range(r.randint(1, 6)):
        lines.append(f"<VirtualHost {' '.join(r.sample(ADDRS, r.randint(1, 2)))}>")
        name = r.choice(NAMES)
        if name:
            lines.append(f"ServerName {name}" + (":8443" if r.random() < 0.2 else ""))
        if r.random() < 0.4:
            lines.append("ServerAlias www.x.example *.y.example")
        lines.append("</VirtualHost>")
    return "\n".join(lines) + "\n"


def _run(binary: str, root: str) -> str:
    p = subprocess.run([binary, "-d", root, "-f", f"{root}/t.conf", "-S"], capture_output=True, text=True,
                       env={"PATH": os.environ["PATH"], "LANG": "C"}, timeout=30)
    return sort_mutex_block(normalise(f"exit {p.returncode}\n{p.stdout}\n--- stderr\n{p.stderr}", root))


@pytest.mark.parametrize("seed", range(40))
def test_vhost_dump_matches_apache2(tmp_path, seed):
    root = str(tmp_path)
    os.makedirs(f"{root}/logs")
    with open(f"{root}/t.conf", "w") as f:
        f.write(layout(seed))
    launcher = apachepy_launcher(str(tmp_path))
    assert _run(launcher, root) == _run("apache2", root)
