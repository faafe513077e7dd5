"""DKIM signing of the mail WildDuck sends (submissions, forwards, autoreplies: all of it
leaves through ``outbound.send``), as the real server's outbound MTA (ZoneMTA with WildDuck's
plugin) signs it: with the key of the ``From`` domain, else the ``*`` key, else not at all. The signature verifies against the TXT record that
``POST /dkim`` published."""

from __future__ import annotations

import base64
from email.parser import BytesHeaderParser
from email.utils import getaddresses

from ....lazy_module import lazy
from ..context import Context
from .dkim_keys import for_sending
from .names import normalize_domain
from .pem import pem_der
from .store import DkimKey

# dkimpy (with its DNS resolver) and cryptography are imported by the first message signed,
# not by every start (~80 ms)
dkim = lazy("dkim")
serialization = lazy("cryptography.hazmat.primitives.serialization")
ed25519 = lazy("cryptography.hazmat.primitives.asymmetric.ed25519")


def sign(ctx: Context, raw: bytes) -> bytes:
    """``raw`` with a ``DKIM-Signature`` header in front; unchanged when no key applies."""
    domain = _from_domain(raw)
    key = for_sending(ctx, domain) if domain else None
    if key is None:
        return raw
    algorithm, private = _signing_key(key)
    signing_domain = domain if key.domain == "*" else key.domain
    header = dkim.sign(raw, key.selector.encode(), signing_domain.encode("idna"), private,
                       signature_algorithm=algorithm, canonicalize=(b"relaxed", b"relaxed"))
    return header + raw


def sign_text(ctx: Context, raw: str) -> str:
    """:func:`sign` for a message kept as text (the outbox keeps ASCII sources)."""
    return sign(ctx, raw.encode("utf-8", "surrogateescape")).decode("utf-8", "surrogateescape")


def _from_domain(raw: bytes) -> str:
    headers = BytesHeaderParser().parsebytes(raw)
    addresses = [address for _name, address in getaddresses(headers.get_all("From", [])) if "@" in address]
    return normalize_domain(addresses[0].rpartition("@")[2]) if addresses else ""


def _signing_key(key: DkimKey) -> tuple[bytes, bytes]:
    """dkimpy takes RSA keys as PKCS#1 PEM and Ed25519 keys as the base64 seed."""
    private = serialization.load_der_private_key(pem_der(key.private_key), password=None)
    if isinstance(private, ed25519.Ed25519PrivateKey):
        seed = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
        return b"ed25519-sha256", base64.b64encode(seed)
    pkcs1 = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
    return b"rsa-sha256", pkcs1
