"""The authn provider interface (mod_auth.h): results and the providers that serve.

A provider is (module, check_password(r, user, password) -> result,
get_realm_hash(r, user, realm) -> (result, hash) or None when it can't).
"""
from __future__ import annotations

from typing import Callable

AUTH_DENIED, AUTH_GRANTED, AUTH_USER_FOUND = "denied", "granted", "user-found"
AUTH_USER_NOT_FOUND, AUTH_GENERAL_ERROR = "user-not-found", "general-error"

AUTHN_PROVIDERS: dict[str, tuple[str, Callable, Callable | None]] = {}


def register_provider(name: str, module: str, check_password: Callable,
                      get_realm_hash: Callable | None = None) -> None:
    AUTHN_PROVIDERS[name] = (module, check_password, get_realm_hash)
