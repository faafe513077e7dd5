"""The fingerprint the real server gives keys and certificates (the ``key-fingerprint``
package): SHA-256 of what the PEM's base64 body decodes to, lower-case hex, colon separated.
For a private key that is its PKCS#1 or PKCS#8 DER as given, so re-encoding a key changes
its fingerprint there too. Decoding is as lenient as Node's: other characters are skipped,
and it stops at the padding."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

_BASE64 = re.compile(r"[^A-Za-z0-9+/]")
_ARMOUR = re.compile(r"-----(BEGIN|END) (RSA |)(PRIVATE|PUBLIC) KEY-----|-----(BEGIN|END) CERTIFICATE-----")


def pem_fingerprint(pem: str) -> str:
    body = _BASE64.sub("", _ARMOUR.sub("", pem).split("=")[0])
    body = body[: len(body) - 1] if len(body) % 4 == 1 else body
    try:
        der = base64.b64decode(body + "=" * (-len(body) % 4))
    except binascii.Error:
        der = b""
    digest = hashlib.sha256(der).hexdigest()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
