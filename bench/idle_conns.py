#!/usr/bin/env python3
# Adapted from the team's shared bench scripts (/work/shared/bench/idle_conns.py).
"""The keep-alive problem: hold N idle connections open against a server and
watch whether a separate client still gets answers, and how fast.

  bench/idle_conns.py --port 8080 --pid 1234 --label apache -n 1000,5000,10000
                      [--mode request|none] [--hold 20] [--probe-rate 20]

For each N, in turn:
  1. baseline: server memory, open sockets, latency of fresh-connection probes;
  2. open N connections (at most --window connecting at once); with
     --mode request each sends one GET and reads the answer, so the connection
     is idle *in keep-alive*; with --mode none it sends nothing (idle before the
     first request: what slowloris does);
  3. hold them for --hold seconds while a probe thread opens a fresh connection
     --probe-rate times a second, sends one GET and times the full answer;
     an EOF/RST on an idle connection counts as closed by the server;
  4. at the end: which idle connections still answer a second GET (a sample),
     server RSS/PSS summed over its processes (/proc), sockets the server holds,
     the kernel's accept backlog; then everything is closed.
One JSON line per N on stdout.  Keep the server's keep-alive timeout above
--hold (KeepAliveTimeout 60), or you measure the timeout, not the design.
"""
import argparse, json, os, resource, select, socket, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import proctree


def pct(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(len(xs) * p / 100))], 2)


