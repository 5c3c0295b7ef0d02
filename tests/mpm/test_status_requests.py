"""mod_status's ExtendedStatus view of requests in flight, on apachepy and Debian's apache2 side
by side (same configuration): the worker slot of a slow request shows its request line, vhost,
client and counts, the slot of a finished request keeps them, and `?auto` counts them.

A request stays in its handler because it announces a body and withholds part of it (the
default handler reads the body before it answers), on both servers."""
from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile

import pytest

from tests.conformance.http_oracle import available
from tests.mpm.harness import read_response, wait_for
from tests.support.servers import ApacheServer, ApachepyServer, apachepy_serving, raw_request

pytestmark = pytest.mark.skipif(not available() or not apachepy_serving(),
                                reason="needs Debian's apache2 and apachepy's MPM")

M = "/usr/lib/apache2/modules"

CONF = f"""
ServerName localhost
LoadModule authz_core_module {M}/mod_authz_core.so
LoadModule status_module {M}/mod_status.so
ServerLimit 1
StartServers 1
ThreadsPerChild 4
MaxRequestWorkers 4
MinSpareThreads 1
MaxSpareThreads 4
<Directory "@DOCROOT@">
  Require all granted
</Directory>
<VirtualHost *:@PORT@>
  ServerName vh.example
</VirtualHost>
<Location /server-status>
  SetHandler server-status
</Location>
"""

# one row of the ExtendedStatus table: Srv, PID, Acc, M, CPU, SS, Req, Dur, Conn, Child, Slot,
# Client, Protocol, VHost, Request
ROW = re.compile(r"<tr><td><b>(\d+-\d+)</b></td><td>(\d+|-)</td><td>(\d+/\d+/\d+)</td><td>(.*?)\n"
                 r"</td><td>([\d.]+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>([\d.]+)</td>"
                 r"<td>([\d.]+)</td><td>([\d.]+)\n</td><td>(.*?)</td><td>(.*?)</td><td nowrap>(.*?)</td>"
                 r"<td nowrap>(.*?)</td></tr>\n\n")


def rows(html: str, port: int) -> dict[str, dict]:
    """The table's rows by request line, with what does not depend on the server's timing,
    pid or port."""
    out = {}
    for m in ROW.finditer(html):
        g = m.groups()
        row = {"srv": g[0], "acc": g[2], "mode": g[3], "client": g[11], "protocol": g[12],
               "vhost": g[13].replace(f":{port}", ":PORT")}
        # several slots may show the same line (earlier status polls): keep a busy one
        if g[14] not in out or row["mode"] != "_":
            out[g[14]] = row
    return out


def status(port: int, query: str = "") -> str:
    resp = raw_request(port, f"GET /server-status{query} HTTP/1.1\r\nHost: localhost\r\n"
                             "Connection: close\r\n\r\n".encode())
    return resp.partition(b"\r\n\r\n")[2].decode("latin-1")


def auto_value(text: str, key: str) -> str:
    return re.search(rf"^{key}: (.*)$", text, re.M).group(1)


def scenario(port: int) -> tuple[dict, dict, str]:
    """A finished keep-alive request, then a slow one in its handler: the table while it is
    in flight, the table after it finished, and ?auto in flight."""
    done = socket.create_connection(("127.0.0.1", port), timeout=10)
    done.sendall(b"GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert read_response(done)[0] == 200
    slow = socket.create_connection(("127.0.0.1", port), timeout=10)
    slow.sendall(b"POST /index.html?x=1 HTTP/1.1\r\nHost: vh.example\r\nContent-Length: 3\r\n\r\nab")

    polls = []

    def in_flight():
        polls.append(1)
        r = rows(status(port), port)
        return r if "POST /index.html?x=1 HTTP/1.1" in r else None
    during = wait_for(in_flight, 10, what="the slow request in the status table")
    auto = status(port, "?auto")
    # counted once logged: the first GET and every finished status page
    assert auto_value(auto, "Total Accesses") == str(1 + len(polls))
    slow.sendall(b"c")
    assert read_response(slow)[0] in (200, 405)
    after = wait_for(lambda: (lambda r: r if r.get("POST /index.html?x=1 HTTP/1.1", {}).get("mode") == "_"
                              else None)(rows(status(port), port)), 10, what="the slow request finished")
    done.close()
    slow.close()
    return during, after, auto


@pytest.fixture(scope="module")
def results():
    root = tempfile.mkdtemp(prefix="apstatus.")
    os.chmod(root, 0o755)              # the servers' children run as www-data
    with open(f"{root}/index.html", "w") as f:
        f.write("hello\n")
    os.chmod(f"{root}/index.html", 0o644)
    try:
        out = {}
        with ApacheServer(CONF, root) as a:
            out["apache2"] = scenario(a.port), a.port
        with ApachepyServer(CONF, root, extra_args=["-DFOREGROUND"]) as p:
            out["apachepy"] = scenario(p.port), p.port
        yield out
    finally:
        shutil.rmtree(root, ignore_errors=True)


def same_row(a: dict, b: dict) -> bool:
    """Rows agree, the Acc column by its connection count: the slot and child counts say which
    worker thread happened to serve the earlier status polls, which scheduling decides (they
    only have to agree with each other, a single child serving)."""
    def key(row):
        conn, slot, child = row["acc"].split("/")
        assert slot == child, row
        return {**row, "acc": conn}
    return key(a) == key(b)


def test_request_in_flight_row_matches_apache2(results):
    (theirs, _, _), _ = results["apache2"]
    (ours, _, _), _ = results["apachepy"]
    line = "POST /index.html?x=1 HTTP/1.1"
    assert same_row(ours[line], theirs[line])
    assert same_row(ours[line], {"srv": "0-0", "acc": "1/0/0", "mode": "<b>W</b>", "client": "127.0.0.1",
                                 "protocol": "http/1.1", "vhost": "vh.example:PORT"})
    # the status request itself is in flight too, counted on its connection only
    assert ours["GET /server-status HTTP/1.1"]["mode"] == theirs["GET /server-status HTTP/1.1"]["mode"] \
        == "<b>W</b>"


def test_finished_request_keeps_its_slot_row(results):
    (_, theirs, _), _ = results["apache2"]
    (_, ours, _), _ = results["apachepy"]
    line = "POST /index.html?x=1 HTTP/1.1"
    # idle again: the connection's count starts over, the process's and the slot's keep it
    assert ours[line]["mode"] == theirs[line]["mode"] == "_"
    assert same_row(ours[line], theirs[line])
    assert ours[line]["vhost"] == theirs[line]["vhost"] == "vh.example:PORT"


def test_auto_counts_requests_in_flight_as_busy(results):
    for name in ("apache2", "apachepy"):
        (_, _, auto), _ = results[name]
        assert auto_value(auto, "BusyWorkers") == "2", (name, auto)     # the POST and ?auto itself
        assert auto_value(auto, "IdleWorkers") == "2", (name, auto)
        board = auto_value(auto, "Scoreboard")
        assert sorted(board) == sorted("WW__"), (name, board)
        assert int(auto_value(auto, "Total kBytes")) >= 0 and "Total Duration" in auto
