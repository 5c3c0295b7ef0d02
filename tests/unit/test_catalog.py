"""The directive catalog, checked for internal consistency and against the real apache2 binary.

The binary checks run only where a Debian-style `apache2` is on PATH: they load every shipped
module in generated configs and compare `apache2 -L` (names, source files, help text, allowed
contexts) and the argument-count errors of `apache2 -t` with the catalog.
"""
from __future__ import annotations

import collections
import glob
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from apachepy.config.registry import (
    ACCESS_CONF, EXEC_ON_READ, NONFATAL_ALL, OR_ALL, OR_AUTHCFG, OR_FILEINFO, OR_INDEXES, OR_LIMIT,
    OR_OPTIONS, OR_UNSET, RSRC_CONF, How,
)
from apachepy.modules.catalog import ALL_MODULES, BY_NAME, BY_SOURCE

PROXY_CONF = 2048  # http_config.h; used by mod_ssl's SSLProxy* directives
KNOWN_BITS = OR_ALL | OR_UNSET | ACCESS_CONF | RSRC_CONF | EXEC_ON_READ | NONFATAL_ALL | PROXY_CONF

STATIC = ["core_module", "so_module", "watchdog_module", "http_module", "log_config_module",
          "logio_module", "version_module", "unixd_module"]

# Names that httpd really registers in more than one module's command table.
_MPM_ALL = ["mpm_event_module", "mpm_mpmt_os2_module", "mpm_netware_module", "mpm_prefork_module",
            "mpm_winnt_module", "mpm_worker_module"]
SHARED_NAMES = {
    # LISTEN_COMMANDS (ap_listen.h) is pasted into every MPM's table; one MPM is loaded at a time.
    **{n: _MPM_ALL for n in ["Listen", "ListenBacklog", "ListenCoresBucketsRatio", "ListenTCPDeferAccept",
                             "SendBufferSize", "ReceiveBufferSize"]},
    # Each MPM declares its own sizing directives.
    "StartServers": ["mpm_event_module", "mpm_mpmt_os2_module", "mpm_prefork_module", "mpm_worker_module"],
    "MinSpareThreads": ["mpm_event_module", "mpm_mpmt_os2_module", "mpm_netware_module", "mpm_worker_module"],
    "MaxSpareThreads": ["mpm_event_module", "mpm_mpmt_os2_module", "mpm_netware_module", "mpm_worker_module"],
    "ServerLimit": ["mpm_event_module", "mpm_prefork_module", "mpm_worker_module"],
    "MaxClients": ["mpm_event_module", "mpm_prefork_module", "mpm_worker_module"],
    "MaxRequestWorkers": ["mpm_event_module", "mpm_prefork_module", "mpm_worker_module"],
    "GracefulShutdownTimeout": ["mpm_event_module", "mpm_prefork_module", "mpm_worker_module"],
    "ThreadsPerChild": ["mpm_event_module", "mpm_winnt_module", "mpm_worker_module"],
    "ThreadLimit": ["mpm_event_module", "mpm_winnt_module", "mpm_worker_module"],
    # The OS/2 MPM swallows these Unix settings as no-ops (mod_unixd and core are unix-only there).
    "User": ["mpm_mpmt_os2_module", "unixd_module"],
    "Group": ["mpm_mpmt_os2_module", "unixd_module"],
    "ScoreBoardFile": ["core_module", "mpm_mpmt_os2_module"],
    # mod_cgi and mod_cgid are alternatives with the same logging directives.
    "ScriptLog": ["cgi_module", "cgid_module"],
    "ScriptLogLength": ["cgi_module", "cgid_module"],
    "ScriptLogBuffer": ["cgi_module", "cgid_module"],
    # mod_heartmonitor writes the file and mod_lbmethod_heartbeat reads it; both can be loaded
    # together and httpd offers the directive to each in turn.
    "HeartbeatStorage": ["heartmonitor_module", "lbmethod_heartbeat_module"],
}


