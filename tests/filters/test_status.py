"""mod_status's pages from a scoreboard snapshot, compared with what apache2 2.4.71 printed for
the same scoreboard state (ServerLimit 2, ThreadsPerChild 4, one request done, one running)."""
from __future__ import annotations

import calendar
import os
import time

import pytest

from apachepy.filters.status import Page, render, options
from apachepy.mpm.scoreboard import ProcessScore, Snapshot, WorkerScore

RESTART = calendar.timegm((2026, 11, 26, 5, 18, 12, 0, 0, 0))


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def worker(status, pid, access=0, conn=0, request="", vhost=""):
    return WorkerScore(status, pid, 1, 0, access, 0, conn, 0, RESTART, RESTART, RESTART + 1, 0,
                       "127.0.0.1" if request else "", request, vhost, "http/1.1" if request else "",
                       my_access_count=access)


def snapshot():
    procs = [ProcessScore(4029, 0, 0, 0, 0, 0, 0, 0, 0, 0), ProcessScore(4038, 0, 0, 0, 0, 0, 0, 0, 0, 0)]
    w0 = [worker("_", 4029, access=1, request="GET /server-status?auto HTTP/1.1", vhost="st.example:18931")]
    w0 += [worker("_", 4029) for _ in range(3)]
    w1 = [worker("W", 4038, conn=1, request="GET /server-status HTTP/1.1", vhost="st.example:18931")]
    w1 += [worker("_", 4038) for _ in range(3)]
    return Snapshot(2, 64, 4, 0, 1, RESTART, procs, [w0, w1])


def page(args=None, extended=True):
    return Page(server_name="127.0.0.1", local_ip="127.0.0.1", description="Apache/2.4.71 (Debian)",
                built="2026-11-12T08:58:41", max_servers=2, extended=extended, args=args,
                now=RESTART + 1, loadavg=(25.27, 17.48, 10.51))


AUTO = """127.0.0.1
ServerVersion: Apache/2.4.71 (Debian)
ServerMPM: event
Server Built: 2026-11-12T08:58:41
CurrentTime: Thursday, 26-Nov-2026 05:18:13 UTC
RestartTime: Thursday, 26-Nov-2026 05:18:12 UTC
ParentServerConfigGeneration: 1
ParentServerMPMGeneration: 0
ServerUptimeSeconds: 1
ServerUptime: 1 second
Load1: 25.27
Load5: 17.48
Load15: 10.51
Total Accesses: 1
Total kBytes: 0
Total Duration: 0
CPUUser: 0
CPUSystem: 0
CPUChildrenUser: 0
CPUChildrenSystem: 0
Uptime: 1
ReqPerSec: 1
BytesPerSec: 0
BytesPerReq: 0
DurationPerReq: 0
BusyWorkers: 1
GracefulWorkers: 0
IdleWorkers: 7
Processes: 2
Stopping: 0
ConnsTotal: 0
ConnsAsyncWaitIO: 0
ConnsAsyncWriting: 0
ConnsAsyncKeepAlive: 0
ConnsAsyncClosing: 0
Scoreboard: ____W___
"""

HTML = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<html><head>
<title>Apache Status</title>
</head><body>
<h1>Apache Server Status for 127.0.0.1 (via 127.0.0.1)</h1>

<dl><dt>Server Version: Apache/2.4.71 (Debian)</dt>
<dt>Server MPM: event</dt>
<dt>Server Built: 2026-11-12T08:58:41
</dt></dl><hr /><dl>
<dt>Current Time: Thursday, 26-Nov-2026 05:18:13 UTC</dt>
<dt>Restart Time: Thursday, 26-Nov-2026 05:18:12 UTC</dt>
<dt>Parent Server Config. Generation: 1</dt>
<dt>Parent Server MPM Generation: 0</dt>
<dt>Server uptime:  1 second</dt>
<dt>Server load: 25.27 17.48 10.51</dt>
<dt>Total accesses: 1 - Total Traffic: 0 kB - Total Duration: 0</dt>
<dt>CPU Usage: u0 s0 cu0 cs0</dt>
<dt>1 requests/sec - 0 B/second - 0 B/request - 0 ms/request</dt>
<dt>1 requests currently being processed, 0 workers gracefully restarting, 7 idle workers</dt>
</dl>

