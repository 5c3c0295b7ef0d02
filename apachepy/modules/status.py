"""mod_status: the server-status handler (the page itself is apachepy/filters/status.py),
reading the MPM's scoreboard snapshot (apachepy/mpm/scoreboard.py).

ExtendedStatus (core) is On by default once mod_status is loaded, as httpd's status_pre_config
makes it; `ExtendedStatus Off` leaves out the totals and the per-worker table.
"""
from __future__ import annotations

import os

from ..filters.status import Page, content_type, options, proc_cpu, render
from ..http.hooks import DECLINED, hook

STATUS_MAGIC_TYPE = "application/x-httpd-status"


def server_description(site) -> str:
    """ap_get_server_description: the full version, with the components modules add."""
    from ..version import COMPAT_STR, OS_TOKEN
    desc = f"Apache/{COMPAT_STR} ({OS_TOKEN})"
    for comp in getattr(site, "version_components", ()):
        desc += " " + comp
    return desc


@hook("handler", "status_module")
def status_handler(r):
    from ..mpm.scoreboard import extended_status     # ap_extended_status: kept with the scoreboard
    if r.handler not in (STATUS_MAGIC_TYPE, "server-status"):
        return DECLINED
    from ..http.request import M_GET, get_server_name, psignature
    from ..mpm import scoreboard
    board = scoreboard.current()
    if board is None:
        r.log_error("status", "error", "AH01237: Server status unavailable in inetd mode")
        return 500
    r.allowed = 1 << M_GET
    if r.method_number != M_GET:
        return DECLINED
    snap = board.snapshot()
    config = r.site.config
    cpu = {}
    for ps in snap.processes:
        if ps.pid:
            times = proc_cpu(ps.pid)
            if times is not None:
                cpu[ps.pid] = times
    try:
        load = os.getloadavg()
    except OSError:
        load = (0.0, 0.0, 0.0)
    page = Page(server_name=get_server_name(r), local_ip=r.conn.local_ip, description=server_description(r.site),
                built=_built(), max_servers=config.mpm.get("ActiveDaemonsLimit", snap.server_limit),
                extended=extended_status(config), args=r.args, signature=psignature("<hr />\n", r),
                loadavg=tuple(load), cpu=cpu)
    r.content_type = content_type(r.args)
    refresh = options(r.args)[2]
    if refresh is not None:
        r.headers_out.set("Refresh", refresh)
    r.body = render(snap, page).encode("latin-1", "replace")
    return 0


def _built() -> str:
    from ..version import SERVER_BUILT
    return SERVER_BUILT
