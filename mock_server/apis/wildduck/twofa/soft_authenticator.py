"""A software WebAuthn authenticator and the browser side around it, speaking WildDuck's
hex wire form.

It does what a security key and ``navigator.credentials`` do together: makes a P-256 key
pair, answers ``create`` with a real ``none`` attestation (authenticator data with the
attested credential and its COSE key, CBOR-encoded) and ``get`` with a real ES256
signature over authenticator data and the client data hash, counting signatures. Nothing
is stubbed: the server checks these with its WebAuthn library as it would a real key's.
The tests use it as a user's security key; a contract run's preparation (``conformance.py``)
uses a seeded one to sign the responses it hands out.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import struct
from dataclasses import dataclass, field
from typing import Any

from ....lazy_module import lazy

# cryptography and cbor2 are imported on first use, not by every start (~40 ms)
cbor2 = lazy("cbor2")
hashes = lazy("cryptography.hazmat.primitives.hashes")
ec = lazy("cryptography.hazmat.primitives.asymmetric.ec")

FLAG_USER_PRESENT = 0x01
FLAG_ATTESTED_DATA = 0x40
COSE_EC2, COSE_ES256, COSE_P256 = 2, -7, 1
AAGUID = bytes(16)
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


@dataclass
class SoftAuthenticator:
    origin: str = "https://example.com"
    counter: int = 0
    """Signatures made; sent in each assertion. Set it back to play a cloned key."""
    credential_id: bytes = field(default_factory=lambda: os.urandom(32))
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def seeded(cls, rng: random.Random, origin: str) -> "SoftAuthenticator":
        """A key made from the namespace's random stream, so a seeded run signs the same."""
        secret = int.from_bytes(rng.randbytes(32), "big") % (P256_ORDER - 1) + 1
        return cls(origin=origin, credential_id=rng.randbytes(32), key=ec.derive_private_key(secret, ec.SECP256R1()))

    def create(self, options: dict[str, Any], *, origin: str | None = None) -> dict[str, str]:
        """Answer ``registrationOptions`` as the WildDuck attestation request body."""
        rp_id = options["rp"]["id"]
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        auth_data = self._auth_data(rp_id, FLAG_USER_PRESENT | FLAG_ATTESTED_DATA) + self._attested_credential()
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "challenge": options["challenge"],
            "rawId": self.credential_id.hex(),
            "clientDataJSON": client_data.hex(),
            "attestationObject": attestation.hex(),
        }

    def get(self, options: dict[str, Any], *, origin: str | None = None, rp_id: str | None = None) -> dict[str, str]:
        """Answer ``authenticationOptions`` as the WildDuck assertion request body."""
        self.counter += 1
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        auth_data = self._auth_data(rp_id or options["rpId"], FLAG_USER_PRESENT)
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "challenge": options["challenge"],
            "rawId": self.credential_id.hex(),
            "clientDataJSON": client_data.hex(),
            "authenticatorData": auth_data.hex(),
            "signature": signature.hex(),
        }

    def _client_data(self, kind: str, hex_challenge: str, origin: str | None) -> bytes:
        challenge = base64.urlsafe_b64encode(bytes.fromhex(hex_challenge)).rstrip(b"=").decode()
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin or self.origin, "crossOrigin": False}).encode()

    def _auth_data(self, rp_id: str, flags: int) -> bytes:
        return hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", self.counter)

    def _attested_credential(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        cose_key = cbor2.dumps({1: COSE_EC2, 3: COSE_ES256, -1: COSE_P256, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})
        return AAGUID + struct.pack(">H", len(self.credential_id)) + self.credential_id + cose_key
