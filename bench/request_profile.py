"""Where one request's CPU goes inside apachepy's HTTP layer, without sockets or the MPM.

The small_c50 shape of run.py (1 KiB index.html, mod_mime, mod_dir, mod_authz_core, the
combined access log, keep-alive) served in-process through tests/support/pure.py: raw request
bytes go into a Connection, PIPELINE requests per connection, and the CPU time per request is
measured (medians and minimum of SAMPLES runs of REQUESTS requests), then one run is profiled
with cProfile.  The MPM's share (listener, hand-off, socket calls) is not in these numbers.

    python3 bench/request_profile.py                 # both protocol engines when httptools is there
    python3 bench/request_profile.py --engine python --samples 12 --top 30
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import sys
import tempfile
import time

MAIN = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, MAIN)

MODS = "/usr/lib/apache2/modules"
HEAD = b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"     # what wrk sends


def conf(www: str) -> str:
    return f"""ServerName 127.0.0.1
LogLevel warn
LoadModule authz_core_module {MODS}/mod_authz_core.so
LoadModule mime_module {MODS}/mod_mime.so
LoadModule dir_module {MODS}/mod_dir.so
TypesConfig /etc/mime.types
KeepAlive On
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {www}>
    Options FollowSymLinks
    AllowOverride None
    Require all granted
</Directory>
DirectoryIndex index.html
LogFormat "%h %l %u %t \\"%r\\" %>s %O \\"%{{Referer}}i\\" \\"%{{User-Agent}}i\\"" combined
CustomLog @ROOT@/logs/access.log combined
"""


def serve(site, n: int, pipeline: int) -> bytes:
    from apachepy.http.api import Outcome
    from apachepy.http.connection import Connection
    from tests.support.pure import BufferIO
    io = None
    for _ in range(0, n, pipeline):
        c = Connection(site.site, ("127.0.0.1", site.port), ("127.0.0.1", 40000))
        io = BufferIO()
        c.feed(HEAD * pipeline)
        while c.ready():
            if c.process(io) is not Outcome.KEEPALIVE or not c.ready():
                break
    return bytes(io.out) if io else b""


def measure(engine: str, a) -> None:
    os.environ["APACHEPY_ENGINE"] = engine
    from tests.support.pure import PureSite
    www = tempfile.mkdtemp(prefix="ap-reqprof.")
    with open(os.path.join(www, "index.html"), "wb") as f:
        f.write(b"x" * 1023 + b"\n")
    past = time.time() - 3600               # a strong ETag, as on a real site
    os.utime(os.path.join(www, "index.html"), (past, past))
    with PureSite(conf(www), www) as site:
        out = serve(site, 100, a.pipeline)
        assert out.startswith(b"HTTP/1.1 200 OK\r\n"), out[:200]
        times = []
        for _ in range(a.samples):
            t = time.process_time()
            serve(site, a.requests, a.pipeline)
            times.append((time.process_time() - t) / a.requests * 1e6)
        collections = [0]
        gc_time = [0.0, 0.0]

        def on_gc(phase, info):
            if phase == "start":
                gc_time[1] = time.perf_counter()
            else:
                collections[0] += 1
                gc_time[0] += time.perf_counter() - gc_time[1]
        gc.callbacks.append(on_gc)
        serve(site, a.requests, a.pipeline)
        gc.callbacks.remove(on_gc)
        print(f"engine {engine}: {statistics.median(times):.1f} us per request (median of {a.samples}, "
              f"min {min(times):.1f}; {a.pipeline} pipelined requests per connection, in-process, no sockets); "
              f"cyclic GC {gc_time[0] / a.requests * 1e6:.1f} us per request ({collections[0]} collections)")
        if a.top:
            prof = cProfile.Profile()
            prof.enable()
            serve(site, a.requests, a.pipeline)
            prof.disable()
            st = pstats.Stats(prof)
            st.strip_dirs().sort_stats("tottime").print_stats(a.top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", choices=["python", "httptools", "both"], default="both")
    ap.add_argument("--samples", type=int, default=7)
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--pipeline", type=int, default=10)
    ap.add_argument("--top", type=int, default=20, help="cProfile rows by own time (0: none)")
    a = ap.parse_args()
    engines = ["python", "httptools"] if a.engine == "both" else [a.engine]
    if a.engine == "both":
        try:
            import httptools  # noqa: F401
        except ImportError:
            engines = ["python"]
    for e in engines:
        measure(e, a)


if __name__ == "__main__":
    main()
