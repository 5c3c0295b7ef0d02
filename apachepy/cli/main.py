"""The command line, as httpd's main(): the same options, streams, messages and exit codes."""
from __future__ import annotations

import io
import os
import re
import sys

from ..config.load import HTTPD_ROOT, SERVER_CONFIG_FILE, Options, load
from ..errors import FatalStartup, WalkError
from ..log import LEVELS, StartupLog, escape
from ..modules.mpm import BadIdentity
from .. import support
from . import dumps

USAGE_OPTIONS = """\
Options:
  -D name            : define a name for use in <IfDefine name> directives
  -d directory       : specify an alternate initial ServerRoot
  -f file            : specify an alternate ServerConfigFile
  -C "directive"     : process directive before reading config files
  -c "directive"     : process directive after reading config files
  -e level           : show startup errors of level (see LogLevel)
  -E file            : log startup errors to file
  -v                 : show version number
  -V                 : show compile settings
  -h                 : list available command line options (this page)
  -l                 : list compiled in modules
  -L                 : list available configuration directives
  -t -D DUMP_VHOSTS  : show parsed vhost settings
  -t -D DUMP_RUN_CFG : show parsed run settings
  -S                 : a synonym for -t -D DUMP_VHOSTS -D DUMP_RUN_CFG
  -t -D DUMP_MODULES : show all loaded modules 
  -M                 : a synonym for -t -D DUMP_MODULES
  -t -D DUMP_INCLUDES: show all included configuration files
  -t                 : run syntax check for config files
  -T                 : start without DocumentRoot(s) check
  -X                 : debug mode (only one worker, do not detach)
"""
TAKES_ARG = set("CcDdEefk")
FLAGS = set("vVlLtTSMhX?")
DUMP_DEFINES = ("DUMP_VHOSTS", "DUMP_RUN_CFG", "DUMP_MODULES", "DUMP_INCLUDES")
K_ACTIONS = ("start", "restart", "graceful", "graceful-stop", "stop")


def usage(argv0: str) -> int:
    pad = " " * len(argv0)
    sys.stderr.write(f"Usage: {argv0} [-D name] [-d directory] [-f file]\n"
                     f"       {pad} [-C \"directive\"] [-c \"directive\"]\n"
                     f"       {pad} [-k start|restart|graceful|graceful-stop|stop]\n"
                     f"       {pad} [-v] [-V] [-h] [-l] [-L] [-t] [-T] [-S] [-X]\n" + USAGE_OPTIONS)
    return 1


def parse_args(argv: list[str]):
    """getopt("C:c:D:d:E:e:f:vVlLtTSMhXk:"), returning (opts dict, error)."""
    got: list[tuple[str, str | None]] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            i += 1
            break
        if not a.startswith("-") or a == "-":
            break
        j = 1
        while j < len(a):
            c = a[j]
            if c in TAKES_ARG:
                val = a[j + 1:]
                if not val:
                    i += 1
                    if i >= len(argv):
                        return None, f"option requires an argument -- {c}"
                    val = argv[i]
                got.append((c, val))
                break
            if c in FLAGS:
                got.append((c, None))
                j += 1
                continue
            return None, f"illegal option -- {c}"
        i += 1
    if i < len(argv):
        return None, ""
    return got, None


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="latin-1", errors="replace")
    try:
        return run_cli(sys.argv if argv is None else argv, sys.stdout, sys.stderr)
    except BrokenPipeError:
        # a dump piped into `head`: end quietly, as httpd does when SIGPIPE ends it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def run_cli(argv: list[str], stdout, stderr) -> int:
    """The whole command line against the given text streams (tests call this in-process)."""
    sys_stdout, sys_stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = sys_stdout, sys_stderr


