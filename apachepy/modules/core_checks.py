"""core's and http_core's value checks for the directives the HTTP layer reads as stored arguments.

Each handler reproduces the config-time check of httpd's handler (its message word for word),
then stores the arguments exactly as a directive without a handler would (see walk.Cmd.invoke),
so that apachepy/http/site.py keeps reading them unchanged.
"""
from __future__ import annotations

import re

from ..config.walk import NOT_IN_DIR_CONTEXT, Cmd
from .base import handles

UINT32_MAX = 4294967295
INT32_MAX = 2147483647


def _keep(cmd: Cmd, *args) -> None:
    cmd.store(list(args))


def _keep_word(cmd: Cmd, word: str) -> None:
    """ITERATE directives keep one list of all words per occurrence, as the generic walk does."""
    values = cmd.context.values.setdefault(cmd.cmd.name, [])
    if values and cmd.context.values.get(f"_node:{cmd.cmd.name}") is cmd.directive:
        values[-1].append(word)
    else:
        values.append([word])
        cmd.context.values[f"_node:{cmd.cmd.name}"] = cmd.directive


def _choice(message: str, *allowed: str):
    def handler(cmd: Cmd, arg: str):
        if arg.lower() not in allowed:
            return message
        _keep(cmd, arg)
        return None
    return handler


handles("AcceptPathInfo")(_choice("AcceptPathInfo must be set to on, off or default", "on", "off", "default"))
handles("EnableMMAP")(_choice("parameter must be 'on' or 'off'", "on", "off"))
handles("EnableSendfile")(_choice("parameter must be 'on' or 'off'", "on", "off"))
handles("HostnameLookups")(_choice("parameter must be 'on', 'off', or 'double'", "on", "off", "double"))
handles("ServerSignature")(_choice("ServerSignature: use one of: off | on | email", "on", "off", "email"))
handles("UseCanonicalName")(_choice("parameter must be 'on', 'off', or 'dns'", "on", "off", "dns"))
handles("UseCanonicalPhysicalPort")(_choice("parameter must be 'on' or 'off'", "on", "off"))
handles("TraceEnable")(_choice("TraceEnable must be one of 'on', 'off', or 'extended'", "on", "off", "extended"))


@handles("AllowEncodedSlashes")
def allow_encoded_slashes(cmd: Cmd, arg: str):
    if arg.lower() not in ("on", "off", "nodecode"):
        return f"{cmd.cmd.name} must be On, Off, or NoDecode"
    _keep(cmd, arg)
    return None


@handles("ProtocolsHonorOrder")
def protocols_honor_order(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT)
    if err:
        return err
    if arg.lower() not in ("on", "off"):
        return "ProtocolsHonorOrder must be 'on' or 'off'"
    _keep(cmd, arg)
    return None


def _strtoff(arg: str) -> int | None:
    """apr_strtoff base 10 with nothing left over, or None."""
    m = re.fullmatch(r"[ \t\n\r\f\v]*([+-]?\d+)", arg)
    return int(m.group(1)) if m else None


def _sized(low: int, high: int, shown: str):
    def handler(cmd: Cmd, arg: str):
        n = _strtoff(arg)
        if n is None or not (low <= n <= high):
            return f"parameter must be a number between {low} and {shown}: {arg}"
        _keep(cmd, arg)
        return None
    return handler


# httpd stringifies the C limits, parentheses and all
handles("ReadBufferSize")(_sized(0, UINT32_MAX, "(4294967295U))"))
handles("FlushMaxThreshold")(_sized(0, UINT32_MAX, "(4294967295U))"))
handles("FlushMaxPipelined")(_sized(-1, INT32_MAX, "(2147483647)"))


def _atoi(text: str) -> int:
    m = re.match(r"[ \t\n\r\f\v]*([+-]?\d+)", text)
    return int(m.group(1)) if m else 0


def _nonnegative(name: str):
    def handler(cmd: Cmd, arg: str):
        err = cmd.check_context(NOT_IN_DIR_CONTEXT)
        if err:
            return err
        if _atoi(arg) < 0:
            return f'{name} "{arg}" must be a non-negative integer'
        _keep(cmd, arg)
        return None
    return handler


handles("LimitRequestLine")(_nonnegative("LimitRequestLine"))
handles("LimitRequestFieldsize")(_nonnegative("LimitRequestFieldsize"))
handles("LimitRequestFields")(_nonnegative("LimitRequestFields"))


@handles("LimitRequestBody")
def limit_request_body(cmd: Cmd, arg: str):
    m = re.match(r"[ \t\n\r\f\v]*[+-]?\d+", arg)
    if not m:
        return "LimitRequestBody argument is not parsable."
    if m.end() != len(arg) or int(m.group()) < 0:
        return "LimitRequestBody requires a non-negative integer."
    _keep(cmd, arg)
    return None


