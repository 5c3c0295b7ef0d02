# Adapted from the team's shared bench scripts (/work/shared/bench/proctree.py).
"""/proc helpers shared by run.py and idle_conns.py: a server's process tree,
its CPU time, memory and open sockets, and per-CPU busy time."""
import os

TCK = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        s = f.read()
    return s[s.rindex(")") + 2:].split()       # fields from "state" on


def tree(root):
    """root pid and all its live descendants."""
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                kids.setdefault(int(_stat(d)[1]), []).append(int(d))
            except (OSError, IndexError):
                pass
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def cpu_seconds(root):
    """utime+stime of the live tree, plus what the root reaped from dead children."""
    total = 0
    for p in tree(root):
        try:
            f = _stat(p)
        except OSError:
            continue
        total += int(f[11]) + int(f[12])            # utime, stime
        if p == root:
            total += int(f[13]) + int(f[14])        # cutime, cstime
    return total / TCK


def memory_kb(root):
    """(sum of VmRSS, sum of Pss, process count, thread count) over the tree.
    RSS double-counts pages shared between forked children; PSS does not."""
    rss = pss = procs = threads = 0
    for p in tree(root):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Threads:"):
                        threads += int(line.split()[1])
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
            procs += 1
        except OSError:
            pass
    return rss, pss, procs, threads


def socket_fds(root):
    """Distinct open sockets over the tree (each accepted connection is one;
    a listening socket inherited by forked children counts once)."""
    seen = set()
    for p in tree(root):
        try:
            for fd in os.listdir(f"/proc/{p}/fd"):
                try:
                    link = os.readlink(f"/proc/{p}/fd/{fd}")
                except OSError:
                    continue
                if link.startswith("socket:"):
                    seen.add(link)
        except OSError:
            pass
    return len(seen)


def cpu_times():
    """{cpuN: (busy_ticks, total_ticks, steal_ticks)} from /proc/stat.
    busy excludes steal (time the hypervisor gave to another guest)."""
    out = {}
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("cpu") and line[3].isdigit():
                name, *v = line.split()
                v = list(map(int, v[:8]))
                idle, steal = v[3] + v[4], v[7]
                out[name] = (sum(v) - idle - steal, sum(v), steal)
    return out


def busy_pct(before, after, field=0):
    return {k: round(100.0 * (after[k][field] - before[k][field]) / max(1, after[k][1] - before[k][1]), 1)
            for k in after}


def tcp_states(port):
    """Server-side view of 127.0.0.1:port from /proc/net/tcp: established
    connections on that port, and the listen socket's accept backlog."""
    est = backlog = 0
    hexport = f"{port:04X}"
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(path) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    local, st, queues = parts[1], parts[3], parts[4]
                    if local.rsplit(":", 1)[1] != hexport:
                        continue
                    if st == "01":
                        est += 1
                    elif st == "0A":
                        backlog += int(queues.split(":")[1], 16)
        except OSError:
            pass
    return est, backlog
