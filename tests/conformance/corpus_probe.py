"""What a corpus case asks of a server, as apachepy reads it: printed as JSON for
test_corpus_live.py, which runs this file with the case's own environment (Apache expands
${VAR} from it, and so does apachepy's reader, from os.environ).

    python corpus_probe.py SERVER_ROOT MAIN_FILE [-D NAME ...]

Output: {"error": text or null, "unsupported": [[module, directive], ...],
"servers": [{"names": [...], "ports": [...], "docroot": path, "tls": bool}, ...]}
(the main server first, with the Listen ports; then each virtual host).
"""
from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from apachepy import support  # noqa: E402
from apachepy.config.load import Options, load  # noqa: E402
from apachepy.log import StartupLog  # noqa: E402

DEFAULT_DOCROOT = "/var/www/html"       # Debian's compiled-in DocumentRoot


def defines(args: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(args):
        if args[i] == "-D" and i + 1 < len(args):
            out.append(args[i + 1])
            i += 2
            continue
        if args[i].startswith("-D"):
            out.append(args[i][2:])
        i += 1
    return out


def probe(server_root: str, main: str, args: list[str]) -> dict:
    try:
        loaded = load(Options(argv0="apache2", server_root=server_root, conf_file=main, defines=defines(args)),
                      StartupLog())
    except Exception as e:          # apachepy's own error types: the case is not accepted
        return {"error": f"{type(e).__name__}: {e}", "unsupported": [], "servers": []}
    config = loaded.config
    missing = support.unsupported(config, loaded.reader.cmds)
    main_root = config.main.get("DocumentRoot") or DEFAULT_DOCROOT
    main_tls = config.main.get("SSLEngine") == "on"
    servers = [{"names": [], "ports": sorted({ln.port for ln in config.listens}), "docroot": main_root,
                "tls": main_tls}]
    for v in config.vhosts:
        names = ([v.server_name] if v.server_name else []) + list(v.aliases)
        servers.append({"names": names, "ports": sorted({a.port for a in v.addrs if a.port}),
                        "docroot": v.get("DocumentRoot") or main_root,
                        "tls": v.get("SSLEngine", "on" if main_tls else "off") == "on"})
    return {"error": None, "unsupported": [[u.module, u.directive] for u in missing], "servers": servers}


if __name__ == "__main__":
    json.dump(probe(sys.argv[1], sys.argv[2], sys.argv[3:]), sys.stdout)