@handles("LimitXMLRequestBody")
def limit_xml_request_body(cmd: Cmd, arg: str):
    if _atoi(arg) < 0:
        return "LimitXMLRequestBody requires a non-negative integer."
    _keep(cmd, arg)
    return None


def _ranges(name: str):
    def handler(cmd: Cmd, arg: str):
        if arg.lower() not in ("none", "default", "unlimited") and _atoi(arg) <= 0:
            return f"{name} requires 'none', 'default', 'unlimited' or a positive integer"
        _keep(cmd, arg)
        return None
    return handler


handles("MaxRanges")(_ranges("MaxRanges"))
handles("MaxRangeOverlaps")(_ranges("MaxRangeOverlaps"))
handles("MaxRangeReversals")(_ranges("MaxRangeReversals"))


@handles("LimitInternalRecursion")
def limit_internal_recursion(cmd: Cmd, arg1: str, arg2: str | None):
    for n, code, what in ((arg1, "00119", "Limiting internal redirects to very low numbers may cause normal "
                                            "requests to fail."),
                          (arg2, "00120", "Limiting the subrequest depth to a very low level may cause normal "
                                          "requests to fail.")):
        if n is None:
            continue
        v = _atoi(n)
        if v <= 0:
            return "The recursion limit must be greater than zero."
        if v < 4:
            cmd.reader.log.log("core", "warn", f"AH{code}: {what}")
    _keep(cmd, arg1, arg2)
    return None


_HPO = {"allow0.9": ("http09", 1), "require1.0": ("http09", 2), "strict": ("conformance", 1),
        "unsafe": ("conformance", 2), "registeredmethods": ("methods", 1), "lenientmethods": ("methods", 2)}
_HPO_CONFLICT = {"http09": "HttpProtocolOptions 'Allow0.9' and 'Require1.0' are mutually exclusive",
                 "conformance": "HttpProtocolOptions 'Strict' and 'Unsafe' are mutually exclusive",
                 "methods": "HttpProtocolOptions 'RegisteredMethods' and 'LenientMethods' are mutually exclusive"}


@handles("HttpProtocolOptions")
def http_protocol_options(cmd: Cmd, word: str):
    opt = _HPO.get(word.lower())
    if opt is None:
        return ("HttpProtocolOptions accepts 'Unsafe' or 'Strict' (default), 'RegisteredMethods' or "
                "'LenientMethods' (default), and 'Require1.0' or 'Allow0.9' (default)")
    # the bits accumulate per server, across directives, as in core_server_config
    bits = cmd.server.values.setdefault("_HttpProtocolOptions", {})
    bits[opt[0]] = bits.get(opt[0], 0) | opt[1]
    for group in ("http09", "conformance", "methods"):
        if bits.get(group) == 3:
            return _HPO_CONFLICT[group]
    _keep_word(cmd, word)
    return None


@handles("CGIVar")
def cgi_var(cmd: Cmd, var: str, rule: str):
    if var == "REQUEST_URI":
        if rule.lower() not in ("current-uri", "original-uri"):
            return "Valid rules for REQUEST_URI are 'current-uri' and 'original-uri'"
    else:
        return f'Unrecognized CGI variable: "{var}"'
    _keep(cmd, var, rule)
    return None


@handles("SetHandler")
def set_handler(cmd: Cmd, arg: str):
    if arg and not any(c in arg for c in "\\\n\"'%}$"):
        _keep(cmd, arg)         # plain text: a valid string expression as it stands
        return None
    from ..expr import ExprError, parse
    try:
        parse(arg, string_mode=True)
    except ExprError as e:
        return f"Can't parse expression : {e}"
    _keep(cmd, arg)
    return None


@handles("DefaultType")
def default_type(cmd: Cmd, arg: str):
    if arg.lower() not in ("off", "none"):
        node = cmd.directive
        cmd.reader.log.log("core", "warn", f"AH00117: Ignoring deprecated use of DefaultType in line {node.line} "
                                           f"of {node.file}.")
    return None


_UNITS = {"s": 1, "h": 3600, "ms": 0.001, "mi": 60}


def timeout_parameter(text: str, default_unit: str = "s") -> float | None:
    """ap_timeout_parameter_parse: a number with an optional unit (s, ms, mi, h), or None."""
    m = re.match(r"[ \t\n\r\f\v]*([+-]?\d+)", text)
    if not m:
        n, rest = 0, text          # strtoi64 of no digits is 0 and leaves the text
    else:
        n, rest = int(m.group(1)), text[m.end():]
    if n < 0:
        return None
    unit = rest or default_unit
    for u in ("ms", "mi", "s", "h"):
        if unit.startswith(u):
            return n * _UNITS[u]
    return None


