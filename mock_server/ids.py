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
import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from faker import Faker

LETTERS = string.ascii_lowercase
WORDS = 624
"""Words of the Mersenne Twister's state (Python's ``random``)."""
MT_VERSION = 3


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
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(length))

    def object_id(self) -> str:
        """A 24-hex-character id, the shape of a MongoDB ObjectId."""
        return self.hex(24)

    def token(self, nbytes: int = 24) -> str:
        """An URL-safe random token, like ``secrets.token_urlsafe`` but reproducible."""
        return base64.urlsafe_b64encode(self.rng.randbytes(nbytes)).rstrip(b"=").decode()

    def letters(self, length: int, alphabet: str = LETTERS) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(length))

    def uuid4(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

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