def _short(mod) -> str:
    return mod.name[: -len("_module")]


# --------------------------------------------------------------------------------------------
# The catalog on its own
# --------------------------------------------------------------------------------------------

def test_indexes():
    assert len(ALL_MODULES) == len(BY_NAME) == len(BY_SOURCE)
    assert [m.name for m in ALL_MODULES[: len(STATIC)]] == STATIC
    rest = [_short(m) for m in ALL_MODULES[len(STATIC):]]
    assert rest == sorted(rest)
    for m in ALL_MODULES:
        assert BY_NAME[m.name] is m and BY_SOURCE[m.source] is m
        assert m.name.endswith("_module") and m.source.endswith(".c")
    assert BY_SOURCE["event.c"].name == "mpm_event_module"
    assert BY_SOURCE["prefork.c"].name == "mpm_prefork_module"
    assert BY_SOURCE["worker.c"].name == "mpm_worker_module"
    assert BY_SOURCE["http_core.c"].name == "http_module"
    assert BY_SOURCE["util_ldap.c"].name == "ldap_module"


def test_debian_status():
    assert [m.name for m in ALL_MODULES if m.debian == "static"] == STATIC
    assert {m.debian for m in ALL_MODULES} == {"static", "shared", "absent"}


def test_directive_fields():
    for m in ALL_MODULES:
        assert m.doc
        for d in m.directives:
            assert d.module == m.name
            assert isinstance(d.how, How)
            assert d.override & ~KNOWN_BITS == 0, (m.name, d.name)
            assert d.help is None or (isinstance(d.help, str) and d.help), (m.name, d.name)
            assert d.doc and "\n" not in d.doc, (m.name, d.name)
            assert d.default is None or d.default.strip() == d.default != "", (m.name, d.name)
            assert d.name.strip() == d.name and " " not in d.name
            if d.name.startswith("<"):
                assert not d.name.endswith(">")


def test_no_unexpected_repeats():
    owners = collections.defaultdict(list)
    for m in ALL_MODULES:
        names = [d.name for d in m.directives]
        assert len(names) == len(set(names)), m.name
        for n in names:
            owners[n].append(m.name)
    repeated = {n: sorted(ms) for n, ms in owners.items() if len(ms) > 1}
    assert repeated == {n: sorted(ms) for n, ms in SHARED_NAMES.items()}


def test_build_specific_facts():
    core = {d.name for d in BY_NAME["core_module"].directives}
    assert "EnableExceptionHook" not in core       # not compiled into Debian's 2.4.71
    listen = [d.name for d in BY_NAME["mpm_event_module"].directives][:6]
    assert listen == ["ListenBacklog", "ListenCoresBucketsRatio", "Listen", "SendBufferSize",
                      "ReceiveBufferSize", "ListenTCPDeferAccept"]
    ssl = {d.name: d for d in BY_NAME["ssl_module"].directives}
    assert ssl["SSLProxyEngine"].override == RSRC_CONF | PROXY_CONF
    assert "SSLSRPVerifierFile" in ssl


# --------------------------------------------------------------------------------------------
# Against the real binary
# --------------------------------------------------------------------------------------------

APACHE2 = shutil.which("apache2") or shutil.which("apache2", path="/usr/sbin")
MODDIR = "/usr/lib/apache2/modules"
needs_apache2 = pytest.mark.skipif(APACHE2 is None or not os.path.isdir(MODDIR),
                                   reason="Debian apache2 binary and module directory not available")

# Loaded on their own in other configs: a second MPM is refused, mod_cgid goes with worker.
ALT_MPMS = {"mpm_prefork_module", "mpm_worker_module"}


def _libxml2() -> str | None:
    for pat in ("/usr/lib/*-linux-gnu/libxml2.so.2", "/lib/*-linux-gnu/libxml2.so.2", "/usr/lib/libxml2.so.2",
                "/usr/lib64/libxml2.so.2"):
        hits = sorted(glob.glob(pat))
        if hits:
            return hits[0]
    return None


