"""The only source of randomness: one seeded stream per (namespace, API).

Each API draws from its own stream, derived from the server seed and the API's name, so
adding an API or a record to one API never changes another API's data. The stream's state
is plain data, so it survives an export/import round trip and the next id after an import
is the one the original server would have produced.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import math
import random
import string
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from faker import Faker

LETTERS = string.ascii_lowercase
WORDS = 624
"""Words of the Mersenne Twister's state (Python's ``random``)."""
MT_VERSION = 3
_HEX_DIGIT_OF_TOP_BYTE = bytes(b"0123456789abcdef"[byte >> 3] if byte < 128 else 0 for byte in range(256))
"""A word's top byte -> the digit ``choice`` takes from its top 5 bits (see :meth:`Randomness.hex`)."""
_REJECTED_TOP_BYTES = bytes(range(128, 256))
"""Top bytes whose 5 bits are 16 or more: ``choice`` draws again."""
_UUID4_KEPT_BITS = ~((0xC000 << 48) | (0xF000 << 64))
_UUID4_SET_BITS = (0x8000 << 48) | (4 << 76)
"""The variant (RFC 4122) and version (4) bits, as ``uuid.UUID(..., version=4)`` puts them."""


class Randomness:
    def __init__(self, seed: int, stream: str, locale: str = "en_US") -> None:
        digest = hashlib.sha256(f"{seed}:{stream}".encode()).digest()
        self.rng = random.Random(int.from_bytes(digest[:8], "big"))
        self._locale = locale
        self._faker: Faker | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> "Randomness":
        """A copy that continues the same stream; its Faker is rebuilt on first use (Faker's
        own deepcopy would give it a random generator of its own)."""
        copied = Randomness.__new__(Randomness)
        copied.rng = copy.deepcopy(self.rng, memo)
        copied._locale = self._locale
        copied._faker = None
        return copied

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (a new namespace's template, world.py) without its Faker, as in a deep copy."""
        return {**self.__dict__, "_faker": None}

    @property
    def fake(self) -> Faker:
        """A Faker that draws from this stream (created on first use: it is slow to build, and
        Faker itself is imported by the first namespace seeded, not at start-up: ~65 ms)."""
        if self._faker is None:
            from faker import Faker

            self._faker = Faker(self._locale)
            self._faker.random = self.rng
        return self._faker

    def hex(self, length: int) -> str:
        """``length`` digits, each ``rng.choice("0123456789abcdef")`` as before, without a
        Python call per draw. ``choice`` of 16 draws ``getrandbits(5)`` (one 32-bit word of the
        Mersenne Twister, its top 5 bits) until the value is below 16; ``getrandbits(32 * n)``
        hands out the next ``n`` words, first word lowest. So each word's top byte below 128
        is a digit (that byte shifted right by 3) and each other word a rejected draw. Words
        are asked for only as many as digits are still missing, so no word is drawn that
        ``choice`` would not have drawn. tests/test_ids.py holds it to ``choice``."""
        digits = b""
        while len(digits) < length:
            missing = length - len(digits)
            words = self.rng.getrandbits(32 * missing).to_bytes(4 * missing, "little")
            digits += words[3::4].translate(_HEX_DIGIT_OF_TOP_BYTE, _REJECTED_TOP_BYTES)
        return digits.decode("ascii")

    def object_id(self) -> str:
        """A 24-hex-character id, the shape of a MongoDB ObjectId."""
        return self.hex(24)

    def token(self, nbytes: int = 24) -> str:
        """An URL-safe random token, like ``secrets.token_urlsafe`` but reproducible."""
        return base64.urlsafe_b64encode(self.rng.randbytes(nbytes)).rstrip(b"=").decode()

    def letters(self, length: int, alphabet: str = LETTERS) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(length))

    def uuid4(self) -> str:
        """``str(uuid.UUID(int=getrandbits(128), version=4))``, with the version and variant
        bits set as ``uuid.UUID`` sets them, without building the object (every Retarus answer
        carries one)."""
        value = (self.rng.getrandbits(128) & _UUID4_KEPT_BITS) | _UUID4_SET_BITS
        text = f"{value:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    def export(self) -> dict[str, Any]:
        """The Mersenne Twister's state: its 624 words, the position in them, a cached gauss."""
        _version, internal, gauss = self.rng.getstate()
        return {"words": list(internal[:-1]), "position": internal[-1], "gauss": gauss}

    def restore(self, state: Any) -> None:
        """Continue from an exported state; ValueError, in words, for one that is not."""
        if not isinstance(state, dict) or set(state) != {"words", "position", "gauss"}:
            raise ValueError("expected an object of 'words', 'position' and 'gauss'")
        words, position, gauss = state["words"], state["position"], state["gauss"]
        if not isinstance(words, list) or len(words) != WORDS or not all(_is_word(word) for word in words):
            raise ValueError(f"'words' must be {WORDS} whole numbers from 0 to {2**32 - 1}")
        if not _is_int(position) or not 0 <= position <= WORDS:
            raise ValueError(f"'position' must be a whole number from 0 to {WORDS}")
        if gauss is not None and (isinstance(gauss, bool) or not isinstance(gauss, (int, float))
                                  or not math.isfinite(gauss)):
            raise ValueError("'gauss' must be a number or null")
        self.rng.setstate((MT_VERSION, (*words, position), None if gauss is None else float(gauss)))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_word(value: Any) -> bool:
    return _is_int(value) and 0 <= value < 2**32
