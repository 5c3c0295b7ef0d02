"""Filter chains: httpd's ordering rules, removal, sub-requests, redirects, network filters."""
from __future__ import annotations

import os
import tempfile

from apachepy.filters import (CONNECTION, CONTENT_SET, EOS, FLUSH, NETWORK, PROTOCOL, RESOURCE, TRANSCODE,
                              FileBucket, RequestFilters, flatten, register_input_filter, register_output_filter)
from apachepy.filters.chain import BLOCK, NONBLOCK, READBYTES, ConnFilters
from apachepy.filters.core import FilteredIO, connection_filters
from tests.support.pure import BufferIO


class Conn:
    """The connection object filters see (only what the chain code reads)."""

    def __init__(self):
        self.logged = []

    def log_error(self, module, level, msg):
        self.logged.append(msg)


class Req:
    def __init__(self, conn, main=None):
        self.conn = conn
        self.main = main
        self.logged = []

    def log_error(self, module, level, msg):
        self.logged.append(msg)


def tagger(tag):
    def fn(f, bb):
        f.pass_brigade([(tag + b) if isinstance(b, bytes) else b for b in bb])
    return fn


def sink(f, bb):
    f.owner.sunk.extend(bb)


for _name, _type in (("T_RES_A", RESOURCE), ("T_RES_B", RESOURCE), ("T_SET_A", CONTENT_SET),
                     ("T_SET_B", CONTENT_SET), ("T_PROTO", PROTOCOL), ("T_CHUNK", TRANSCODE),
                     ("T_CONN", CONNECTION + 5)):
    register_output_filter(_name, tagger(_name.encode() + b":"), _type)
SINK = register_output_filter("T_SINK", sink, NETWORK)


def make(loaded=None):
    c = Conn()
    cf = ConnFilters(c, None, loaded)
    cf.sunk = []
    cf.add_output(SINK)
    r = Req(c)
    return c, cf, r, RequestFilters(r, cf)


def test_insertion_order_follows_types_then_insertion():
    _c, cf, _r, rf = make()
    rf.add_output("T_PROTO")
    rf.add_output("T_SET_B")
    rf.add_output("T_RES_A")
    rf.add_output("t_set_a")            # names are case-insensitive
    rf.add_output("T_RES_B")
    rf.add_output("T_CHUNK")
    assert rf.names() == ["T_RES_A", "T_RES_B", "T_SET_B", "T_SET_A", "T_PROTO", "T_CHUNK", "T_SINK"]
    assert rf.proto_output.name == "T_PROTO"
    rf.pass_brigade([b"x", EOS])
    # the first filter of the chain wraps innermost
    assert cf.sunk == [b"T_CHUNK:T_PROTO:T_SET_A:T_SET_B:T_RES_B:T_RES_A:x", EOS]


def test_connection_filters_serve_every_request():
    _c, cf, _r, _rf = make()
    cf.add_output("T_CONN")
    assert cf.names() == ["T_CONN", "T_SINK"]
    r2 = Req(_c)
    rf2 = RequestFilters(r2, cf)
    rf2.add_output("T_SET_A")
    assert rf2.names() == ["T_SET_A", "T_CONN", "T_SINK"]


def test_remove_fixes_heads():
    _c, _cf, _r, rf = make()
    a = rf.add_output("T_SET_A")
    p = rf.add_output("T_PROTO")
    a.remove()
    assert rf.output is p and rf.names() == ["T_PROTO", "T_SINK"]
    p.remove()
    assert rf.output.name == "T_SINK" and rf.proto_output.name == "T_SINK"


def test_filter_may_remove_itself_while_running():
    def once(f, bb):
        f.remove()
        f.pass_brigade([b"once:"] + bb)
    register_output_filter("T_ONCE", once, CONTENT_SET)
    _c, cf, _r, rf = make()
    rf.add_output("T_ONCE")
    rf.pass_brigade([b"a"])
    rf.pass_brigade([b"b", EOS])
    assert cf.sunk == [b"once:", b"a", b"b", EOS]


def test_unknown_filter_is_logged_as_httpd():
    _c, _cf, r, rf = make()
    assert rf.add_output("NOSUCH") is None
    assert r.logged == ["AH00082: an unknown filter was not added: NOSUCH"]


def test_filter_of_a_module_not_loaded_is_unknown():
    register_output_filter("T_MODF", tagger(b"m:"), CONTENT_SET, module="t_module")
    _c, _cf, r, rf = make(loaded={"core_module"})
    assert rf.add_output("T_MODF") is None
    _c, _cf, r, rf = make(loaded={"t_module"})
    assert rf.add_output("T_MODF") is not None