<table rules="all" cellpadding="1%">
<tr><th rowspan="2">Slot</th><th rowspan="2">PID</th><th rowspan="2">Stopping</th><th colspan="2">Connections</th>
<th colspan="3">Threads</th><th colspan="4">Async connections</th></tr>
<tr><th>total</th><th>accepting</th><th>busy</th><th>graceful</th><th>idle</th><th>wait-io</th><th>writing</th><th>keep-alive</th><th>closing</th></tr>
<tr><td>0</td><td>4029</td><td>no</td><td>0</td><td>yes</td><td>0</td><td>0</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>1</td><td>4038</td><td>no</td><td>0</td><td>yes</td><td>1</td><td>0</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>Sum</td><td>2</td><td>0</td><td>0</td><td>&nbsp;</td><td>1</td><td>0</td><td>7</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table>
<pre>____W___</pre>
<p>Scoreboard Key:<br />
"<b><code>_</code></b>" Waiting for Connection, 
"<b><code>S</code></b>" Starting up, 
"<b><code>R</code></b>" Reading Request,<br />
"<b><code>W</code></b>" Sending Reply, 
"<b><code>K</code></b>" Keepalive (read), 
"<b><code>D</code></b>" DNS Lookup,<br />
"<b><code>C</code></b>" Closing connection, 
"<b><code>L</code></b>" Logging, 
"<b><code>G</code></b>" Gracefully finishing,<br /> 
"<b><code>I</code></b>" Idle cleanup of worker, 
"<b><code>.</code></b>" Open slot with no current process<br />
</p>


<table border="0"><tr><th>Srv</th><th>PID</th><th>Acc</th><th>M</th><th>CPU
</th><th>SS</th><th>Req</th><th>Dur</th><th>Conn</th><th>Child</th><th>Slot</th><th>Client</th><th>Protocol</th><th>VHost</th><th>Request</th></tr>

<tr><td><b>0-0</b></td><td>4029</td><td>0/1/1</td><td>_
</td><td>0.00</td><td>0</td><td>0</td><td>0</td><td>0.0</td><td>0.00</td><td>0.00
</td><td>127.0.0.1</td><td>http/1.1</td><td nowrap>st.example:18931</td><td nowrap>GET /server-status?auto HTTP/1.1</td></tr>

<tr><td><b>1-0</b></td><td>4038</td><td>1/0/0</td><td><b>W</b>
</td><td>0.00</td><td>0</td><td>0</td><td>0</td><td>0.0</td><td>0.00</td><td>0.00
</td><td>127.0.0.1</td><td>http/1.1</td><td nowrap>st.example:18931</td><td nowrap>GET /server-status HTTP/1.1</td></tr>

</table>
 <hr /> <table>
 <tr><th>Srv</th><td>Child Server number - generation</td></tr>
 <tr><th>PID</th><td>OS process ID</td></tr>
 <tr><th>Acc</th><td>Number of accesses this connection / this child / this slot</td></tr>
 <tr><th>M</th><td>Mode of operation</td></tr>
<tr><th>CPU</th><td>CPU usage, number of seconds</td></tr>
<tr><th>SS</th><td>Seconds since beginning of most recent request</td></tr>
 <tr><th>Req</th><td>Milliseconds required to process most recent request</td></tr>
 <tr><th>Dur</th><td>Sum of milliseconds required to process all requests</td></tr>
 <tr><th>Conn</th><td>Kilobytes transferred this connection</td></tr>
 <tr><th>Child</th><td>Megabytes transferred this child</td></tr>
 <tr><th>Slot</th><td>Total megabytes transferred this slot</td></tr>
 </table>
</body></html>
"""


def test_auto_matches_apache2():
    # apache2 printed ReqPerSec 0 etc. because its ?auto request came first (0 accesses then);
    # the rest of the page is the same state
    assert render(snapshot(), page("auto")) == AUTO


def test_html_matches_apache2():
    assert render(snapshot(), page()) == HTML


def test_without_extended_status_there_is_a_pid_key():
    out = render(snapshot(), page(extended=False))
    assert "Total accesses" not in out and "<table border" not in out
    assert "PID Key: <br />\n<pre>\n   4029 in state: _ ,   4029 in state: _ ,   4029 in state: _ \n" in out
    assert out.endswith("<hr />To obtain a full report with current status information you need to use the "
                        "<code>ExtendedStatus On</code> directive.\n</body></html>\n")


def test_options():
    assert options("auto") == (True, False, None)
    assert options("refresh=5&notable") == (False, True, "5")
    assert options("refresh") == (False, False, "10")
    assert options("refresh=0") == (False, False, "10")


def test_quiescing_old_generation_row():
    snap = snapshot()
    snap.processes[1].quiescing = 1
    snap.processes[1].generation = -1
    out = render(snap, page())
    assert "<tr><td>1</td><td>4038</td><td>yes (old gen)</td>" in out
    assert "0 requests currently being processed, 0 workers gracefully restarting, 4 idle workers" in out


def test_scoreboard_wraps_every_64_characters():
    procs = [ProcessScore(100 + i, 0, 0, 0, 0, 0, 0, 0, 0, 0) for i in range(3)]
    workers = [[worker("_", 100 + i) for _ in range(25)] for i in range(3)]
    snap = Snapshot(3, 25, 25, 0, 1, RESTART, procs, workers)
    p = page()
    p.max_servers = 3
    out = render(snap, p)
    pre = out[out.index("<pre>") + 5:out.index("</pre>")]
    assert pre == "_" * 64 + "\n" + "_" * 11
