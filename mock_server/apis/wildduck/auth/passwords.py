"""Password hashing and the generated passwords of the real server.

Hashes are PBKDF2 with a seeded salt (few rounds: this is a mock, and tests authenticate a
lot), so exported state never holds a clear-text password and a restored one still checks.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import string

from ....ids import Randomness

ROUNDS = 1000
ASP_PATTERN = re.compile(r"^[a-z]{16}$")
TEMP_PASSWORD_ALPHABET = string.ascii_letters + string.digits


def hash_password(password: str, random: Randomness) -> str:
    salt = random.hex(16)
    return f"$pbkdf2-sha256${ROUNDS}${salt}${_digest(password, salt, ROUNDS)}"


def check_password(password: str, stored: str) -> bool:
    if not stored or not password:
        return False
    _, _, rounds, salt, digest = stored.split("$")
    return hmac.compare_digest(_digest(password, salt, int(rounds)), digest)


def _digest(password: str, salt: str, rounds: int) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), rounds).hex()


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
