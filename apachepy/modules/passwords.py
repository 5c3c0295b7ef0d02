"""apr_password_validate: the password hash formats htpasswd writes and httpd accepts.

  $apr1$salt$hash   APR's MD5-crypt (computed here)
  {SHA}base64       SHA-1 of the password
  $2y$ / $2a$       bcrypt: the `bcrypt` package when importable, else the system crypt(3)
                    (libxcrypt verifies bcrypt too); neither available means mismatch
  anything else     the system crypt(3) (DES, $5$, $6$...); a hash crypt(3) rejects, plain
                    text included, is a mismatch, as on Unix httpd
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import warnings


def _crypt_mod():
    """crypt(3), imported on first use (`-t` never needs it); serving imports it while the Site
    is built (apachepy/http/site.py's preload), before workers drop privileges."""
    with warnings.catch_warnings():
        # crypt is deprecated since 3.11 (gone in 3.13), still the only portable door to crypt(3)
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            import crypt
            return crypt
        except ImportError:
            return None


def _bcrypt_mod():
    try:
        import bcrypt
        return bcrypt
    except ImportError:
        return None

_ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
APR1 = "$apr1$"


def _to64(v: int, n: int) -> str:
    out = []
    for _ in range(n):
        out.append(_ITOA64[v & 0x3F])
        v >>= 6
    return "".join(out)


def apr_md5_encode(pw: bytes, setting: str) -> str:
    """apr_md5_encode: "$apr1$" + salt (at most 8 characters, up to a '$') + "$" + hash."""
    salt = setting[len(APR1):] if setting.startswith(APR1) else setting
    salt = salt.split("$", 1)[0][:8]
    sb = salt.encode("latin-1")
    ctx = hashlib.md5(pw + APR1.encode() + sb)
    alt = hashlib.md5(pw + sb + pw).digest()
    n = len(pw)
    while n > 0:
        ctx.update(alt[:min(16, n)])
        n -= 16
    n = len(pw)
    while n:
        ctx.update(b"\0" if n & 1 else pw[:1])
        n >>= 1
    final = ctx.digest()
    for i in range(1000):
        c = hashlib.md5()
        c.update(pw if i & 1 else final)
        if i % 3:
            c.update(sb)
        if i % 7:
            c.update(pw)
        c.update(final if i & 1 else pw)
        final = c.digest()
    enc = "".join(_to64((final[a] << 16) | (final[b] << 8) | final[c], 4)
                  for a, b, c in ((0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)))
    return f"{APR1}{salt}${enc}{_to64(final[11], 2)}"


def sha1_base64(pw: bytes) -> str:
    return "{SHA}" + base64.b64encode(hashlib.sha1(pw).digest()).decode("ascii")


def _crypt(pw: bytes, hash_: str) -> str | None:
    crypt = _crypt_mod()
    if crypt is None:
        return None
    try:
        return crypt.crypt(pw.decode("latin-1"), hash_)
    except (OSError, ValueError):
        return None


def _bcrypt(pw: bytes, hash_: str) -> str | None:
    bcrypt = _bcrypt_mod()
    if bcrypt is None:
        return _crypt(pw, hash_)
    try:
        return bcrypt.hashpw(pw, hash_.encode("latin-1")).decode("latin-1")
    except ValueError:
        return None


def validate(pw: bytes, hash_: str) -> bool:
    """Whether password `pw` matches the stored `hash_` (compared in constant time)."""
    if hash_.startswith(APR1):
        sample = apr_md5_encode(pw, hash_)
    elif hash_.startswith("{SHA}"):
        sample = sha1_base64(pw)
    elif hash_[:4] in ("$2a$", "$2y$"):
        sample = _bcrypt(pw, hash_)
    else:
        sample = _crypt(pw, hash_)
    if not sample:
        return False
    return hmac.compare_digest(sample.encode("latin-1"), hash_.encode("latin-1"))
