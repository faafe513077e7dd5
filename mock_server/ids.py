"""The only source of randomness: one seeded stream per (namespace, API).

Each API draws from its own stream, derived from the server seed and the API's name, so
adding an API or a record to one API never changes another API's data. The stream's state
is plain data, so it survives an export/import round trip and the next id after an import
is the one the original server would have produced.
"""

from __future__ import annotations

import base64
import hashlib
import random
import string
import uuid

from faker import Faker

LETTERS = string.ascii_lowercase


class Randomness:
    def __init__(self, seed: int, stream: str, locale: str = "en_US") -> None:
        digest = hashlib.sha256(f"{seed}:{stream}".encode()).digest()
        self.rng = random.Random(int.from_bytes(digest[:8], "big"))
        self._locale = locale
        self._faker: Faker | None = None

    @property
    def fake(self) -> Faker:
        """A Faker that draws from this stream (created on first use: it is slow to build)."""
        if self._faker is None:
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

    def export(self) -> list:
        version, internal, gauss = self.rng.getstate()
        return [version, list(internal), gauss]

    def restore(self, state: list) -> None:
        version, internal, gauss = state
        self.rng.setstate((version, tuple(internal), gauss))
