"""The scoreboard as mod_status will read it: slots, states, counters, generations."""
from __future__ import annotations

import time

from apachepy.mpm.scoreboard import Scoreboard
from tests.mpm.harness import Server, hold_worker, http_get, release, wait_for

CONF = """\
StartServers 2
ServerLimit 3
ThreadLimit 8
ThreadsPerChild 3
MaxRequestWorkers 9
MinSpareThreads 3
MaxSpareThreads 9
ScoreBoardFile run/scoreboard
KeepAliveTimeout 30
# client, request line and counts are kept only with ExtendedStatus (mod_status isn't loaded)
ExtendedStatus On
"""


def test_scoreboard_slots_states_and_counters():
    with Server(CONF) as s:
        s.start()
        kids = wait_for(lambda: s.children() if len(s.children()) == 2 else None)
        board = Scoreboard.attach(str(s.root / "run" / "scoreboard"))
        snap = wait_for(lambda: (lambda sn: sn if all(w.status == "_" for p in sn.processes if p.pid
                                                      for w in sn.workers[sn.processes.index(p)]) else None)
                        (board.snapshot()), what="idle workers")
        assert (snap.server_limit, snap.thread_limit, snap.threads_per_child) == (3, 8, 3)
        assert (snap.generation, snap.config_generation) == (0, 1)
        live = [p for p in snap.processes if p.pid]
        assert sorted(p.pid for p in live) == sorted(kids)
        assert all(p.generation == 0 and not p.quiescing and not p.not_accepting for p in live)
        assert snap.processes[2].pid == 0 and {w.status for w in snap.workers[2]} == {"."}

        # one request in flight, three idle keep-alive connections
        busy = hold_worker(s.port)
        idle = [http_get(s.port, "/")[3] for _ in range(3)]

        def busy_and_counted():
            sn = board.snapshot()
            writing = [w for ws in sn.workers for w in ws if w.status == "W"]
            ka = sum(p.keep_alive for p in sn.processes)
            conns = sum(p.connections for p in sn.processes)
            return (writing, sn) if len(writing) == 1 and ka == 3 and conns == 4 else None
        writing, snap = wait_for(busy_and_counted, 3, what="W worker and keep-alive counters")
        w = writing[0]
        assert w.client == "127.0.0.1" and w.pid in kids and w.generation == 0
        assert time.time() - 5 < w.start_time <= time.time()
        assert release(busy)[0] == 200
        served = wait_for(lambda: sum(w.access_count for ws in board.snapshot().workers for w in ws) >= 4
                          and board.snapshot(), what="access counts")
        assert sum(w.bytes_served for ws in served.workers for w in ws) > 0
        for sock in idle + [busy]:
            sock.close()

        # graceful restart: new generation, old children quiesce and leave their slots
        s.write_conf(CONF + "ServerName again.example\n")
        assert s.ctl("-k", "graceful").returncode == 0

        def new_generation():
            sn = board.snapshot()
            live = [p for p in sn.processes if p.pid]
            return sn if sn.generation == 1 and len(live) == 2 and all(p.generation == 1 for p in live) else None
        snap = wait_for(new_generation, 10, what="generation 1 children")
        assert snap.config_generation == 2
        assert not set(p.pid for p in snap.processes if p.pid) & set(kids)


def test_quiescing_child_shows_in_scoreboard():
    with Server(CONF) as s:
        s.start()
        board = Scoreboard.attach(str(s.root / "run" / "scoreboard"))
        busy = hold_worker(s.port)
        time.sleep(0.3)
        assert s.ctl("-k", "graceful").returncode == 0

        def old_one_quiescing():
            sn = board.snapshot()
            old = [(i, p) for i, p in enumerate(sn.processes) if p.pid and p.generation == 0]
            if len(old) == 1 and old[0][1].quiescing:
                return sn.workers[old[0][0]]
            return None
        workers = wait_for(old_one_quiescing, 3, what="a quiescing old child")
        assert {w.status for w in workers} == {"G"}          # busy or not, as httpd shows them
        assert release(busy)[0] == 200
        busy.close()