@handles("KeepAliveTimeout")
def keep_alive_timeout(cmd: Cmd, arg: str):
    err = cmd.check_context(NOT_IN_DIR_CONTEXT)
    if err:
        return err
    if timeout_parameter(arg) is None:
        return "KeepAliveTimeout has wrong format"
    _keep(cmd, arg)
    return None


_REGEX_OPTIONS = ("ICASE", "DOTALL", "DOLLAR_ENDONLY", "EXTENDED")


@handles("RegexDefaultOptions")
def regex_default_options(cmd: Cmd, arg: str):
    """Changes the flags every later regex of the configuration is compiled with, as in httpd."""
    import re as _re

    from ..config.args import getword
    from ..config.walk import GLOBAL_ONLY
    from ..expr import pcre
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    bit = {"ICASE": _re.IGNORECASE, "DOTALL": _re.DOTALL, "DOLLAR_ENDONLY": pcre.DOLLAR_ENDONLY, "EXTENDED": 0}
    flags = pcre.get_default_cflags()
    pos = 0
    while pos < len(arg):
        name, pos = getword(arg, pos)
        if name.lower() == "none":
            flags = 0
            continue
        how = 0
        if name[:1] in "+-" and name:
            how, name = (1 if name[0] == "+" else -1), name[1:]
        if name.upper() not in _REGEX_OPTIONS:
            return f"{cmd.cmd.name}: option '{name}' unknown"
        f = bit[name.upper()]
        flags = flags | f if how > 0 else flags & ~f if how < 0 else f
    pcre.set_default_cflags(flags)
    _keep(cmd, arg)
    return None


@handles("AcceptFilter")
def accept_filter(cmd: Cmd, proto: str, accf: str):
    """Typed value: config.values["AcceptFilter"] = {protocol: filter}; on Linux "none" turns
    TCP_DEFER_ACCEPT off for that protocol's listeners, any other name leaves it on."""
    from ..config.walk import GLOBAL_ONLY
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    cmd.config.values.setdefault("AcceptFilter", {})[proto.lower()] = accf.lower()
    return None


# ErrorLogFormat items core registers (ap_register_errorlog_handler); %M is the message itself
_ERRORLOG_ITEMS = set("AEFLPTVaeiklmntv")


def _errorlog_format_error(fmt: str, main: bool) -> str | None:
    """parse_errorlog_string's checks; None when the format is valid."""
    i, n, seen_msg = 0, len(fmt), False
    while i < n:
        if fmt[i] != "%":
            # a literal run: up to the next '%' or a non-leading space
            at_start = True
            while i < n and fmt[i] != "%" and (fmt[i] != " " or at_start):
                if fmt[i] == "\\":
                    i += 1 if i + 1 >= n else 2
                    at_start = False
                    continue
                if fmt[i] != " ":
                    at_start = False
                i += 1
            continue
        i += 1
        if i < n and fmt[i] == " ":        # "% " is a field separator; what follows is parsed anew
            i += 1
            continue
        if i < n and fmt[i] == "%":        # "%%" is a literal percent sign
            i += 1
            continue
        required, level, done = False, 0, False
        while i < n and not done:
            c = fmt[i]
            if c == "{":
                end = fmt.find("}", i + 1)
                i = n if end < 0 else end + 1
            elif c == "+":
                required, i = True, i + 1
            elif c == "-":
                i += 1
            elif c.isdigit():
                j = i
                while j < n and fmt[j].isdigit():
                    j += 1
                level, i = int(fmt[i:j]), j
            elif c == "M":
                seen_msg, done, i = True, True, i + 1
                if not main:
                    return "%M cannot be used in once-per-request or once-per-connection formats"
            elif c in _ERRORLOG_ITEMS:
                done, i = True, i + 1
            else:
                return f"Unrecognized error log format directive %{c}"
        if not done:
            return "Ran off end of error log format parsing args to some directive"
        if main and required:
            return "The '+' flag cannot be used in the main error log format"
        if not main and level:
            return "The loglevel cannot be used as a condition in once-per-request or once-per-connection formats"
        if level > 15:
            return "The specified loglevel modifier is out of range"
    if main and not seen_msg:
        return "main ErrorLogFormat must contain message format string '%M'"
    return None


@handles("ErrorLogFormat")
def error_log_format(cmd: Cmd, arg1: str, arg2: str | None):
    if arg2 is None:
        err = _errorlog_format_error(arg1, True)
    elif arg1.lower() in ("connection", "request"):
        err = _errorlog_format_error(arg2, False) if arg2 else None
    else:
        err = "ErrorLogFormat type must be one of request, connection"
    if err:
        return err
    _keep(cmd, arg1, arg2)
    return None
