"""PEM text read the way the real server's libraries read it.

- ``pem_fingerprint``: the ``key-fingerprint`` package the real server uses for keys and
  certificates: SHA-256 of what the PEM's base64 body decodes to, lower-case hex, colon
  separated. For a private key that is its PKCS#1 or PKCS#8 DER as given, so re-encoding a
  key changes its fingerprint there too.
- ``node_base64``: Node's ``Buffer.from(text, 'base64')``: other characters are skipped and
  decoding stops at the padding, so it never fails.
- ``pem_der``: the DER OpenSSL reads from a PEM: only as far as the outer ASN.1 element says
  (trailing bytes are ignored).
"""

from __future__ import annotations

import base64
import hashlib
import re

_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/]")
_ARMOUR = re.compile(r"-----(BEGIN|END) (RSA |)(PRIVATE|PUBLIC) KEY-----|-----(BEGIN|END) CERTIFICATE-----")


def node_base64(text: str) -> bytes:
    body = _NOT_BASE64.sub("", text.split("=")[0])
    body = body[: len(body) - 1] if len(body) % 4 == 1 else body
    return base64.b64decode(body + "=" * (-len(body) % 4))


def pem_fingerprint(pem: str) -> str:
    digest = hashlib.sha256(node_base64(_ARMOUR.sub("", pem))).hexdigest()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def pem_der(pem: str) -> bytes:
    """Raises ValueError when the body is not a DER sequence."""
    lines = [line.strip() for line in pem.strip().splitlines()]
    der = node_base64("".join(line for line in lines if line and not line.startswith("-----") and ":" not in line))
    if len(der) < 2 or der[0] != 0x30:
        raise ValueError("not a DER sequence")
    if der[1] < 0x80:
        return der[: 2 + der[1]]
    size_bytes = der[1] & 0x7F
    return der[: 2 + size_bytes + int.from_bytes(der[2 : 2 + size_bytes], "big")]
