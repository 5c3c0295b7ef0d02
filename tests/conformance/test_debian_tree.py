"""Debian's own /etc/apache2 tree with every module, conf and site enabled: apachepy's verdict and
dumps equal those of the installed apache2 (skipped where Debian's apache2 is not installed)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from .corpus import apachepy_launcher, normalise, sort_mutex_block

pytestmark = pytest.mark.skipif(shutil.which("apache2") is None or not os.path.isdir("/etc/apache2/mods-available"),
                                reason="Debian's apache2 is not installed")

# modules that cannot be loaded together with the event MPM
CONFLICTS = ("mpm_prefork", "mpm_worker", "cgid", "php")
COMMANDS = [["-t"], ["-S"], ["-t", "-D", "DUMP_CONFIG"], ["-t", "-D", "DUMP_INCLUDES"], ["-M"]]


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("debian") / "apache2")
    shutil.copytree("/etc/apache2", root, symlinks=True)
    for d in ("run", "lock", "logs"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    for kind, sub in (("mods", ".load"), ("mods", ".conf"), ("conf", ".conf"), ("sites", ".conf")):
        for name in sorted(os.listdir(os.path.join(root, f"{kind}-available"))):
            if not name.endswith(sub) or name.startswith(CONFLICTS):
                continue
            link = os.path.join(root, f"{kind}-enabled", name)
            if not os.path.lexists(link):
                os.symlink(f"../{kind}-available/{name}", link)
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C",
           "APACHE_RUN_USER": "www-data", "APACHE_RUN_GROUP": "www-data",
           "APACHE_PID_FILE": f"{root}/run/apache2.pid", "APACHE_RUN_DIR": f"{root}/run",
           "APACHE_LOCK_DIR": f"{root}/lock", "APACHE_LOG_DIR": f"{root}/logs"}
    return root, env


def _run(binary, root, env, args) -> str:
    p = subprocess.run([binary, "-d", root, "-f", "apache2.conf"] + args, capture_output=True, env=env, timeout=60)
    text = f"exit: {p.returncode}\n--- stdout\n{p.stdout.decode('latin-1')}--- stderr\n{p.stderr.decode('latin-1')}"
    return sort_mutex_block(normalise(text, root))


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_same_as_apache2(tree, tmp_path, args):
    root, env = tree
    launcher = apachepy_launcher(str(tmp_path))
    assert _run(launcher, root, env, args) == _run("apache2", root, env, args)