def _so(mod) -> str:
    return os.path.join(MODDIR, "mod_%s.so" % _short(mod))


def _config(root, name: str, modules: list) -> str:
    lines = ["ServerName localhost"]
    for m in modules:
        if m.name == "proxy_html_module" and _libxml2():
            lines.append("LoadFile %s" % _libxml2())
        lines.append("LoadModule %s %s" % (m.name, _so(m)))
    path = os.path.join(root, name)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


HEADER = re.compile(r"^(\S+) \(([^()\s]+\.c)\)$")


def _parse_L(text: str) -> list[tuple[str, str, str | None, str]]:
    """`apache2 -L` as (name, source, help, allowed); help may span lines (AuthLDAPURL's does)."""
    out, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        m = HEADER.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while not lines[j].startswith("\tAllowed in *.conf "):
            j += 1
        body = lines[i + 1: j]
        help = "\n".join([body[0][1:]] + body[1:]) if body else None
        allowed = lines[j][1:]
        k = j + 1
        if k < len(lines) and lines[k].startswith("\twhen AllowOverride"):
            allowed += "\n" + lines[k][1:]
            k += 1
        out.append((m.group(1), m.group(2), help, allowed))
        i = k
    return out


def _allowed(o: int) -> str:
    """config.c's show_overrides(), minus the '[no per-dir config]' remark (not our data)."""
    s = "Allowed in *.conf "
    if o & (OR_OPTIONS | OR_FILEINFO | OR_INDEXES) or (o & RSRC_CONF and o & (ACCESS_CONF | OR_AUTHCFG | OR_LIMIT)):
        s += "anywhere"
    elif o & RSRC_CONF:
        s += "only outside <Directory>, <Files>, <Location>, or <If>"
    else:
        s += "only inside <Directory>, <Files>, <Location>, or <If>"
    if o & OR_ALL:
        s += " and in .htaccess\nwhen AllowOverride"
        if o & OR_ALL == OR_ALL:
            s += " isn't None"
        else:
            names = [n for bit, n in ((OR_AUTHCFG, "AuthConfig"), (OR_LIMIT, "Limit"), (OR_OPTIONS, "Options"),
                                      (OR_FILEINFO, "FileInfo"), (OR_INDEXES, "Indexes")) if o & bit]
            s += " includes " + " or ".join(names)
    return s


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([APACHE2, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    r = tmp_path_factory.mktemp("apache2root")
    os.mkdir(os.path.join(r, "logs"))
    return str(r)


def _configs() -> dict[str, list]:
    shared = [m for m in ALL_MODULES if m.debian == "shared"]
    main = [m for m in shared if m.name not in ALT_MPMS | {"cgid_module"}]
    return {
        "event": main,
        "prefork": [BY_NAME["mpm_prefork_module"]],
        "worker": [BY_NAME["mpm_worker_module"], BY_NAME["cgid_module"]],
    }


@needs_apache2
def test_static_modules_match_binary():
    p = _run("-l")
    listed = [line.strip() for line in p.stdout.splitlines()[1:] if line.strip()]
    assert listed == [BY_NAME[n].source for n in STATIC]


@needs_apache2
def test_shipped_modules_match_binary():
    shipped = {f for f in os.listdir(MODDIR) if f.endswith(".so")}
    assert shipped == {os.path.basename(_so(m)) for m in ALL_MODULES if m.debian == "shared"}


@needs_apache2
@pytest.mark.parametrize("cfg", ["event", "prefork", "worker"])
def test_directive_tables_match_binary(root, cfg):
    mods = _configs()[cfg]
    conf = _config(root, cfg + ".conf", mods)
    p = _run("-d", root, "-f", conf, "-L")
    assert p.returncode == 0, p.stderr
    listing = _parse_L(p.stdout)
    loaded = [BY_NAME[n] for n in STATIC] + mods

    ours = {(d.name, m.source) for m in loaded for d in m.directives}
    theirs = {(n, s) for n, s, _, _ in listing}
    assert sorted(ours - theirs) == [] and sorted(theirs - ours) == []

    per_source = collections.defaultdict(list)
    for n, s, h, a in listing:
        per_source[s].append((n, h, a))
    for m in loaded:
        expect = [(d.name, d.help, _allowed(d.override)) for d in m.directives]
        got = [(n, h, a.replace(" [no per-dir config]", "")) for n, h, a in per_source.get(m.source, [])]
        assert got == expect, m.source


# argument-count errors of config.c's invoke_cmd(), by how the arguments are taken
COUNT_ERRORS = {
    How.TAKE1: " takes one argument", How.TAKE2: " takes two arguments", How.TAKE12: " takes 1-2 arguments",
    How.TAKE3: " takes three arguments", How.TAKE23: " takes two or three arguments",
    How.TAKE123: " takes one, two or three arguments", How.TAKE13: " takes one or three arguments",
    How.ITERATE: " requires at least one argument", How.ITERATE2: " requires at least two arguments",
}


def _logged(msg: str) -> str:
    """httpd's error log escapes control characters; AuthLDAPURL's help has newlines."""
    return msg.replace("\n", "\\n")


def _count_error(d) -> str:
    if d.how is How.FLAG:
        return d.name + " must be On or Off"
    return _logged(d.name + COUNT_ERRORS[d.how] + (", " + d.help if d.help else ""))


@needs_apache2
def test_argument_kinds_match_binary(root):
    """Give every directive no arguments: the fixed-count kinds fail with httpd's generic message,
    the free-form kinds (RAW_ARGS, TAKE_ARGV, NO_ARGS) reach the handler instead."""
    mods = _configs()["event"]
    base = _config(root, "probe-base.conf", mods)
    loaded = [BY_NAME[n] for n in STATIC] + mods
    probes = [d for m in loaded for d in m.directives if not d.name.startswith("<")]
    # httpd looks a name up in the most recently loaded module first, so for a name two loaded
    # modules share (HeartbeatStorage) the later module's message is the one expected.
    generic = {d.name: _count_error(d) for d in probes if d.how in COUNT_ERRORS or d.how is How.FLAG}

    def probe(i_d):
        i, d = i_d
        line = d.name if d.override & RSRC_CONF else '<Directory "/">\n%s\n</Directory>' % d.name
        conf = os.path.join(root, "probe-%d.conf" % i)
        with open(conf, "w") as f:
            f.write("Include %s\n%s\n" % (base, line))
        try:
            err = _run("-t", "-d", root, "-f", conf).stderr
        finally:
            os.unlink(conf)
        # pre-read (EXEC_ON_READ) errors come on one line, the others after an AH00526 line
        m = (re.search(r"^AH00526: Syntax error on line \d+ of [^\n]*:\n(.*?)\n?\Z", err, re.S | re.M)
             or re.search(r"^\S+: Syntax error on line \d+ of .*?\.conf: (.*?)\n?\Z", err, re.S | re.M))
        return d, (m.group(1) if m else None)

    with ThreadPoolExecutor(8) as ex:
        results = list(ex.map(probe, enumerate(probes)))
    wrong = []
    for d, msg in results:
        if d.name in generic:
            if msg != generic[d.name]:
                wrong.append((d.module, d.name, d.how.name, msg))
        elif msg in _all_count_errors(d):
            wrong.append((d.module, d.name, d.how.name, msg))
    assert wrong == []


def _all_count_errors(d) -> set[str]:
    """Every generic message httpd could give for d, whatever its kind."""
    tail = ", " + d.help if d.help else ""
    return {_logged(d.name + e + tail) for e in COUNT_ERRORS.values()} | {d.name + " must be On or Off"}
