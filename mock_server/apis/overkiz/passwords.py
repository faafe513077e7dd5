"""The password quality scorer behind ``POST /enduser/password/check`` and every place a
password is set (sign-up, the reset form).

Deterministic and explainable: points for length and character classes, minus a penalty per
weakness found. Some weaknesses are fatal (too short, too few character classes, the userId
inside, a well-known password) and make the score negative, which means refused. The fatal
length and class rules are also written as the sign-up schema's ``pattern``, so the
contract tells clients what is refused before they try.
"""

from __future__ import annotations

import hashlib
import itertools
import hmac
import re
from dataclasses import dataclass

MIN_LENGTH = 8
MIN_CLASSES = 3
MIN_USER_ID_PART = 4
"""A userId (or e-mail local part) shorter than this is not looked for in the password."""

CHARACTER_CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"[0-9]"), re.compile(r"[^A-Za-z0-9]"))

COMMON_WORDS = (
    "password", "passwort", "motdepasse", "admin", "welcome", "letmein", "qwerty", "azerty",
    "qwertz", "iloveyou", "dragon", "monkey", "sunshine", "princess", "football", "soleil",
    "bonjour", "master", "secret", "somfy", "tahoma", "overkiz", "hello", "shadow", "summer",
    "winter", "login", "user", "test",
)
SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "azertyuiop", "asdfghjkl", "zxcvbnm")
MIN_SEQUENCE = 4
LEET = str.maketrans({"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t"})
REPEAT = re.compile(r"(.)\1{2,}")

POINTS_PER_CHARACTER = 4
MAX_LENGTH_POINTS = 80
POINTS_PER_CLASS = 10
FATAL_PENALTY = MAX_LENGTH_POINTS + len(CHARACTER_CLASSES) * POINTS_PER_CLASS + 1
"""More than any password can earn: one fatal weakness always makes the score negative."""

WEAKNESSES = {
    "PWD_TOO_SHORT": (f"Password is too short (at least {MIN_LENGTH} characters)", FATAL_PENALTY),
    "PWD_TOO_FEW_CHARACTER_CLASSES": (
        f"Password must mix at least {MIN_CLASSES} of lower case, upper case, digits and other characters",
        FATAL_PENALTY,
    ),
    "PWD_CONTAINS_USER_ID": ("Password contains the user id", FATAL_PENALTY),
    "PWD_TOO_COMMON": ("Password is a well-known password", FATAL_PENALTY),
    "PWD_COMMON_TOKEN": ("Password contains a word or sequence which is too common", 15),
    "PWD_REPEATED_CHARACTERS": ("Password repeats the same character three times or more in a row", 10),
}

QUALITY_CLASSES = ((75, "Strong"), (50, "Medium"), (0, "Weak"))
REFUSED_CLASS = "Refused"

_ANY = r"[\s\S]*"
_HAS = {"lower": f"(?={_ANY}[a-z])", "upper": f"(?={_ANY}[A-Z])", "digit": f"(?={_ANY}[0-9])", "other": f"(?={_ANY}[^A-Za-z0-9])"}
SIGN_UP_PATTERN = (
    "^(?:"
    + "|".join("".join(_HAS[name] for name in trio) for trio in itertools.combinations(_HAS, MIN_CLASSES))
    + f")[\\s\\S]{{{MIN_LENGTH},}}$"
)
"""The fatal length and class rules as a regular expression, for the documents."""


@dataclass(frozen=True)
class Quality:
    score: int
    weaknesses: tuple[str, ...]
    """Weakness keys, in the order of ``WEAKNESSES``."""

    @property
    def refused(self) -> bool:
        return self.score < 0

    @property
    def quality_class(self) -> str:
        return next((name for floor, name in QUALITY_CLASSES if self.score >= floor), REFUSED_CLASS)

    def labels(self) -> list[str]:
        return [WEAKNESSES[key][0] for key in self.weaknesses]

    def as_json(self) -> dict:
        return {
            "score": self.score,
            "weaknesses": [{"key": key, "label": WEAKNESSES[key][0]} for key in self.weaknesses],
            "qualityClass": self.quality_class,
        }


def assess(password: str, user_id: str | None = None) -> Quality:
    classes = sum(1 for pattern in CHARACTER_CLASSES if pattern.search(password))
    found = {
        "PWD_TOO_SHORT": len(password) < MIN_LENGTH,
        "PWD_TOO_FEW_CHARACTER_CLASSES": classes < MIN_CLASSES,
        "PWD_CONTAINS_USER_ID": _contains_user_id(password, user_id),
        "PWD_TOO_COMMON": _is_common(password),
        "PWD_COMMON_TOKEN": _has_common_token(password),
        "PWD_REPEATED_CHARACTERS": bool(REPEAT.search(password)),
    }
    if found["PWD_TOO_COMMON"]:
        found["PWD_COMMON_TOKEN"] = False  # one finding, told once
    weaknesses = tuple(key for key in WEAKNESSES if found[key])
    score = min(len(password) * POINTS_PER_CHARACTER, MAX_LENGTH_POINTS) + classes * POINTS_PER_CLASS
    score -= sum(WEAKNESSES[key][1] for key in weaknesses)
    return Quality(score, weaknesses)


def _contains_user_id(password: str, user_id: str | None) -> bool:
    if not user_id:
        return False
    lowered = password.lower()
    parts = {user_id.lower(), user_id.lower().split("@", 1)[0]}
    return any(len(part) >= MIN_USER_ID_PART and part in lowered for part in parts)


def _letters_of(password: str) -> str:
    """The password as a dictionary would see it: lower case, l33t undone."""
    return password.lower().translate(LEET)


def _is_common(password: str) -> bool:
    """A common word dressed up with digits or symbols at either end (``Password1!``)."""
    core = re.sub(r"^[^a-z]+|[^a-z]+$", "", password.lower())
    return core in COMMON_WORDS or _letters_of(password).strip("0123456789!?.*#$%&@-_") in COMMON_WORDS


def _has_common_token(password: str) -> bool:
    letters = _letters_of(password)
    if any(word in letters for word in COMMON_WORDS):
        return True
    lowered = password.lower()
    return any(
        lowered[start : start + MIN_SEQUENCE] in sequence or lowered[start : start + MIN_SEQUENCE] in sequence[::-1]
        for start in range(len(lowered) - MIN_SEQUENCE + 1)
        for sequence in SEQUENCES
    )


def hash_password(password: str, salt: str) -> str:
    """``salt$hex``: PBKDF2 as a real service would keep it (few rounds: this is a mock)."""
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 1000)
    return f"{salt}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    salt, _, _digest = stored.partition("$")
    return hmac.compare_digest(hash_password(password, salt), stored)
