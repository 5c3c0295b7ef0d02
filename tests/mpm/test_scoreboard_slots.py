"""A worker slot through a request's life, as httpd's scoreboard.c updates it; ExtendedStatus;
APR's %g in mod_status's figures; the request line mod_status shows."""
from __future__ import annotations

import time

from apachepy.config.load import Options, load
from apachepy.filters.status import apr_g
from apachepy.http.connection import status_request_line
from apachepy.http.uri import uri_parse
from apachepy.log import StartupLog
from apachepy.mpm import scoreboard as sb
from tests.mpm.harness import Server, hold_worker, release, wait_for


def test_slot_through_two_requests_on_one_connection():
    board = sb.Scoreboard(1, 2)
    h = board.handle(0, 0, extended=True)
    h.start(123, 0)
    assert board.worker(0, 0).status == "S" and board.worker(0, 0).pid == 123
    h.ready()
    h.reading("10.0.0.1")
    w = board.worker(0, 0)
    assert (w.status, w.client, w.request, w.vhost, w.protocol) == ("R", "10.0.0.1", "", "", "http/1.1")
    h.handling("GET /a HTTP/1.1", "vh.example:80", 1)
    w = board.worker(0, 0)
    assert (w.status, w.request, w.vhost, w.conn_count, w.access_count) == ("W", "GET /a HTTP/1.1",
                                                                            "vh.example:80", 1, 0)
    assert abs(w.start_time - time.time()) < 5 and w.last_used == w.start_time
    h.logging("GET /a HTTP/1.1", "vh.example:80")
    assert board.worker(0, 0).status == "L"
    h.served(100, timed=True)
    h.handling("GET /b HTTP/1.1", "vh.example:80", 2)
    h.logging("GET /b HTTP/1.1", "vh.example:80")
    h.served(50, timed=True)
    w = board.worker(0, 0)
    # ap_set_conn_count then ap_increment_counts: httpd's conn column runs one ahead
    assert (w.access_count, w.my_access_count, w.conn_count) == (2, 2, 3)
    assert (w.bytes_served, w.my_bytes_served, w.conn_bytes) == (150, 150, 150)
    assert w.stop_time >= w.start_time and w.request == "GET /b HTTP/1.1"
    # back to waiting: the connection's counts start over, the line stays
    h.ready()
    w = board.worker(0, 0)
    assert (w.status, w.conn_count, w.conn_bytes, w.access_count, w.request) == ("_", 0, 0, 2, "GET /b HTTP/1.1")
    # G does not reset anything; the child's end (DEAD) resets the process's counts only
    h.handling("GET /c HTTP/1.1", "vh.example:80", 1)
    h.ready(sb.GRACEFUL)
    assert board.worker(0, 0).conn_count == 1
    board.child_stopped(0)
    w = board.worker(0, 0)
    assert (w.status, w.my_access_count, w.my_bytes_served, w.access_count, w.bytes_served) == (".", 0, 0, 2, 150)


def test_without_extended_status_only_letters_change():
    board = sb.Scoreboard(1, 1)
    h = board.handle(0, 0, extended=False)
    h.start(1, 0)
    h.reading("10.0.0.1")
    h.handling("GET / HTTP/1.1", "x:80", 1)
    assert board.worker(0, 0).status == "W"
    h.logging("GET / HTTP/1.1", "x:80")
    h.served(10, timed=True)
    w = board.worker(0, 0)
    assert (w.status, w.request, w.client, w.access_count, w.bytes_served, w.start_time) == ("L", "", "", 0, 0, 0.0)


def test_long_request_line_head_or_tail():
    board = sb.Scoreboard(1, 2)
    line = "GET /" + "a" * 100 + "/end HTTP/1.1"
    board.handle(0, 0).handling(line, "v", 1)
    board.handle(0, 1, reqtail=True).handling(line, "v", 1)
    assert board.worker(0, 0).request == line[:63]
    assert board.worker(0, 1).request == line[-63:]


