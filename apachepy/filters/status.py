"""mod_status's pages (modules/generators/mod_status.c) rendered from a scoreboard snapshot.

`render(snapshot, page)` returns the body of /server-status: the HTML page, or with `?auto`
the machine-readable `Key: value` lines, byte for byte as httpd 2.4.71 builds them (number
formats are C's, single-precision divisions included).  The snapshot is
apachepy.mpm.scoreboard's; `Page` carries what the page needs besides it.  CPU figures come
from /proc for each live child (httpd samples times() into the scoreboard; the values mean
the same).
"""
from __future__ import annotations

import os
import struct
import time
from dataclasses import dataclass, field

from ..http.uri import escape_logitem

KBYTE = 1024
MBYTE = 1048576
GBYTE = 1073741824
STATUS_MAXLINE = 64
TIME_FORMAT = "%A, %d-%b-%Y %H:%M:%S %Z"
DOCTYPE = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">\n')

_NAMES = {"_": "Ready", "S": "Starting", "R": "<b>Read</b>", "W": "<b>Write</b>", "K": "<b>Keepalive</b>",
          "L": "<b>Logging</b>", "D": "<b>DNS lookup</b>", "C": "<b>Closing</b>", ".": "Dead", "G": "Graceful",
          "I": "Dying"}
_CELLS = {"_": "_", "S": "<b>S</b>", "R": "<b>R</b>", "W": "<b>W</b>", "K": "<b>K</b>", "L": "<b>L</b>",
          "D": "<b>D</b>", "C": "<b>C</b>", ".": ".", "G": "G", "I": "I"}

KEY = ("<p>Scoreboard Key:<br />\n"
       "\"<b><code>_</code></b>\" Waiting for Connection, \n"
       "\"<b><code>S</code></b>\" Starting up, \n"
       "\"<b><code>R</code></b>\" Reading Request,<br />\n"
       "\"<b><code>W</code></b>\" Sending Reply, \n"
       "\"<b><code>K</code></b>\" Keepalive (read), \n"
       "\"<b><code>D</code></b>\" DNS Lookup,<br />\n"
       "\"<b><code>C</code></b>\" Closing connection, \n"
       "\"<b><code>L</code></b>\" Logging, \n"
       "\"<b><code>G</code></b>\" Gracefully finishing,<br /> \n"
       "\"<b><code>I</code></b>\" Idle cleanup of worker, \n"
       "\"<b><code>.</code></b>\" Open slot with no current process<br />\n"
       "</p>\n")

DETAIL_KEY = ("</table>\n <hr /> <table>\n "
              "<tr><th>Srv</th><td>Child Server number - generation</td></tr>\n "
              "<tr><th>PID</th><td>OS process ID</td></tr>\n "
              "<tr><th>Acc</th><td>Number of accesses this connection / this child / this slot</td></tr>\n "
              "<tr><th>M</th><td>Mode of operation</td></tr>\n"
              "<tr><th>CPU</th><td>CPU usage, number of seconds</td></tr>\n"
              "<tr><th>SS</th><td>Seconds since beginning of most recent request</td></tr>\n "
              "<tr><th>Req</th><td>Milliseconds required to process most recent request</td></tr>\n "
              "<tr><th>Dur</th><td>Sum of milliseconds required to process all requests</td></tr>\n "
              "<tr><th>Conn</th><td>Kilobytes transferred this connection</td></tr>\n "
              "<tr><th>Child</th><td>Megabytes transferred this child</td></tr>\n "
              "<tr><th>Slot</th><td>Total megabytes transferred this slot</td></tr>\n "
              "</table>\n")


@dataclass
class Page:
    server_name: str                 # ap_get_server_name(r)
    local_ip: str                    # the connection's local address
    description: str                 # ap_get_server_description(): "Apache/2.4.71 (Debian)"
    built: str                       # "Server Built"
    max_servers: int                 # the MPM's active daemons limit (slots beyond it are not shown)
    extended: bool = True            # ExtendedStatus (On by default when mod_status is loaded)
    args: str | None = None          # the query string: refresh[=n], notable, auto
    signature: str = ""              # ap_psignature("<hr />\n", r)
    now: float = field(default_factory=time.time)
    loadavg: tuple = (0.0, 0.0, 0.0)
    cpu: dict = field(default_factory=dict)     # pid -> (utime, stime, cutime, cstime) in seconds
    mpm: str = "event"


