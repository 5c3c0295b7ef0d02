"""mod_authz_groupfile: AuthGroupFile, a path made absolute against ServerRoot.

Stored per directory (context.values): "AuthGroupFile" (absolute path).
"""
from __future__ import annotations

from .authn_file import file_slot
from .base import handles

handles("AuthGroupFile")(file_slot)


# -- serving: Require group ---------------------------------------------------------------------

from ..config.args import getword  # noqa: E402
from ..http.conf import compiles, field  # noqa: E402
from .authn_file import config_lines, getword as getword_colon  # noqa: E402
from .authz import DENIED, GRANTED, USER_PROVIDER_CHECKS, require_words  # noqa: E402
from .base import serves  # noqa: E402

field("auth_group_file", None)


@compiles("AuthGroupFile")
def _c_group_file(conf, vals, ctx):
    conf.auth_group_file = vals


def groups_for_user(path: str, user: str) -> set[str]:
    """The groups whose "name: member member..." line lists `user` (OSError if unreadable)."""
    groups = set()
    for line in config_lines(path):
        name, pos = getword_colon(line)
        name, members = name.rstrip(), line
        while pos < len(members):
            word, pos = getword(members, pos)
            if word == user:
                groups.add(name)
                break
    return groups


def check_group(r, sec) -> str:
    path = r.per_dir_config.auth_group_file
    if path is None:
        r.log_error("authz_groupfile", "error", "AH01664: No group file was specified in the configuration")
        return DENIED
    try:
        groups = groups_for_user(path, r.user)
    except OSError as e:
        r.log_error("authz_groupfile", "error", f"AH01665: Could not open group file: {path}", e.errno)
        return DENIED
    if not groups:
        r.log_error("authz_groupfile", "info", f"AH01666: Authorization of user {r.user} to access {r.uri} failed, "
                    f"reason: user doesn't appear in group file ({path}).")
        return DENIED
    required = require_words(r, sec, "authz_groupfile", "AH02592: authz_groupfile authorize: require group")
    if required is None:
        return DENIED
    if any(w in groups for w in required):
        return GRANTED
    r.log_error("authz_groupfile", "debug", f"AH01667: Authorization of user {r.user} to access {r.uri} failed, "
                "reason: user is not part of the 'require'ed group(s).")
    return DENIED


USER_PROVIDER_CHECKS["group"] = check_group
serves("AuthGroupFile")
