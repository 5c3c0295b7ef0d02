"""mod_authn_file: AuthUserFile, a path made absolute against ServerRoot (ap_set_file_slot).

Stored per directory (context.values): "AuthUserFile" (absolute path).
"""
from __future__ import annotations

from ..config.walk import Cmd
from .base import handles


def file_slot(cmd: Cmd, arg: str):
    cmd.context.values[cmd.cmd.name] = cmd.reader.server_root_relative(arg)
    return None


handles("AuthUserFile")(file_slot)


# -- serving: the "file" authn provider ------------------------------------------------------

from ..http.conf import compiles, field  # noqa: E402
from . import passwords  # noqa: E402
from .authn_results import AUTH_DENIED, AUTH_GENERAL_ERROR, AUTH_GRANTED, AUTH_USER_FOUND, \
    AUTH_USER_NOT_FOUND, register_provider  # noqa: E402

field("auth_user_file", None)


@compiles("AuthUserFile")
def _c_user_file(conf, vals, ctx):
    conf.auth_user_file = vals


def config_lines(path: str):
    """ap_pcfg_openfile + ap_cfg_getline: the file's lines, blank and '#' lines skipped,
    surrounding white space removed (latin-1: user names are compared byte for byte)."""
    with open(path, "rb") as f:
        data = f.read()
    for raw in data.split(b"\n"):
        line = raw.strip(b" \t\r\f\v").decode("latin-1")
        if line and line[0] != "#":
            yield line


def _open(r, code: str):
    path = r.per_dir_config.auth_user_file
    if path is None:
        r.log_error("authn_file", "error", f"{code[0]}: AuthUserFile not specified in the configuration")
        return None
    try:
        return list(config_lines(path))
    except OSError as e:
        r.log_error("authn_file", "error", f"{code[1]}: Could not open password file: {path}", e.errno)
        return None


def getword(line: str, pos: int = 0) -> tuple[str, int]:
    """ap_getword(':'): the text up to the next ':', then every ':' that follows is skipped."""
    end = line.find(":", pos)
    if end < 0:
        return line[pos:], len(line)
    word = line[pos:end]
    while end < len(line) and line[end] == ":":
        end += 1
    return word, end


def check_password(r, user: str, password: bytes) -> str:
    lines = _open(r, ("AH01619", "AH01620"))
    if lines is None:
        return AUTH_GENERAL_ERROR
    for line in lines:
        name, pos = getword(line)
        if name == user:
            return AUTH_GRANTED if passwords.validate(password, getword(line, pos)[0]) else AUTH_DENIED
    return AUTH_USER_NOT_FOUND


def get_realm_hash(r, user: str, realm: str):
    """(status, hash) for AuthBasicUseDigestAlgorithm: the user:realm:md5 line's hash."""
    lines = _open(r, ("AH01621", "AH01622"))
    if lines is None:
        return AUTH_GENERAL_ERROR, None
    for line in lines:
        name, pos = getword(line)
        got_realm, pos = getword(line, pos)
        if name == user and got_realm == realm:
            return AUTH_USER_FOUND, getword(line, pos)[0]
    return AUTH_USER_NOT_FOUND, None


register_provider("file", "authn_file_module", check_password, get_realm_hash)

from .base import serves  # noqa: E402

serves("AuthUserFile")