def test_whole_body_flag_is_recorded():
    register_output_filter("T_WHOLE", tagger(b"w:"), CONTENT_SET, whole_body=True)
    _c, _cf, _r, rf = make()
    rf.add_output("T_SET_A")
    assert not rf.whole_body
    rf.add_output("T_WHOLE")
    assert rf.whole_body


def test_clogging_connection_filter():
    register_output_filter("T_SYNC", tagger(b"s:"), CONNECTION, async_compatible=False)
    _c, cf, _r, _rf = make()
    cf.add_output("T_CONN")
    assert not cf.clogging
    cf.add_output("T_SYNC")
    assert cf.clogging


def test_init_functions_run_before_handler_in_chain_order():
    seen = []
    register_output_filter("T_INIT1", tagger(b""), RESOURCE, init=lambda f: seen.append(1) or 0)
    register_output_filter("T_INIT2", tagger(b""), CONTENT_SET, init=lambda f: seen.append(2) or 0)
    _c, _cf, _r, rf = make()
    rf.add_output("T_INIT2")
    rf.add_output("T_INIT1")
    assert rf.run_init() == 0 and seen == [1, 2]


def test_subrequest_writes_into_parent_chain_without_eos():
    _c, cf, r, rf = make()
    inc = rf.add_output("T_RES_A")
    rf.add_output("T_PROTO")
    sub = rf.for_subrequest(Req(r.conn, main=r), inc.next)
    assert sub.names() == ["SUBREQ_CORE", "T_PROTO", "T_SINK"]
    sub.add_output("T_RES_B")           # the sub-request's own resource filter goes first
    assert sub.names() == ["T_RES_B", "SUBREQ_CORE", "T_PROTO", "T_SINK"]
    sub.pass_brigade([b"sub", EOS])
    assert cf.sunk == [b"T_PROTO:T_RES_B:sub"]


def test_error_response_uses_protocol_filters_only():
    _c, _cf, _r, rf = make()
    rf.add_output("T_SET_A")
    rf.add_output("T_PROTO")
    rf.reset_to_protocol()
    assert rf.names() == ["T_PROTO", "T_SINK"]


def test_redirect_drops_resource_filters_of_main_request():
    _c, _cf, r, rf = make()
    rf.add_output("T_SET_A")
    rf.add_output("T_PROTO")
    new = rf.for_redirect(Req(r.conn))
    assert new.names() == ["T_PROTO", "T_SINK"]
    assert new.proto_output.r is not None


def test_core_output_batches_and_sends_files(tmp_path):
    io = BufferIO()
    cf = connection_filters(Conn(), io)
    path = tmp_path / "big"
    path.write_bytes(b"f" * 70000)
    fd = os.open(path, os.O_RDONLY)
    try:
        writes = []
        orig = io.write
        io.write = lambda d: (writes.append(len(d)), orig(d))
        cf.output.frec.func(cf.output, [b"head", FileBucket(str(path), fd, 0, 10), b"-",
                                        FileBucket(str(path), fd, 0, 70000), b"tail", EOS])
    finally:
        os.close(fd)
    assert bytes(io.out) == b"head" + b"f" * 10 + b"-" + b"f" * 70000 + b"tail"
    assert writes == [15, 4]            # head + small file in one write; the big file by sendfile
    assert cf.bytes_out == len(io.out)


def test_filtered_io_reads_through_input_filters():
    def upper_in(f, mode, block, n):
        return [b.upper() if isinstance(b, bytes) else b for b in f.get_brigade(mode, block, n)]
    register_input_filter("T_UPPER_IN", upper_in, CONNECTION)
    io = BufferIO(b"hello")
    cf = connection_filters(Conn(), io)
    cf.add_input("T_UPPER_IN")
    fio = FilteredIO(cf)
    assert fio.read(3, 1.0) == b"HEL"
    assert fio.read(10, 1.0) == b"LO"
    assert fio.read(10, 1.0) == b""


def test_filtered_io_nonblocking_recv_over_a_socket():
    import socket
    from apachepy.mpm.connio import SocketIO
    from apachepy.mpm.timeouts import StageTimeout
    a, b = socket.socketpair()
    a.setblocking(False)
    try:
        cf = connection_filters(Conn(), SocketIO(a, 1.0, StageTimeout(1.0, 1.0, 0, True)))
        fio = FilteredIO(cf)
        try:
            fio.recv(10)
            raise AssertionError("expected BlockingIOError")
        except BlockingIOError:
            pass
        b.sendall(b"ping")
        import select
        select.select([a], [], [], 2.0)
        assert fio.recv(10) == b"ping"
        fio.write(b"pong")
        fio.flush(1.0)
        assert b.recv(10) == b"pong"
        b.close()
        select.select([a], [], [], 2.0)
        assert fio.recv(10) == b""
    finally:
        a.close()
