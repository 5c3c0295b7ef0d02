"""Run a case of ../shared/corpus the way its regen.sh runs Apache, with any binary."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("APACHEPY_CORPUS", REPO.parent / "shared" / "corpus"))

TIME_RE = re.compile(r"\[(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                     r"[ 0-9]\d \d\d:\d\d:\d\d(\.\d+)? \d{4}\]")
PIDTID_RE = re.compile(r"\[pid \d+(:tid \d+)?\]")
PID_RE = re.compile(r"\bpid \d+")
COMMANDS = {
    "verdict": ["-t"],
    "dump_config": ["-t", "-D", "DUMP_CONFIG"],
    "dump_vhosts": ["-S"],
    "dump_includes": ["-t", "-D", "DUMP_INCLUDES"],
}


def cases() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(d.name for d in CORPUS.iterdir() if (d / "meta.json").is_file())


def normalise(text: str, root: str) -> str:
    text = text.replace(root, "@ROOT@")
    text = TIME_RE.sub("[@TIME@]", text)
    text = PIDTID_RE.sub(lambda m: "[pid @PID@:tid @TID@]" if m.group(1) else "[pid @PID@]", text)
    text = PID_RE.sub("pid @PID@", text)
    return text


def sort_mutex_block(text: str) -> str:
    out, run = [], []
    for ln in text.split("\n"):
        if ln.startswith("Mutex "):
            run.append(ln)
            continue
        out.extend(sorted(run))
        run = []
        out.append(ln)
    out.extend(sorted(run))
    return "\n".join(out)


def apachepy_launcher(directory: str) -> str:
    """An executable named apache2 that runs apachepy, so messages say `apache2:` as the goldens do."""
    path = os.path.join(directory, "apache2")
    with open(path, "w") as f:
        f.write(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(REPO)!r})\n"
                "from apachepy.cli.main import main\nsys.exit(main())\n")
    os.chmod(path, 0o755)
    return path


class Case:
    """A temporary copy of one corpus case, laid out as regen.sh lays it out."""

    def __init__(self, name: str):
        self.name = name
        self.dir = CORPUS / name
        self.meta = json.loads((self.dir / "meta.json").read_text())
        self.root = tempfile.mkdtemp(prefix="apcorpus.")
        T = self.root
        shutil.copytree(self.dir / "conf", os.path.join(T, "conf"), symlinks=True)
        for dp, _, fns in os.walk(os.path.join(T, "conf")):
            for fn in fns:
                p = os.path.join(dp, fn)
                if os.path.islink(p) or not os.path.isfile(p):
                    continue
                os.chmod(p, 0o644)
                data = open(p, "rb").read()
                if b"@ROOT@" in data:
                    open(p, "wb").write(data.replace(b"@ROOT@", T.encode()))
        for dp, dns, _ in os.walk(os.path.join(T, "conf")):
            for dn in dns:
                os.chmod(os.path.join(dp, dn), 0o755)
        for d in ("run", "logs", "lock", "htdocs"):
            os.makedirs(os.path.join(T, d), exist_ok=True)
        for r in self.meta.get("requires", []):
            r = r.replace("@ROOT@/", "").replace("@ROOT@", "")
            p = os.path.join(T, r)
            if r.endswith("/"):
                os.makedirs(p, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(p), exist_ok=True)
                if not os.path.exists(p):
                    open(p, "w").close()
        for rel, target in self.meta.get("links", {}).items():
            p = os.path.join(T, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            if not os.path.lexists(p):
                os.symlink(target.replace("@ROOT@", T), p)
        self.env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"}
        for k, v in self.meta.get("env", {}).items():
            self.env[k] = v.replace("@ROOT@", T)
        self.server_root = os.path.normpath(os.path.join(T, self.meta.get("server_root", "conf")))
        self.main = os.path.normpath(os.path.join(T, self.meta["main"]))
        self.args = [a.replace("@ROOT@", T) for a in self.meta.get("args", [])]

    def run(self, binary: str, key: str, timeout: float = 60) -> str:
        """The output regen.sh keeps for `key`, normalised."""
        argv = [binary, "-d", self.server_root, "-f", self.main] + self.args + COMMANDS[key]
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=self.env,
                           cwd=self.root, timeout=timeout)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        if key == "verdict":
            text = f"exit: {p.returncode}\n{err}"
        else:
            text = out
        text = normalise(text, self.root)
        if key == "dump_vhosts":
            text = sort_mutex_block(text)
        return text

    def golden(self, key: str) -> str:
        return (self.dir / "expected" / f"{key}.txt").read_text(encoding="utf-8", errors="replace")

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
