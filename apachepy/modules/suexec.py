"""mod_suexec: SuexecUserGroup, refused when the suEXEC wrapper is unusable (as mod_unixd
found it when the configuration was read).

Stored per server (server.values): "SuexecUserGroup" ((user, group)).
"""
from __future__ import annotations

import os
import stat

from ..config.walk import NOT_IN_DIR_CONTEXT, Cmd
from .base import handles

SUEXEC_BIN = "/usr/lib/apache2/suexec"


def suexec_disabled_reason(cmd: Cmd) -> str | None:
    """None when suEXEC is usable, else mod_unixd's reason."""
    setting = cmd.config.main.conf.values.get("Suexec")
    if setting and setting[-1] in ([False], False):
        return "Suexec directive is Off"
    try:
        st = os.stat(SUEXEC_BIN)
    except OSError:
        return f"Missing suexec binary {SUEXEC_BIN}"
    if st.st_mode & stat.S_ISUID and st.st_uid == 0 and os.access(SUEXEC_BIN, os.R_OK | os.X_OK):
        return None
    return f"Invalid owner or file mode for {SUEXEC_BIN}"


@handles("SuexecUserGroup")
def user_group(cmd: Cmd, user: str, group: str):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT)
    if err:
        return err
    reason = suexec_disabled_reason(cmd)
    if reason is not None:
        return f"SuexecUserGroup configured, but suEXEC is disabled: {reason}"
    cmd.server.values["SuexecUserGroup"] = (user, group)
    return None
