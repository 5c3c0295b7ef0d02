"""mod_info's server-info page (modules/generators/mod_info.c), as httpd 2.4.71 lays it out.

`render(r)` builds the body for the query string: none (everything), `server`, `list`,
`config`, `hooks`, `providers` or a module's source name (`mod_alias.c`).  The configuration
listings walk the same directive tree with the same walker as -D DUMP_CONFIG
(apachepy/cli/dumps.py's list_config), only written as HTML.

What apachepy cannot know the way httpd does (the C hook functions each module registers,
which config structures it creates) comes from apachepy's own hooks and directive table;
docs/differences.md says how that differs.
"""
from __future__ import annotations

from ..cli.dumps import (APR_VERSION, APU_VERSION, BUILD_DEFINES, MODULE_MAGIC, PCRE_VERSION, list_config)
from ..config.registry import ACCESS_CONF, OR_ALL, RSRC_CONF
from ..http.hooks import registered
from ..http.status import escape_html

DOCTYPE_XHTML_1_0T = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n'
                      '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n')

# httpd's hook tables, in mod_info's order, with the apachepy phase that runs the same step
# (None: apachepy has no hook for it, so nothing is listed)
STARTUP_HOOKS = ["Pre-Config", "Check Configuration", "Test Configuration", "Post Configuration", "Open Logs",
                 "Pre-MPM", "MPM", "Drop Privileges", "Retrieve Optional Functions", "Child Init"]
REQUEST_HOOKS = [("Pre-Connection", "pre_connection"), ("Create Connection", None), ("Process Connection", None),
                 ("Create Request", "create_request"), ("Pre-Read Request", None),
                 ("Post-Read Request", "post_read_request"), ("Header Parse", "header_parser"),
                 ("HTTP Scheme", None), ("Default Port", None), ("Quick Handler", None),
                 ("Pre-Translate Name", None), ("Translate Name", "translate_name"),
                 ("Map to Storage", "map_to_storage"), ("Check Access", "access_checker_ex"),
                 ("Check Access (legacy)", "access_checker"), ("Verify User ID", "check_user_id"),
                 ("Note Authentication Failure", "note_auth_failure"), ("Verify User Access", "auth_checker"),
                 ("Check Type", "type_checker"), ("Fixups", "fixups"), ("Insert Filters", "insert_filter"),
                 ("Content Handlers", "handler"), ("Transaction Logging", "log_transaction"),
                 ("Insert Errors", None), ("Generate Log ID", None)]
OTHER_HOOKS = ["Monitor", "Child Status", "End Generation", "Error Logging", "Query MPM Attributes",
               "Query MPM Name", "Register Timed Callback", "Extend Expression Parser", "Set Management Items"]
# what ap_mpm_query answers for AP_MPMQ_IS_THREADED / AP_MPMQ_IS_FORKED
MPM_KINDS = {"event": (True, True), "worker": (True, True), "prefork": (False, True)}