def response_done(buf):
    """True once buf holds a whole response (Content-Length framed)."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return False
    head = buf[:end].lower()
    i = head.find(b"content-length:")
    if i < 0:
        return True
    n = int(head[i + 15:].split(b"\r\n", 1)[0])
    return len(buf) - end - 4 >= n


def says_close(buf):
    return b"connection: close" in buf[:buf.find(b"\r\n\r\n")].lower()


class Probe(threading.Thread):
    """Fresh connection, one GET, full answer: latency in ms, or a failure."""

    def __init__(self, host, port, req, rate, timeout=5.0):
        super().__init__(daemon=True)
        self.addr, self.req, self.gap, self.timeout = (host, port), req, 1.0 / rate, timeout
        self.lat, self.fail, self.stop = [], 0, threading.Event()

    def once(self):
        t0 = time.monotonic()
        try:
            with socket.create_connection(self.addr, timeout=self.timeout) as s:
                s.sendall(self.req)
                buf = b""
                while not response_done(buf):
                    d = s.recv(65536)
                    if not d:
                        raise ConnectionError("EOF")
                    buf += d
            self.lat.append((time.monotonic() - t0) * 1000)
        except OSError:
            self.fail += 1

    def run(self):
        while not self.stop.is_set():
            t0 = time.monotonic()
            self.once()
            self.stop.wait(max(0.0, self.gap - (time.monotonic() - t0)))


def open_conns(a, n, req, ep):
    """Open n connections; returns (idle sockets, unanswered sockets, stats)."""
    socks, st, t0, buf = {}, {}, {}, {}
    idle, unanswered = [], []
    stats = dict(connect_failed=0, connect_timeout=0, closed_on_first=0, said_close=0)
    i = inflight = 0
    start = time.monotonic()
    while i < n or inflight:
        now = time.monotonic()
        stuck = stats["connect_timeout"] + len(unanswered)
        while (i < n and inflight < a.window and now - start < a.setup_timeout
               and stuck < a.give_up):
            s = socket.socket()
            s.setblocking(False)
            try:
                s.connect((a.host, a.port))
            except BlockingIOError:
                pass
            except OSError:
                stats["connect_failed"] += 1; s.close(); i += 1; continue
            fd = s.fileno()
            socks[fd], st[fd], t0[fd], buf[fd] = s, "connecting", now, b""
            ep.register(fd, select.EPOLLOUT)
            i += 1; inflight += 1
        if i < n and (now - start >= a.setup_timeout or stuck >= a.give_up) and not inflight:
            break
        for fd, ev in ep.poll(0.05):
            s = socks[fd]
            if st[fd] == "connecting":
                if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                    stats["connect_failed"] += 1
                    ep.unregister(fd); s.close(); del socks[fd]; inflight -= 1; continue
                if req is None:
                    st[fd] = "idle"; ep.unregister(fd); idle.append(s); inflight -= 1; continue
                s.send(req); st[fd] = "sent"; ep.modify(fd, select.EPOLLIN)
            elif st[fd] == "sent":
                try:
                    d = s.recv(65536)
                except OSError:
                    d = b""
                if not d:
                    stats["closed_on_first"] += 1
                    ep.unregister(fd); s.close(); del socks[fd]; inflight -= 1; continue
                buf[fd] += d
                if response_done(buf[fd]):
                    if says_close(buf[fd]):
                        stats["said_close"] += 1
                    st[fd] = "idle"; ep.unregister(fd); idle.append(s); inflight -= 1
        now = time.monotonic()
        for fd in [f for f in socks if st[f] in ("connecting", "sent") and now - t0[f] > a.conn_timeout]:
            ep.unregister(fd); inflight -= 1
            if st[fd] == "connecting":
                stats["connect_timeout"] += 1; socks[fd].close()
            else:                           # connected, never answered: keep holding it
                st[fd] = "unanswered"; unanswered.append(socks[fd])
            del socks[fd]
    stats["not_attempted"] = n - i
    stats["setup_s"] = round(time.monotonic() - start, 1)
    return idle, unanswered, stats


def reuse_sample(a, socks, req, k=200, timeout=5.0):
    """Send a second GET on up to k still-open idle connections; how many answer."""
    sample = socks[:: max(1, len(socks) // k)][:k]
    ep, buf, ok = select.epoll(), {}, 0
    for s in sample:
        try:
            s.send(req); ep.register(s.fileno(), select.EPOLLIN); buf[s.fileno()] = b""
        except OSError:
            pass
    deadline = time.monotonic() + timeout
    bysock = {s.fileno(): s for s in sample}
    while buf and time.monotonic() < deadline:
        for fd, _ in ep.poll(0.1):
            try:
                d = bysock[fd].recv(65536)
            except OSError:
                d = b""
            if d:
                buf[fd] += d
            if not d or response_done(buf[fd]):
                ok += bool(d); ep.unregister(fd); del buf[fd]
    ep.close()
    return len(sample), ok


def one(a, n):
    req = f"GET {a.path} HTTP/1.1\r\nHost: {a.host}:{a.port}\r\n\r\n".encode()
    base_sock = proctree.socket_fds(a.pid) if a.pid else None
    base_mem = proctree.memory_kb(a.pid) if a.pid else None
    pb = Probe(a.host, a.port, req, 50)
    for _ in range(30):
        pb.once()
    ep = select.epoll()
    idle, unanswered, stats = open_conns(a, n, None if a.mode == "none" else req, ep)
    watch = {s.fileno(): s for s in idle + unanswered}
    closed = late = 0
    gone = set()
    mon = select.epoll()
    for fd in watch:
        mon.register(fd, select.EPOLLIN | select.EPOLLRDHUP)
    probe = Probe(a.host, a.port, req, a.probe_rate)
    probe.start()
    t_end = time.monotonic() + a.hold
    mid = None
    while time.monotonic() < t_end:
        for fd, ev in mon.poll(0.2):
            s = watch[fd]
            try:
                d = s.recv(65536, socket.MSG_PEEK)
            except OSError:
                d = b""
            mon.unregister(fd)
            if d:
                late += 1          # an answer (to an unanswered one) or unsolicited data
            else:
                closed += 1; gone.add(fd)
        if mid is None and time.monotonic() > t_end - a.hold / 2 and a.pid:
            mid = proctree.memory_kb(a.pid)
    probe.stop.set(); probe.join()
    idle_open = [s for s in idle if s.fileno() not in gone]
    out = {"label": a.label, "mode": a.mode, "n": n, **stats,
           # idle_after_setup: connected (none) or connected and answered (request)
           "idle_after_setup": len(idle), "unanswered_first": len(unanswered),
           "closed_by_server_during_hold": closed, "late_answers": late,
           "idle_open_at_end": len(idle_open), "hold_s": a.hold,
           "probe_baseline_p50_ms": pct(pb.lat, 50), "probe_baseline_p99_ms": pct(pb.lat, 99),
           "probe_n": len(probe.lat) + probe.fail, "probe_failed": probe.fail,
           "probe_p50_ms": pct(probe.lat, 50), "probe_p99_ms": pct(probe.lat, 99),
           "probe_max_ms": pct(probe.lat, 100)}
    if a.pid:
        est, backlog = proctree.tcp_states(a.port)
        rss, pss, procs, threads = proctree.memory_kb(a.pid)
        held = proctree.socket_fds(a.pid) - base_sock
        out.update(server_sockets_held=held, server_established=est, accept_backlog=backlog,
                   server_procs=procs, server_threads=threads,
                   rss_base_kb=base_mem[0], rss_kb=rss, pss_base_kb=base_mem[1], pss_kb=pss,
                   pss_per_conn_kb=round((pss - base_mem[1]) / max(1, held), 2))
    if a.mode == "request":
        tried, ok = reuse_sample(a, idle_open, req)
        out.update(reuse_tried=tried, reuse_ok=ok)
    for s in idle + unanswered:
        s.close()
    ep.close(); mon.close()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, help="server main pid: memory and sockets over its tree")
    ap.add_argument("--label", default="server")
    ap.add_argument("--path", default="/index.html")
    ap.add_argument("-n", default="1000,5000,10000", help="comma list of connection counts")
    ap.add_argument("--mode", choices=["request", "none"], default="request")
    ap.add_argument("--hold", type=float, default=20)
    ap.add_argument("--probe-rate", type=float, default=20, help="fresh-connection probes per second")
    ap.add_argument("--window", type=int, default=256, help="connections being set up at once")
    ap.add_argument("--conn-timeout", type=float, default=5, help="per connection, connect+first answer")
    ap.add_argument("--setup-timeout", type=float, default=60)
    ap.add_argument("--give-up", type=int, default=1500, help="stop opening after this many stuck")
    ap.add_argument("--settle", type=float, default=5, help="seconds between N values")
    ap.add_argument("--out", help="also append JSON lines here")
    a = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    for k, n in enumerate(int(x) for x in a.n.split(",")):
        if n + 100 > hard:
            print(f"skip n={n}: RLIMIT_NOFILE hard limit {hard}", file=sys.stderr); continue
        if k:
            time.sleep(a.settle)
        line = json.dumps(one(a, n))
        print(line, flush=True)
        if a.out:
            with open(a.out, "a") as f:
                f.write(line + "\n")


if __name__ == "__main__":
    main()