def f32(x: float) -> float:
    """A C float: mod_status divides in single precision."""
    return struct.unpack("f", struct.pack("f", x))[0]


def cfmt(fmt: str, *args) -> str:
    return fmt % args


def apr_g(x: float, precision: int = 6) -> str:
    """APR's %g (apr_snprintf -> apr_gcvt), which is not C's: no leading zero (".25"), plain
    digits up to 4 places beyond the significant ones ("3206760"), exponents without padding
    ("1.5e+7")."""
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    mant, _, exp = ("%.*e" % (precision - 1, abs(x))).partition("e")
    digits = mant.replace(".", "").rstrip("0") or "0"
    decpt = int(exp) + 1
    nd = len(digits)
    if (decpt >= 0 and decpt - nd > 4) or decpt < -3:
        e = decpt - 1
        out = digits[0] + "." + digits[1:] + "e" + ("-" if e < 0 else "+") + str(abs(e))
    elif decpt <= 0:
        out = "." + "0" * -decpt + digits
    elif nd <= decpt:
        out = digits + "0" * (decpt - nd)
    else:
        out = digits[:decpt] + "." + digits[decpt:]
    return sign + out.rstrip(".")


def escape_html(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def byte_out(n: float) -> str:
    """format_byte_out"""
    if n < 5 * KBYTE:
        return "%d B" % int(n)
    if n < MBYTE / 2:
        return "%.1f kB" % f32(n / KBYTE)
    if n < GBYTE / 2:
        return "%.1f MB" % f32(n / MBYTE)
    return "%.1f GB" % f32(n / GBYTE)


def kbyte_out(kb: int) -> str:
    """format_kbyte_out"""
    if kb < KBYTE:
        return "%d kB" % kb
    if kb < MBYTE:
        return "%.1f MB" % f32(kb / KBYTE)
    return "%.1f GB" % f32(kb / MBYTE)


def show_time(secs: int) -> str:
    s = secs % 60
    secs //= 60
    m = secs % 60
    secs //= 60
    h = secs % 24
    d = secs // 24
    out = ""
    if d:
        out += " %d day%s" % (d, "" if d == 1 else "s")
    if h:
        out += " %d hour%s" % (h, "" if h == 1 else "s")
    if m:
        out += " %d minute%s" % (m, "" if m == 1 else "s")
    if s:
        out += " %d second%s" % (s, "" if s == 1 else "s")
    return out


def proc_cpu(pid: int) -> tuple[float, float, float, float] | None:
    """utime, stime, cutime, cstime of a process, in seconds (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read().decode("latin-1")
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2:].split()
    tick = os.sysconf("SC_CLK_TCK")
    try:
        return tuple(int(fields[i]) / tick for i in (11, 12, 13, 14))   # type: ignore[return-value]
    except (IndexError, ValueError):
        return None


def options(args: str | None) -> tuple[bool, bool, str | None]:
    """(short_report, no_table, Refresh value) from the query string (httpd looks for the
    option names anywhere in it)."""
    short = notable = False
    refresh = None
    if args:
        i = args.find("refresh")
        if i >= 0:
            t = 0
            rest = args[i + 7:]
            if rest.startswith("="):
                digits = ""
                j = 1
                while j < len(rest) and (rest[j].isdigit() or (j == 1 and rest[j] in "+-")):
                    digits += rest[j]
                    j += 1
                try:
                    t = int(digits)
                except ValueError:
                    t = 0
            refresh = str(10 if t < 1 else t)
        if "notable" in args:
            notable = True
        if "auto" in args:
            short = True
    return short, notable, refresh


def content_type(args: str | None) -> str:
    return "text/plain; charset=ISO-8859-1" if options(args)[0] else "text/html; charset=ISO-8859-1"


def render(snap, page: Page) -> str:
    short, notable, _refresh = options(page.args)
    o: list[str] = []
    w = o.append
    gen = snap.generation
    sl, tl, tpc = snap.server_limit, snap.thread_limit, max(1, snap.threads_per_child)
    stat: list[str] = []
    pids: list[int] = []
    idle = graceful = busy = 0
    t_idle = [0] * sl
    t_grace = [0] * sl
    t_busy = [0] * sl
    count = bcount = kbcount = 0
    duration = 0
    cpu = [0.0, 0.0, 0.0, 0.0]
    for i in range(sl):
        ps = snap.processes[i]
        row = snap.workers[i] if i < len(snap.workers) else []
        counted_cpu = False
        for j in range(tl):
            ws = row[j] if j < len(row) else None
            res = ws.status if ws is not None else "."
            stat.append(" " if (i >= page.max_servers or j >= tpc) and res == "." else res)
            if not ps.quiescing and ps.pid:
                if res == "_":
                    if ps.generation == gen:
                        idle += 1
                    t_idle[i] += 1
                elif res not in (".", "S", "I"):
                    if res == "G":
                        graceful += 1
                        t_grace[i] += 1
                    else:
                        busy += 1
                        t_busy[i] += 1
            if page.extended and ws is not None:
                if ws.access_count != 0 or res not in ("_", "."):
                    if not counted_cpu and ps.pid and ps.pid in page.cpu:
                        for k, v in enumerate(page.cpu[ps.pid]):
                            cpu[k] += v
                        counted_cpu = True
                    count += ws.access_count
                    bcount += ws.bytes_served
                    duration += ws.duration_us
                    if bcount >= KBYTE:
                        kbcount += bcount >> 10
                        bcount &= 0x3ff
        pids.append(ps.pid)
    up_time = max(0, int(page.now - snap.restart_time))
    now_s = time.strftime(TIME_FORMAT, time.localtime(page.now))
    restart_s = time.strftime(TIME_FORMAT, time.localtime(snap.restart_time))
    load = page.loadavg
    if not short:
        w(DOCTYPE + "<html><head>\n<title>Apache Status</title>\n</head><body>\n<h1>Apache Server Status for ")
        w(f"{escape_html(page.server_name)} (via {page.local_ip})</h1>\n\n")
        w(f"<dl><dt>Server Version: {page.description}</dt>\n")
        w(f"<dt>Server MPM: {page.mpm}</dt>\n")
        w(f"<dt>Server Built: {page.built}\n</dt></dl><hr /><dl>\n")
        w(f"<dt>Current Time: {now_s}</dt>\n")
        w(f"<dt>Restart Time: {restart_s}</dt>\n")
        w(f"<dt>Parent Server Config. Generation: {snap.config_generation}</dt>\n")
        w(f"<dt>Parent Server MPM Generation: {gen}</dt>\n")
        w(f"<dt>Server uptime: {show_time(up_time)}</dt>\n")
        w("<dt>Server load: %.2f %.2f %.2f</dt>\n" % load)
    else:
        w(f"{page.server_name}\n")
        w(f"ServerVersion: {page.description}\n")
        w(f"ServerMPM: {page.mpm}\n")
        w(f"Server Built: {page.built}\n")
        w(f"CurrentTime: {now_s}\n")
        w(f"RestartTime: {restart_s}\n")
        w(f"ParentServerConfigGeneration: {snap.config_generation}\n")
        w(f"ParentServerMPMGeneration: {gen}\n")
        w(f"ServerUptimeSeconds: {up_time}\n")
        w(f"ServerUptime:{show_time(up_time)}\n")
        w("Load1: %.2f\nLoad5: %.2f\nLoad15: %.2f\n" % load)
    if page.extended:
        ms = duration // 1000
        total_cpu = sum(cpu)
        if short:
            w(f"Total Accesses: {count}\nTotal kBytes: {kbcount}\nTotal Duration: {ms}\n")
            w("CPUUser: %s\nCPUSystem: %s\nCPUChildrenUser: %s\nCPUChildrenSystem: %s\n" % tuple(map(apr_g, cpu)))
            if total_cpu and up_time:
                w("CPULoad: %s\n" % apr_g(total_cpu / up_time * 100.0))
            w(f"Uptime: {up_time}\n")
            if up_time > 0:
                w("ReqPerSec: %s\n" % apr_g(f32(f32(count) / f32(up_time))))
                w("BytesPerSec: %s\n" % apr_g(f32(f32(KBYTE * f32(kbcount)) / f32(up_time))))
            if count > 0:
                w("BytesPerReq: %s\n" % apr_g(f32(f32(KBYTE * f32(kbcount)) / f32(count))))
                w("DurationPerReq: %s\n" % apr_g(f32(f32(ms) / f32(count))))
        else:
            w(f"<dt>Total accesses: {count} - Total Traffic: {kbyte_out(kbcount)} - Total Duration: {ms}</dt>\n")
            w("<dt>CPU Usage: u%s s%s cu%s cs%s" % tuple(map(apr_g, cpu)))
            if total_cpu and up_time:
                w(" - %s%% CPU load</dt>\n" % apr_g(total_cpu / up_time * 100.0, 3))
            else:
                w("</dt>\n")
            w("<dt>")
            if up_time > 0:
                w("%s requests/sec - " % apr_g(f32(f32(count) / f32(up_time)), 3))
                w(byte_out(int(f32(f32(KBYTE * f32(kbcount)) / f32(up_time)))))
                w("/second")
            if count > 0:
                if up_time > 0:
                    w(" - ")
                w(byte_out(int(f32(f32(KBYTE * f32(kbcount)) / f32(count)))))
                w("/request - %s ms/request" % apr_g(f32(f32(ms) / f32(count))))
            w("</dt>\n")
    if not short:
        w(f"<dt>{busy} requests currently being processed, {graceful} workers gracefully restarting, "
          f"{idle} idle workers</dt>\n")
        w("</dl>")
    else:
        w(f"BusyWorkers: {busy}\nGracefulWorkers: {graceful}\nIdleWorkers: {idle}\n")
    # the async table (the event MPM is async)
    waitio = writing = keepalive = closing = conns = stopping = procs = 0
    if not short:
        w("\n\n<table rules=\"all\" cellpadding=\"1%\">\n"
          "<tr><th rowspan=\"2\">Slot</th><th rowspan=\"2\">PID</th><th rowspan=\"2\">Stopping</th>"
          "<th colspan=\"2\">Connections</th>\n"
          "<th colspan=\"3\">Threads</th><th colspan=\"4\">Async connections</th></tr>\n"
          "<tr><th>total</th><th>accepting</th><th>busy</th><th>graceful</th><th>idle</th>"
          "<th>wait-io</th><th>writing</th><th>keep-alive</th><th>closing</th></tr>\n")
    for i in range(sl):
        ps = snap.processes[i]
        if not ps.pid:
            continue
        conns += ps.connections
        waitio += ps.wait_io
        writing += ps.write_completion
        keepalive += ps.keep_alive
        closing += ps.lingering_close
        procs += 1
        if ps.quiescing:
            stopping += 1
        if not short:
            dying = "yes" if ps.quiescing else "no"
            old = " (old gen)" if ps.generation != gen else ""
            w(f"<tr><td>{i}</td><td>{ps.pid}</td><td>{dying}{old}</td><td>{ps.connections}</td>"
              f"<td>{'no' if ps.not_accepting else 'yes'}</td><td>{t_busy[i]}</td><td>{t_grace[i]}</td>"
              f"<td>{t_idle[i]}</td><td>{ps.wait_io}</td><td>{ps.write_completion}</td><td>{ps.keep_alive}</td>"
              f"<td>{ps.lingering_close}</td></tr>\n")
    if not short:
        w(f"<tr><td>Sum</td><td>{procs}</td><td>{stopping}</td><td>{conns}</td><td>&nbsp;</td>"
          f"<td>{busy}</td><td>{graceful}</td><td>{idle}</td><td>{waitio}</td><td>{writing}</td>"
          f"<td>{keepalive}</td><td>{closing}</td></tr>\n</table>\n")
    else:
        w(f"Processes: {procs}\nStopping: {stopping}\nConnsTotal: {conns}\nConnsAsyncWaitIO: {waitio}\n"
          f"ConnsAsyncWriting: {writing}\nConnsAsyncKeepAlive: {keepalive}\nConnsAsyncClosing: {closing}\n")
    # the scoreboard
    w("<pre>" if not short else "Scoreboard: ")
    written = 0
    for ch in stat:
        if ch != " ":
            w(ch)
            if written % STATUS_MAXLINE == STATUS_MAXLINE - 1 and not short:
                w("\n")
            written += 1
    if short:
        w("\n")
    else:
        w("</pre>\n" + KEY)
        if not page.extended:
            w("PID Key: <br />\n<pre>\n")
            k = 0
            for idx, ch in enumerate(stat):
                if ch != ".":
                    w(f"   {pids[idx // tl]} in state: {ch} ")
                    k += 1
                    if k >= 3:
                        w("\n")
                        k = 0
                    else:
                        w(",")
            w("\n</pre>\n")
    if page.extended and not short:
        _details(w, snap, page, notable)
    elif not short:
        w("<hr />To obtain a full report with current status information you need to use the "
          "<code>ExtendedStatus On</code> directive.\n")
    if not short:
        w(page.signature)
        w("</body></html>\n")
    return "".join(o)


def _details(w, snap, page: Page, notable: bool) -> None:
    if notable:
        w("<hr /><h2>Server Details</h2>\n\n")
    else:
        w("\n\n<table border=\"0\"><tr><th>Srv</th><th>PID</th><th>Acc</th><th>M</th><th>CPU\n</th>"
          "<th>SS</th><th>Req</th><th>Dur</th><th>Conn</th><th>Child</th><th>Slot</th>"
          "<th>Client</th><th>Protocol</th><th>VHost</th><th>Request</th></tr>\n\n")
    now = page.now
    for i in range(snap.server_limit):
        ps = snap.processes[i]
        row = snap.workers[i] if i < len(snap.workers) else []
        for ws in row:
            if ws.access_count == 0 and ws.status in ("_", "."):
                continue
            req_time = 0 if not ws.start_time else max(0, int((ws.stop_time - ws.start_time) * 1000))
            pid = ws.pid or ps.pid
            wgen = ws.generation if ws.pid else ps.generation
            conn_l, my_l, lres = ws.conn_count, ws.my_access_count, ws.access_count
            conn_b, my_b, byts = ws.conn_bytes, ws.my_bytes_served, ws.bytes_served
            ss = int(now - ws.last_used) if ws.last_used else int(now)
            dur_ms = ws.duration_us // 1000
            times = page.cpu.get(pid, (0.0, 0.0, 0.0, 0.0))
            if notable:
                if ws.status == ".":
                    w(f"<b>Server {i}-{wgen}</b> (-): {conn_l}|{my_l}|{lres} [")
                else:
                    w(f"<b>Server {i}-{wgen}</b> ({pid}): {conn_l}|{my_l}|{lres} [")
                w(_NAMES.get(ws.status, "?STATE?"))
                w("] u%s s%s cu%s cs%s" % tuple(map(apr_g, times)) + f"\n {ss} {req_time} {dur_ms}(")
                w(f"{byte_out(conn_b)}|{byte_out(my_b)}|{byte_out(byts)})\n")
                w(f" <i>{escape_html(ws.client)} {{{escape_html(escape_logitem(ws.request))}}}</i> "
                  f"<i>({escape_html(ws.protocol)})</i> <b>[{escape_html(ws.vhost)}]</b><br />\n\n")
            else:
                if ws.status == ".":
                    w(f"<tr><td><b>{i}-{wgen}</b></td><td>-</td><td>{conn_l}/{my_l}/{lres}")
                else:
                    w(f"<tr><td><b>{i}-{wgen}</b></td><td>{pid}</td><td>{conn_l}/{my_l}/{lres}")
                w("</td><td>" + _CELLS.get(ws.status, "?"))
                w("\n</td><td>%.2f</td>" % sum(times) + f"<td>{ss}</td><td>{req_time}</td><td>{dur_ms}")
                w("</td><td>%-1.1f</td><td>%-2.2f</td><td>%-2.2f\n" % (f32(conn_b / KBYTE), f32(my_b / MBYTE),
                                                                      f32(byts / MBYTE)))
                w(f"</td><td>{escape_html(ws.client)}</td><td>{escape_html(ws.protocol)}</td>"
                  f"<td nowrap>{escape_html(ws.vhost)}</td>"
                  f"<td nowrap>{escape_html(escape_logitem(ws.request))}</td></tr>\n\n")
    if not notable:
        w(DETAIL_KEY)