def flush_right(i: int, field: int = 4) -> str:
    """put_int_flush_right: the number right-aligned in `field` places, &nbsp; for blanks (and
    for a zero)."""
    out = flush_right(i // 10, field - 1) if field > 1 or i > 9 else ""
    return out + (str(i % 10) if i else "&nbsp;")


class HtmlListing:
    """mod_info's directive listing written into the page (DUMP_CONFIG's TextListing is its
    stdout form)."""

    def __init__(self, out: list[str]):
        self.out = out
        self.fn: str | None = None

    def indent(self, nest: int, fn: str | None, line: int) -> None:
        fn = fn if fn is not None else "*UNKNOWN*"
        if self.fn is None or self.fn != fn:
            # httpd remembers the escaped name, so a name with & < > " is repeated each time
            self.fn = escape_html(fn)
            self.out.append(f"<dd><tt><strong>In file: {self.fn}</strong></tt></dd>\n")
        self.out.append("<dd><tt>" + flush_right(max(line, 0)) + ":&nbsp;" + "&nbsp;&nbsp;" * nest)

    def show_cmd(self, node, nest: int) -> None:
        self.indent(nest, node.file, node.line)
        self.out.append(f"{escape_html(node.name)} <i>{escape_html(node.args)}</i></tt></dd>\n")

    def show_open(self, node, nest: int) -> None:
        self.indent(nest, node.file, node.line)
        self.out.append(f"{escape_html(node.name)} {escape_html(node.args)}</tt></dd>\n")

    def show_close(self, node, nest: int) -> None:
        self.indent(nest, node.file, 0)
        if node.name.startswith("<"):
            self.out.append(f"&lt;/{escape_html(node.name[1:])}&gt;</tt></dd>")
        else:
            self.out.append(f"/{escape_html(node.name)}</tt></dd>")


def _eq(a: str | None, b: str) -> bool:
    return a is not None and a.lower() == b


def render(r) -> str:
    site = r.site
    config = site.config
    modules = sorted(config.modules, key=lambda m: m.source)
    args = r.args
    o: list[str] = [DOCTYPE_XHTML_1_0T, '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
                    "  <title>Server Information</title>\n</head>\n",
                    '<body><h1 style="text-align: center">Apache Server Information</h1>\n']
    w = o.append
    if args is not None and args.lower() == "list":
        w("<dl><dt>Server Module List</dt>")
        for m in modules:
            w(f"<dd>{m.source}</dd>")
        w("</dl><hr />")
    else:
        if args is None:
            w('<dl><dt><tt>Subpages:<br /><a href="?config">Configuration Files</a>, '
              '<a href="?server">Server Settings</a>, <a href="?list">Module List</a>, '
              '<a href="?hooks">Active Hooks</a>, <a href="?providers">Available Providers</a>'
              "</tt></dt></dl><hr />")
            w('<dl><dt><tt>Sections:<br /><a href="#modules">Loaded Modules</a>, '
              '<a href="#server">Server Settings</a>, <a href="#startup_hooks">Startup Hooks</a>, '
              '<a href="#request_hooks">Request Hooks</a>, <a href="#other_hooks">Other Hooks</a>, '
              '<a href="#providers">Providers</a></tt></dt></dl><hr />')
            w('<h2><a name="modules">Loaded Modules</a></h2><dl><dt><tt>')
            for m in modules:
                w(f'<a href="#{m.source}">{m.source}</a>, ')
            w("</tt></dt></dl><hr />")
        if args is None or _eq(args, "server"):
            _server_settings(r, o)
        if args is None or _eq(args, "hooks"):
            _hooks(r, modules, o)
        if args is None or _eq(args, "providers"):
            _providers(config, site.loaded_modules, o)
        if _eq(args, "config"):
            w("<dl><dt><strong>Configuration:</strong>\n")
            list_config(config.tree, HtmlListing(o))
            w("</dl><hr />")
        else:
            for m in modules:
                if args is None or args.lower() == m.source.lower():
                    _module(r, m, o)
                    if args is not None:
                        break
            # httpd's "No such module" test looks at the loop variable, which is never NULL
            # once a module was seen: an unknown name gets an empty page, as here
    from ..http.request import psignature
    w(psignature("", r))
    w("</body></html>\n")
    return "".join(o)


def _server_settings(r, o: list[str]) -> None:
    from ..http.request import get_server_name, get_server_port
    from ..modules.status import server_description
    from ..version import SERVER_BUILT
    config = r.site.config
    s = r.server
    mpm = next((m.name[4:-7] for m in config.modules if m.name.startswith("mpm_")), "")
    threaded, forked = MPM_KINDS.get(mpm, (False, False))
    w = o.append
    w('<h2><a name="server">Server Settings</a></h2>')
    w(f'<dl><dt><strong>Server Version:</strong> <font size="+1"><tt>{server_description(r.site)}</tt></font></dt>\n')
    w(f'<dt><strong>Server Built:</strong> <font size="+1"><tt>{SERVER_BUILT}</tt></font></dt>\n')
    for what, version in (("APR", APR_VERSION), ("APU", APU_VERSION), ("PCRE", PCRE_VERSION)):
        w(f"<dt><strong>Server loaded {what} Version:</strong> <tt>{version}</tt></dt>\n")
        w(f"<dt><strong>Compiled with {what} Version:</strong> <tt>{version}</tt></dt>\n")
    w("<dt><strong>Module Magic Number:</strong> <tt>%d:%d</tt></dt>\n" % MODULE_MAGIC)
    w(f"<dt><strong>Hostname/port:</strong> <tt>{escape_html(get_server_name(r))}:{get_server_port(r)}</tt></dt>\n")
    w(f"<dt><strong>Timeouts:</strong> <tt>connection: {int(s.timeout)} &nbsp;&nbsp; "
      f"keep-alive: {int(s.keep_alive_timeout)}</tt></dt>")
    w(f"<dt><strong>MPM Name:</strong> <tt>{mpm}</tt></dt>\n")
    w(f"<dt><strong>MPM Information:</strong> <tt>Max Daemons: {_max_daemons_used()} "
      f"Threaded: {'yes' if threaded else 'no'} Forked: {'yes' if forked else 'no'}</tt></dt>\n")
    w("<dt><strong>Server Architecture:</strong> <tt>64-bit</tt></dt>\n")
    w(f"<dt><strong>Server Root:</strong> <tt>{config.server_root}</tt></dt>\n")
    conf_file = config.tree[0].file if config.tree else ""
    w(f"<dt><strong>Config File:</strong> <tt>{conf_file}</tt></dt>\n")
    w('<dt><strong>Server Built With:</strong>\n<tt style="white-space: pre;">\n')
    for text, shown in BUILD_DEFINES:
        if shown:
            w(text + "\n")
    w("</tt></dt>\n</dl><hr />")


def _max_daemons_used() -> int:
    """AP_MPMQ_MAX_DAEMON_USED: one past the highest scoreboard slot a child has used."""
    from ..mpm import scoreboard
    board = scoreboard.current()
    if board is None:
        return 1
    procs = board.snapshot().processes
    used = [i for i, ps in enumerate(procs) if ps.pid]
    return used[-1] + 1 if used else 1


def _hooks(r, modules, o: list[str]) -> None:
    source = {m.name: m.source for m in modules}
    loaded = r.site.loaded_modules
    qs = "?" if _eq(r.args, "hooks") else "#"
    w = o.append

    def section(anchor: str, title: str, entries) -> None:
        w(f'<h2><a name="{anchor}">{title}</a></h2>\n<dl>')
        for label, phase in entries:
            w(f"<dt><strong>{label}:</strong>\n <br /><tt>\n")
            for order, mod in (registered(phase, loaded) if phase else []):
                name = source.get(mod)
                if name is not None:
                    w("&nbsp;&nbsp; %02d <a href=\"%s%s\">%s</a> <br/>" % (order, qs, name, name))
            w("\n  </tt>\n</dt>\n")

    section("startup_hooks", "Startup Hooks", [(h, None) for h in STARTUP_HOOKS])
    w("</dl>\n<hr />\n")
    section("request_hooks", "Request Hooks", REQUEST_HOOKS)
    w("</dl>\n<hr />\n")
    section("other_hooks", "Other Hooks", [(h, None) for h in OTHER_HOOKS])
    w("</dl>\n<hr />\n")


def _providers(config, loaded, o: list[str]) -> None:
    from ..modules.providers import STATIC, VERSIONS
    groups: dict[tuple[str, str], set[str]] = {}
    for group, names in STATIC.items():
        for name, mod in names.items():
            if mod in loaded:
                groups.setdefault((group, VERSIONS.get(group, "0")), set()).add(name)
    for key, defined in config.values.items():
        if key.startswith("providers:"):
            group = key[len("providers:"):]
            groups.setdefault((group, VERSIONS.get(group, "0")), set()).update(defined)
    w = o.append
    w('<h2><a name="providers">Providers</a></h2>\n<dl>')
    cur = None
    for group, version in sorted(groups):
        if cur != group:
            if cur is not None:
                w("\n</dt>\n")
            cur = group
            w(f"<dt><strong>{group}</strong> (version <tt>{version}</tt>):\n <br />\n")
        for name in sorted(groups[(group, version)]):
            w(f"<tt>&nbsp;&nbsp;{name}</tt><br/>")
    if cur is not None:
        w("\n</dt>\n")
    w("</dl>\n<hr />\n")


def _more_info(server, source: str) -> str | None:
    """find_more_info: the virtual host's AddModuleInfo entries first, then the main server's."""
    entries = list(server.model.values.get("AddModuleInfo", []))
    if server.main is not None:
        entries += server.main.model.values.get("AddModuleInfo", [])
    return next((info for name, info in entries if name == source), None)


def _module(r, m, o: list[str]) -> None:
    w = o.append
    phases = {phase for _, phase in REQUEST_HOOKS if phase and
              any(mod == m.name for _, mod in registered(phase, {m.name}))}
    w(f'<dl><dt><a name="{m.source}"><strong>Module Name:</strong></a> '
      f'<font size="+1"><tt><a href="?{m.source}">{m.source}</a></tt></font></dt>\n')
    w("<dt><strong>Content handlers:</strong> " +
      ("<tt> <em>yes</em></tt>" if "handler" in phases else "<tt> <em>none</em></tt>") + "</dt>")
    # which config structures a module creates is C-level; apachepy infers it from where the
    # module's directives may appear (per-directory or server-wide)
    parts = []
    if any(d.override & (OR_ALL | ACCESS_CONF) for d in m.directives):
        parts += ["<tt>Create Directory Config</tt>", "<tt>Merge Directory Configs</tt>"]
    if any(d.override & RSRC_CONF for d in m.directives):
        parts += ["<tt>Create Server Config</tt>", "<tt>Merge Server Configs</tt>"]
    w("<dt><strong>Configuration Phase Participation:</strong>\n" + (", ".join(parts) or "<tt> <em>none</em></tt>")
      + "</dt>")
    labels = [label for label, phase in REQUEST_HOOKS if phase in phases]
    w("<dt><strong>Request Phase Participation:</strong>\n" +
      (", ".join(f"<tt>{label}</tt>" for label in labels) or "<tt> <em>none</em></tt>") + "</dt>\n")
    if m.directives:
        w("<dt><strong>Module Directives:</strong></dt>")
        for d in m.directives:
            w(f"<dd><tt>{escape_html(d.name)}{'&gt;' if d.name.startswith('<') else ''} - <i>"
              f"{escape_html(d.help or '')}</i></tt></dd>\n")
        w("<dt><strong>Current Configuration:</strong></dt>\n")
        list_config(r.site.config.tree, HtmlListing(o), {d.name.lower() for d in m.directives})
    else:
        w("<dt><strong>Module Directives:</strong> <tt>none</tt></dt>")
    more = _more_info(r.server, m.source)
    if more is not None:
        w(f"<dt><strong>Additional Information:</strong>\n</dt><dd>{more}</dd>")
    w("</dl><hr />\n")
