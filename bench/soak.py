#!/usr/bin/env python3
"""The memory soak (issue 7): a million keep-alive requests, and apachepy's memory stays flat.

  python3 bench/soak.py [--requests 1000000] [--round 10] [--connections 50] [--json FILE]

Starts apachepy (`-DFOREGROUND`, StartServers 2 with the default 25 threads each, so the MPM
adds children as httpd would to reach MinSpareThreads; combined access log) on a loopback port with a 1 KiB index.html, then runs wrk rounds (`-t1 -c50 -d10s`) until the
requests are done (at most 60 rounds).  After each round it samples the server's process tree
from /proc: RSS summed over the processes, and PSS (pages shared between the forked children
counted once).  The warm-up is the first two rounds; the verdict is PASS when the PSS after the
last round is within 10 % of the PSS after round 2 and wrk saw no error and no non-2xx answer.
Prints one line per round, then the summary with the machine's load average; exit status 0 on
PASS.  tests/reliability/test_soak.py (marked slow) runs the same function.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import proctree                                       # noqa: E402
from benchenv import MAIN, apachepy_cmd, machine, python_env   # noqa: E402

GROWTH = 1.10          # the bar: no growth beyond 10 % after warm-up
WARM_ROUNDS = 2
MAX_ROUNDS = 60
CONF = """\
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
ServerName localhost
Listen 127.0.0.1:{port}
{user}PidFile {root}/logs/httpd.pid
ErrorLog {root}/logs/error_log
StartServers 2
DocumentRoot "{root}/www"
<Directory "{root}/www">
    Require all granted
</Directory>
LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{{Referer}}i\\" \\"%{{User-Agent}}i\\"" combined
CustomLog {root}/logs/access_log combined
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk_round(port: int, seconds: int, connections: int) -> dict:
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                          f"http://127.0.0.1:{port}/index.html"],
                         capture_output=True, text=True, timeout=seconds + 60).stdout
    m = re.search(r"(\d+) requests in", out)
    if not m:
        raise RuntimeError(f"wrk printed no request count:\n{out}")
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"requests": int(m.group(1)), "errors": errors, "non2xx": int(non2xx.group(1)) if non2xx else 0}


def soak(total: int = 1_000_000, seconds: int = 10, connections: int = 50, report=print) -> dict:
    """Run the soak; returns the samples and the verdict (`passed`)."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed")
    root = tempfile.mkdtemp(prefix="apachepy-soak.")
    os.chmod(root, 0o755)
    for d in ("www", "logs"):
        os.mkdir(os.path.join(root, d))
        os.chmod(os.path.join(root, d), 0o755)
    with open(os.path.join(root, "www", "index.html"), "w") as f:
        f.write("x" * 1024)
    os.chmod(os.path.join(root, "www", "index.html"), 0o644)
    port = free_port()
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    with open(os.path.join(root, "httpd.conf"), "w") as f:
        f.write(CONF.format(port=port, root=root, user=user))
    out = open(os.path.join(root, "out.log"), "w")
    proc = subprocess.Popen(apachepy_cmd() + ["-d", root, "-f", "httpd.conf", "-DFOREGROUND"],
                            cwd=MAIN, env=python_env(), stdout=out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    result = {"machine": machine(), "load_before": os.getloadavg(), "rounds": []}
    t0 = time.monotonic()
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("apachepy did not start: " + open(os.path.join(root, "out.log")).read()[-500:])
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        done = 0
        while done < total and len(result["rounds"]) < MAX_ROUNDS:
            r = wrk_round(port, seconds, connections)
            done += r["requests"]
            r["rss_kb"], r["pss_kb"], r["procs"], _threads = proctree.memory_kb(proc.pid)
            r["done"] = done
            result["rounds"].append(r)
            report(f"round {len(result['rounds']):2}: {done:>9,} requests  RSS {r['rss_kb'] / 1024:6.1f} MiB  "
                   f"PSS {r['pss_kb'] / 1024:6.1f} MiB  errors {r['errors']}  non-2xx {r['non2xx']}  "
                   f"processes {r['procs']}")
    finally:
        try:
            os.kill(proc.pid, signal.SIGTERM)     # the master stops its children
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)   # the session started above
            proc.wait(5)
        except ProcessLookupError:
            pass
        out.close()
        shutil.rmtree(root, ignore_errors=True)
    rounds = result["rounds"]
    warm, last = rounds[min(WARM_ROUNDS, len(rounds)) - 1], rounds[-1]
    result.update(seconds=round(time.monotonic() - t0, 1), load_after=os.getloadavg(), requests=done,
                  warm=warm, last=last, growth=last["pss_kb"] / warm["pss_kb"] - 1,
                  errors=sum(r["errors"] + r["non2xx"] for r in rounds))
    result["passed"] = (done >= total and last["pss_kb"] <= warm["pss_kb"] * GROWTH and result["errors"] == 0)
    report(f"after warm-up (round {rounds.index(warm) + 1}): RSS {warm['rss_kb'] / 1024:.1f} MiB, "
           f"PSS {warm['pss_kb'] / 1024:.1f} MiB")
    report(f"at the end ({done:,} requests): RSS {last['rss_kb'] / 1024:.1f} MiB, PSS {last['pss_kb'] / 1024:.1f} MiB "
           f"({result['growth']:+.1%} PSS)")
    report(f"{result['seconds']} s; load average {' '.join(f'{x:.2f}' for x in result['load_before'])} before, "
           f"{' '.join(f'{x:.2f}' for x in result['load_after'])} after; {result['machine']}")
    why = [] if result["passed"] else [
        *(["fewer requests than asked"] if done < total else []),
        *([f"PSS grew more than {GROWTH - 1:.0%}"] if last["pss_kb"] > warm["pss_kb"] * GROWTH else []),
        *([f"{result['errors']} wrk errors or non-2xx answers"] if result["errors"] else [])]
    report("verdict: " + ("PASS" if result["passed"] else "FAIL (" + "; ".join(why) + ")"))
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=1_000_000)
    ap.add_argument("--round", type=int, default=10, help="seconds per wrk round")
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--json", help="also write the result here")
    a = ap.parse_args()
    result = soak(a.requests, a.round, a.connections)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
