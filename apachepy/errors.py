"""Error types that carry httpd's wording and position."""
from __future__ import annotations


class ConfigError(Exception):
    """A configuration error; `message` is httpd's text without any prefix."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ReadError(ConfigError):
    """Read-phase error: printed as one line, `argv0: Syntax error on line N of F: msg`.

    `message` already holds any chained "Syntax error on line ..." prefixes of inner files.
    """


class WalkError(ConfigError):
    """Walk-phase error: `AH00526: Syntax error on line N of F:` then the message."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.file = file
        self.line = line


class FatalStartup(ConfigError):
    """An error httpd prints verbatim (already formatted) before exiting 1."""
