"""Password hashing and the generated passwords of the real server.

Hashes are the real server's own form (PBKDF2-SHA256 in ``@phc/pbkdf2``'s PHC string) with
a seeded salt and few rounds (this is a mock, and tests authenticate a lot), so exported
state never holds a clear-text password, a restored one still checks, and a real server
would check it too. Imported hashes of other forms are checked by hashes.py.
"""

from __future__ import annotations

import re
import string

from ....ids import Randomness
from ..errors import fail
from . import hashes

ROUNDS = 1000
ASP_PATTERN = re.compile(r"^[a-z]{16}$")
TEMP_PASSWORD_ALPHABET = string.ascii_letters + string.digits


def hash_password(password: str, random: Randomness) -> str:
    return hashes.pbkdf2_hash(password, random.rng.randbytes(16), ROUNDS)


def password_to_store(password: str, hashed: bool, random: Randomness, **details: str) -> str:
    """What a user record keeps for a new password: its hash, or with ``hashedPassword``
    the given hash itself when its form is one the real server knows (400 ``HashError``
    with the real text and ``details`` otherwise; the real server answers that with 500)."""
    if not hashed:
        return hash_password(password, random)
    try:
        hashes.form_of(password)
    except hashes.UnsupportedHash as unsupported:
        fail(400, str(unsupported), "HashError", **details)
    return password


def needs_rehash(stored: str) -> bool:
    """An imported hash is replaced by the server's own form after a good check."""
    return not hashes.is_own_form(stored)


def check_password(password: str, stored: str) -> bool:
    if not stored or not password:
        return False
    return hashes.verify(password, stored)


def new_app_password(random: Randomness) -> str:
    """16 lower-case letters, as the real server generates them."""
    return random.letters(16)


def normalize_app_password(password: str) -> str | None:
    """An app password may be typed with spaces ("abcd efgh ijkl mnop") and in any case;
    None when the value can not be one."""
    candidate = re.sub(r"\s+", "", password).lower()
    return candidate if ASP_PATTERN.match(candidate) else None


def new_temporary_password(random: Randomness) -> str:
    """12 letters and digits, like the real ``password/reset``."""
    return random.letters(12, TEMP_PASSWORD_ALPHABET)