def _run(argv: list[str]) -> int:
    # httpd nests Include up to 128 levels deep; each level costs a few Python frames
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    argv0 = os.path.basename(argv[0]) or "apachepy"
    if argv0 in ("__main__.py", "main.py"):
        argv0 = "apachepy"
    as_json = "--json" in argv[1:]          # ours: machine-readable lint and support report
    got, err = parse_args([a for a in argv[1:] if a != "--json"])
    if got is None:
        if err:
            sys.stderr.write(f"{argv0}: {err}\n")
        return usage(argv0)

    opts = Options(argv0=argv0, server_root=HTTPD_ROOT, conf_file=SERVER_CONFIG_FILE)
    mode = None          # None: serve; "test"; "dump"
    show_directives = show_compile = False
    k_action = None
    temp_error_log = None
    for c, val in got:
        if c == "c":
            opts.post.append(val)
        elif c == "C":
            opts.pre.append(val)
        elif c == "d":
            opts.server_root = val
        elif c == "D":
            opts.defines.append(val)
            if val in DUMP_DEFINES:
                mode = "dump"
        elif c == "e":
            if val.lower() not in LEVELS:
                return usage(argv0)
            opts.log_level = val.lower()
        elif c == "E":
            temp_error_log = val
        elif c == "X":
            opts.defines.append("DEBUG")
        elif c == "f":
            opts.conf_file = val
        elif c == "v":
            sys.stdout.write(dumps.version_text())
            return 0
        elif c == "l":
            from ..modules.catalog import by_name
            from ..config.reader import STATIC_MODULES
            sys.stdout.write(dumps.show_compiled_modules([by_name(n) for n in STATIC_MODULES]))
            return 0
        elif c == "L":
            mode = "dump"
            show_directives = True
        elif c == "t":
            mode = mode or "test"
        elif c == "T":
            opts.document_root_check = False
        elif c == "S":
            mode = "dump"
            opts.defines += ["DUMP_VHOSTS", "DUMP_RUN_CFG"]
        elif c == "M":
            mode = "dump"
            opts.defines.append("DUMP_MODULES")
        elif c == "V":
            show_compile = True
            mode = "dump"
        elif c == "k":
            if val not in K_ACTIONS:
                return usage(argv0)
            k_action = val
        elif c in "h?":
            return usage(argv0)

    opts.run_mode = {None: "normal", "test": "test", "dump": "dump"}[mode]
    errstream = sys.stderr
    if temp_error_log:
        errstream = open(temp_error_log, "a", encoding="latin-1", errors="replace")
    if as_json:
        errstream = io.StringIO()
    log = StartupLog(errstream, opts.log_level)
    out = io.StringIO() if as_json else sys.stdout
    error = None
    try:
        loaded = load(opts, log, out)
    except FatalStartup as e:
        if show_compile:
            sys.stdout.write(dumps.compile_settings(None))
        log.plain(e.message, "error")
        error = {"phase": "read", "message": e.message, **_position(e.message)}
    except BadIdentity as e:
        log.plain(str(e), "error")
        error = {"phase": "walk", "message": str(e)}
    except WalkError as e:
        if e.file is not None:
            log.plain(f"AH00526: Syntax error on line {e.line} of {e.file}:", "error")
        log.plain(e.message, "error")
        error = {"phase": "walk", "message": e.message, "file": e.file, "line": e.line}
    if as_json:
        return _json_report(log, error, loaded.config if error is None else None,
                            loaded.reader if error is None else None, opts)
    if error is not None:
        return 1
    config = loaded.config
    if show_compile:
        mpm = next((m.name[4:-7] for m in config.modules if m.name.startswith("mpm_")), None)
        sys.stdout.write(dumps.compile_settings(mpm))
        return 0
    if mode is not None:
        if show_directives:
            out.write(dumps.show_directives(config.modules))
            return 0
        if "DUMP_RUN_CFG" in config.defines:
            out.write(dumps.dump_run_cfg(config, loaded.reader))
        if "DUMP_MODULES" in config.defines:
            out.write(dumps.dump_modules(config.modules))
        if "DUMP_SUPPORT" in config.defines:
            out.write(support.report_text(support.unsupported(config, loaded.reader.cmds)))
        if mode == "test":
            log.plain("Syntax OK")
        out.flush()
        return 0
    if k_action in (None, "start", "restart", "graceful") and "APACHEPY_UNSUPPORTED_OK" not in config.defines:
        # never serve silently what we only parse: refuse, listing it (-D APACHEPY_UNSUPPORTED_OK overrides)
        missing = support.unsupported(config, loaded.reader.cmds)
        if missing:
            log.plain(f"{argv0}: refusing to start: this configuration needs what apachepy does not implement "
                      "yet (start with -D APACHEPY_UNSUPPORTED_OK to serve without it):", "error")
            for line in support.report_text(missing).splitlines():
                log.plain(line, "error")
            return 1
    from ..mpm.control import run
    return run(loaded, opts, k_action, log)


def _position(message: str) -> dict:
    """File and line of the innermost `Syntax error on line N of FILE:` in a read-phase message."""
    found = re.findall(r"Syntax error on line (\d+) of (.+?): ", message)
    if not found:
        return {}
    line, file = found[-1]
    return {"file": file, "line": int(line)}


def _json_report(log: StartupLog, error: dict | None, config, reader, opts) -> int:
    """`--json`: the verdict, warnings and (with -D DUMP_SUPPORT) the support report as JSON."""
    report = {
        "ok": error is None,
        "exit": 0 if error is None else 1,
        "error": error,
        "warnings": [m for lvl, m in log.records if lvl != "error"],
    }
    if config is not None and "DUMP_SUPPORT" in config.defines:
        report["unsupported"] = support.report_json(support.unsupported(config, reader.cmds))
    import json
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return report["exit"]


if __name__ == "__main__":
    sys.exit(main())
