"""mod_authz_groupfile: AuthGroupFile, a path made absolute against ServerRoot.

Stored per directory (context.values): "AuthGroupFile" (absolute path).
"""
from __future__ import annotations

from .authn_file import file_slot
from .base import handles

handles("AuthGroupFile")(file_slot)
