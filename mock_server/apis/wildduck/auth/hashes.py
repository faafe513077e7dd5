"""The password hash forms the real server stores and checks (its ``lib/hashes.js``).

``hashedPassword: true`` on ``POST /users`` or ``PUT /users/{user}`` stores the given hash
as it is, if its form is one of these (told by its ``$id$`` prefix, or 13 characters of
DES crypt); anything else is refused with the real ``HashError`` "Invalid algo: ...".

- PBKDF2 in the PHC string form of ``@phc/pbkdf2``: ``$pbkdf2-<sha1|sha256|sha512>$i=<n>$<salt>$<hash>``
  (standard base64 without padding); the server's own hashes are this form too;
- bcrypt ``$2a$``, ``$2b$``, ``$2y$`` (password cut at 72 bytes, as bcryptjs does);
- argon2 ``$argon2d$``, ``$argon2i$``, ``$argon2id$``;
- unix crypt: MD5 ``$1$``, SHA-256 ``$5$``, SHA-512 ``$6$``, and traditional DES.

Each is verified by a maintained library (hashlib, bcrypt, argon2-cffi, libpass). Every form
but the server's own is "rehashed" to it after the first good password check, as the real
server does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Callable

from ....lazy_module import lazy

passlib_hash = lazy("passlib.hash")
"""Imported by the first crypt(3) hash checked, not by every start."""
argon2_low_level = lazy("argon2.low_level")
argon2_exceptions = lazy("argon2.exceptions")
bcrypt = lazy("bcrypt")
"""Likewise, by the first argon2 or bcrypt hash checked (C libraries, ten modules)."""

_DES = re.compile(r"^[0-9a-z./]{13}$", re.IGNORECASE)
_PREFIX = re.compile(r"^\$([^$]+)\$")
_PHC_PBKDF2 = re.compile(r"^\$pbkdf2-(sha1|sha256|sha512)\$i=(\d+)\$([A-Za-z0-9+/.-]*)\$([A-Za-z0-9+/.-]+)$")
_ARGON2_TYPES = {"argon2d": "D", "argon2i": "I", "argon2id": "ID"}
"""Names in ``argon2.low_level.Type``."""
BCRYPT_MAX_BYTES = 72


class UnsupportedHash(ValueError):
    """A hash form the real server does not know; the text is the real server's."""


def form_of(stored: str) -> str:
    """The form's name (``pbkdf2``, ``bcrypt``, ``unixcrypt``, ``argon2``, ``md5``, ``des``);
    raises :class:`UnsupportedHash` with the real server's message otherwise."""
    if _DES.match(stored):
        return "des"
    match = _PREFIX.match(stored)
    algo = match.group(1).lower() if match else ""
    for form, ids in _FORMS.items():
        if algo in ids:
            return form
    raise UnsupportedHash(f"Invalid algo: {json.dumps(algo)}")


def verify(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored``; a malformed hash of a known form never matches."""
    try:
        return _VERIFIERS[form_of(stored)](password, stored)
    except (ValueError, TypeError, binascii.Error, argon2_exceptions.VerificationError, argon2_exceptions.InvalidHashError):
        return False


def pbkdf2_hash(password: str, salt: bytes, iterations: int) -> str:
    """The server's own form: PBKDF2-SHA256, 32 bytes, as ``@phc/pbkdf2`` writes it."""
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations, 32)
    return f"$pbkdf2-sha256$i={iterations}${_b64(salt)}${_b64(digest)}"


def is_own_form(stored: str) -> bool:
    """PBKDF2-SHA256 as :func:`pbkdf2_hash` writes it; every other form is replaced after a
    good check (the real server keeps strong PBKDF2 too, this mock has no cost to weigh)."""
    return stored.startswith("$pbkdf2-sha256$")


def _verify_pbkdf2(password: str, stored: str) -> bool:
    match = _PHC_PBKDF2.match(stored)
    if not match:
        return False
    digest_name, iterations, salt, expected = match.groups()
    wanted = _unb64(expected)
    computed = hashlib.pbkdf2_hmac(digest_name, password.encode(), _unb64(salt), int(iterations), len(wanted))
    return hmac.compare_digest(computed, wanted)


def _verify_bcrypt(password: str, stored: str) -> bool:
    return bcrypt.checkpw(password.encode()[:BCRYPT_MAX_BYTES], stored.encode())


def _verify_argon2(password: str, stored: str) -> bool:
    kind = getattr(argon2_low_level.Type, _ARGON2_TYPES[_PREFIX.match(stored).group(1).lower()])
    return argon2_low_level.verify_secret(stored.encode(), password.encode(), kind)


def _verify_unixcrypt(password: str, stored: str) -> bool:
    return (passlib_hash.sha256_crypt if stored.startswith("$5$") else passlib_hash.sha512_crypt).verify(password, stored)


def _verify_md5crypt(password: str, stored: str) -> bool:
    return passlib_hash.md5_crypt.verify(password, stored)


def _verify_descrypt(password: str, stored: str) -> bool:
    return passlib_hash.des_crypt.verify(password, stored)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


_FORMS: dict[str, frozenset[str]] = {
    "pbkdf2": frozenset({"pbkdf2-sha512", "pbkdf2-sha256", "pbkdf2-sha1"}),
    "bcrypt": frozenset({"2a", "2b", "2y"}),
    "unixcrypt": frozenset({"5", "6"}),
    "argon2": frozenset({"argon2d", "argon2i", "argon2id"}),
    "md5": frozenset({"1"}),
}
_VERIFIERS: dict[str, Callable[[str, str], bool]] = {
    "pbkdf2": _verify_pbkdf2,
    "bcrypt": _verify_bcrypt,
    "unixcrypt": _verify_unixcrypt,
    "argon2": _verify_argon2,
    "md5": _verify_md5crypt,
    "des": _verify_descrypt,
}