def test_clear_on_ungraceful_restart():
    board = sb.Scoreboard(1, 1)
    h = board.handle(0, 0)
    h.handling("GET / HTTP/1.1", "v", 1)
    h.served(5, timed=True)
    board.child_started(0, 42, 0)
    board.clear(1000.0)
    snap = board.snapshot()
    assert snap.processes[0].pid == 0 and snap.workers[0][0].access_count == 0
    assert snap.restart_time == 1000.0


def _config(tmp_path, text):
    for d in ("conf", "logs"):
        (tmp_path / d).mkdir(exist_ok=True)
    (tmp_path / "conf" / "httpd.conf").write_text("ServerName x\nLoadModule mpm_event_module modules/mod_mpm_event.so\n"
                                                  + text)
    return load(Options(argv0="apachepy", server_root=str(tmp_path), conf_file="conf/httpd.conf"),
                StartupLog()).config


def test_extended_status_default_follows_mod_status(tmp_path):
    assert sb.extended_status(_config(tmp_path, "")) is False
    assert sb.extended_status(_config(tmp_path, "LoadModule status_module modules/mod_status.so\n")) is True
    assert sb.extended_status(_config(tmp_path, "LoadModule status_module modules/mod_status.so\n"
                                                "ExtendedStatus Off\n")) is False
    assert sb.extended_status(_config(tmp_path, "ExtendedStatus On\n")) is True
    assert sb.request_tail(_config(tmp_path, "SeeRequestTail On\n")) is True
    assert sb.request_tail(_config(tmp_path, "")) is False


def test_apr_g_matches_apache2_figures():
    # values seen in apache2 2.4.71's ?auto and HTML pages
    assert [apr_g(x) for x in (0, 0.01, 0.222222, 113.7777, 512, 3206760, 8016900, 380.375)] == \
        ["0", ".01", ".222222", "113.778", "512", "3206760", "8016900", "380.375"]
    assert apr_g(0.2, 3) == ".2" and apr_g(0.45, 3) == ".45" and apr_g(338.111) == "338.111"


class _R:
    def __init__(self, line, method="GET", uri="/", protocol="HTTP/1.1", assbackwards=False):
        self.the_request, self.method, self.unparsed_uri = line, method, uri
        self.parsed_uri, self.protocol, self.assbackwards = uri_parse(uri), protocol, assbackwards


def test_status_request_line_hides_passwords():
    assert status_request_line(_R(None)) == "NULL"
    assert status_request_line(_R("GET /x HTTP/1.1", uri="/x")) == "GET /x HTTP/1.1"
    uri = "http://joe:secret@example.com/p?q"
    assert status_request_line(_R(f"GET {uri} HTTP/1.1", uri=uri)) == "GET http://joe@example.com/p?q HTTP/1.1"


def test_extended_status_off_on_a_live_server():
    """`ExtendedStatus Off` with mod_status loaded: workers still show W, but neither the
    request nor the counts are recorded."""
    conf = ("LoadModule status_module modules/mod_status.so\nExtendedStatus Off\n"
            "StartServers 1\nServerLimit 1\nThreadsPerChild 2\nMaxRequestWorkers 2\n"
            "MinSpareThreads 1\nMaxSpareThreads 2\nScoreBoardFile run/scoreboard\n")
    with Server(conf) as s:
        s.start()
        board = sb.Scoreboard.attach(str(s.root / "run" / "scoreboard"))
        busy = hold_worker(s.port)
        w = wait_for(lambda: next((w for ws in board.snapshot().workers for w in ws if w.status == "W"), None),
                     5, what="a W worker")
        assert (w.request, w.vhost, w.client) == ("", "", "")
        assert release(busy)[0] == 200
        busy.close()
        time.sleep(0.3)
        assert sum(w.access_count for ws in board.snapshot().workers for w in ws) == 0
