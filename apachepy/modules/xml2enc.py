"""mod_xml2enc: character sets for markup filters, checked as httpd (with libxml2 2.9) does.

Stored per directory (context.values): "xml2EncDefault" ((charset, libxml2 encoding name)),
"xml2StartParse" (element names).  Process-wide (config.values): "xml2EncAlias"
({ALIAS: charset}), as libxml2 keeps one alias table.
"""
from __future__ import annotations

from ..config.walk import GLOBAL_ONLY, Cmd
from .base import handles

# libxml2's xmlParseCharEncoding: upper-cased names it knows
_ENCODINGS = {"UTF-8": "UTF8", "UTF8": "UTF8", "UTF-16": "UTF16LE", "UTF16": "UTF16LE",
              "ISO-10646-UCS-2": "UCS2", "UCS-2": "UCS2", "UCS2": "UCS2", "ISO-10646-UCS-4": "UCS4LE",
              "UCS-4": "UCS4LE", "UCS4": "UCS4LE", "ISO-8859-1": "8859_1", "ISO-LATIN-1": "8859_1",
              "ISO LATIN 1": "8859_1", "ISO-8859-2": "8859_2", "ISO-LATIN-2": "8859_2", "ISO LATIN 2": "8859_2",
              "ISO-8859-3": "8859_3", "ISO-8859-4": "8859_4", "ISO-8859-5": "8859_5", "ISO-8859-6": "8859_6",
              "ISO-8859-7": "8859_7", "ISO-8859-8": "8859_8", "ISO-8859-9": "8859_9", "ISO-2022-JP": "2022_JP",
              "SHIFT_JIS": "SHIFT_JIS", "EUC-JP": "EUC_JP"}


def parse_char_encoding(cmd: Cmd, name: str) -> str | None:
    """The encoding libxml2 finds for a name (after aliases), "" for none, None for an error."""
    name = cmd.config.values.get("xml2EncAlias", {}).get(name.upper(), name)
    upper = name.upper()
    if upper == "":
        return ""
    return _ENCODINGS.get(upper)


@handles("xml2EncDefault")
def default(cmd: Cmd, charset: str):
    enc = parse_char_encoding(cmd, charset)
    cmd.context.values["xml2EncDefault"] = (charset, enc)
    if enc == "":
        return "Default charset not found"
    if enc is None:
        return "Invalid or unsupported default charset"
    return None


@handles("xml2EncAlias")
def alias(cmd: Cmd, charset: str, name: str):
    err = cmd.check_context(GLOBAL_ONLY)
    if err:
        return err
    cmd.config.values.setdefault("xml2EncAlias", {})[name.upper()] = charset
    return None


@handles("xml2StartParse")
def start_parse(cmd: Cmd, arg: str):
    cmd.context.values.setdefault("xml2StartParse", []).append(arg)
    return None
