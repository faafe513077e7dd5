"""DKIM keys (``lib/api/dkim.js``, ``lib/dkim-handler.js``): one key per domain, given as
PEM (RSA or Ed25519), as a raw base64 Ed25519 seed, or generated (RSA 2048, exponent
65537, as the real server does); published as the TXT record ``<selector>._domainkey.<domain>``
with ``v=DKIM1;t=s;p=<public key>``. ``*`` is the key for domains without their own.
"""

from __future__ import annotations

import base64
from typing import Any

from ....lazy_module import lazy
from ..context import Context
from ..dates import iso_ms
from ..errors import fail
from ..paging import paginate
from ..webhooks import events
from . import lookups
from .pem import node_base64, pem_der, pem_fingerprint
from .names import normalize_domain
from .store import DkimKey

# cryptography is imported by the first request that uses a key, not by every start (~40 ms)
crypto_errors = lazy("cryptography.exceptions")
hashes = lazy("cryptography.hazmat.primitives.hashes")
serialization = lazy("cryptography.hazmat.primitives.serialization")
ed25519 = lazy("cryptography.hazmat.primitives.asymmetric.ed25519")
padding = lazy("cryptography.hazmat.primitives.asymmetric.padding")
rsa = lazy("cryptography.hazmat.primitives.asymmetric.rsa")

_ED25519_PKCS8_PREFIX = base64.b64decode("MC4CAQAwBQYDK2VwBCIEIA==")
"""What the real server puts before a raw 32-byte Ed25519 seed to make it PKCS#8."""
_PROBE = b"secretvalue"
WILDCARD = "*"


def set_key(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    """Create or replace the domain's key (``POST /dkim``)."""
    domain = normalize_domain(body["domain"])
    private_pem = _private_pem(body.get("privateKey"))
    key = _load_and_check(private_pem)
    public = key.public_key()
    public_pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    store = ctx.state.domains.dkim
    existing = next((record for record in store.values() if record.domain == domain), None)
    record = DkimKey(
        id=existing.id if existing else ctx.object_id(),
        domain=domain,
        selector=body["selector"].strip(),
        private_key=private_pem,
        public_key=public_pem,
        public_key_dns=_dns_public_key(public),
        fingerprint=pem_fingerprint(private_pem),
        created=ctx.now,
        description=(body.get("description") or "").strip() or None,
    )
    store[record.id] = record
    events.publish(ctx, events.DKIM_UPDATED if existing else events.DKIM_CREATED, dkim=record.id, domain=domain,
                   selector=record.selector, fingerprint=record.fingerprint)
    return {**_summary(record), "publicKey": record.public_key, "dnsTxt": dns_txt(record)}


def get(ctx: Context, dkim_id: str) -> DkimKey:
    return lookups.by_id(ctx.state.domains.dkim, dkim_id, "Invalid or unknown DKIM key", "DkimNotFound")


def resolve(ctx: Context, domain: str) -> DkimKey:
    wanted = normalize_domain(domain)
    return lookups.first(ctx.state.domains.dkim.values(), lambda r: r.domain == wanted, "This domain does not exist", "DkimNotFound")


def for_sending(ctx: Context, domain: str) -> DkimKey | None:
    """The key mail from ``domain`` is signed with: its own, else the ``*`` key."""
    wanted = normalize_domain(domain)
    keys = ctx.state.domains.dkim.values()
    return next((r for r in keys if r.domain == wanted), None) or next((r for r in keys if r.domain == WILDCARD), None)


def delete(ctx: Context, dkim_id: str) -> None:
    record = lookups.drop(ctx.state.domains.dkim, dkim_id, "Invalid or unknown DKIM key", "DkimNotFound")
    events.publish(ctx, events.DKIM_DELETED, dkim=record.id, domain=record.domain, selector=record.selector,
                   fingerprint=record.fingerprint)


def rename_domain(ctx: Context, old_domain: str, new_domain: str) -> int:
    """``PUT /addresses/renameDomain`` moves the old domain's key to the new domain (the real
    server's ``updateMany`` on ``dkim``); how many moved. A domain keeps one key: when the
    new domain has one already, nothing moves (the real unique index refuses the write)."""
    old, new = normalize_domain(old_domain), normalize_domain(new_domain)
    keys = ctx.state.domains.dkim.values()
    moving = [record for record in keys if record.domain == old]
    if old == new or not moving or any(record.domain == new for record in keys):
        return 0
    for record in moving:
        record.domain = new
    return len(moving)


def view(record: DkimKey) -> dict[str, Any]:
    """``GET /dkim/{id}``. Its ``dnsTxt`` is built from the public key PEM, as the real
    server builds it there: the same as ``POST``'s for RSA, the SPKI form for Ed25519."""
    spki = "".join(line for line in record.public_key.splitlines() if not line.startswith("-"))
    txt = {**dns_txt(record), "value": f"v=DKIM1;t=s;p={spki}"}
    return {**_summary(record), "publicKey": record.public_key, "dnsTxt": txt, "created": iso_ms(record.created)}


def listing(ctx: Context, query: str | None, limit: int, next_cursor: str | None, previous: str | None) -> dict[str, Any]:
    """Sorted by domain; ``query`` is a case-sensitive part of the domain."""
    records = [r for r in ctx.state.domains.dkim.values() if not query or query in r.domain]
    page = paginate(records, lambda r: f"{r.domain}\x00{r.id}", limit=limit, next_cursor=next_cursor, previous_cursor=previous)
    item = lambda r: {**_summary(r), "created": iso_ms(r.created)}  # noqa: E731
    return {"success": True, **({"query": query} if query else {}), **page.envelope(item)}


def dns_txt(record: DkimKey) -> dict[str, str]:
    return {"name": f"{record.selector}._domainkey.{record.domain}", "value": f"v=DKIM1;t=s;p={record.public_key_dns}"}


def _summary(record: DkimKey) -> dict[str, Any]:
    answer = {"id": record.id, "domain": record.domain, "selector": record.selector}
    if record.description is not None:
        answer["description"] = record.description
    return {**answer, "fingerprint": record.fingerprint}


def _private_pem(given: str | None) -> str:
    given = (given or "").strip()
    if not given:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    if len(given) == 44:
        der = _ED25519_PKCS8_PREFIX + node_base64(given)
        body = base64.b64encode(der).decode()
        return f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----"
    return given


def _load_and_check(pem: str) -> rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey:
    """The key, after signing and verifying a probe with it, as the real server does;
    anything else is 400 ``Invalid or incompatible private key. <why>``."""
    try:
        key = serialization.load_der_private_key(pem_der(pem), password=None)
        if isinstance(key, rsa.RSAPrivateKey):
            key.public_key().verify(key.sign(_PROBE, padding.PKCS1v15(), hashes.SHA256()), _PROBE, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ed25519.Ed25519PrivateKey):
            key.public_key().verify(key.sign(_PROBE), _PROBE)
        else:
            raise ValueError(f"Unsupported key type {type(key).__name__}")
    except (ValueError, TypeError, crypto_errors.UnsupportedAlgorithm, crypto_errors.InvalidSignature) as exc:
        fail(400, f"Invalid or incompatible private key. {exc}", "InputValidationError")
    return key


def _dns_public_key(public: rsa.RSAPublicKey | ed25519.Ed25519PublicKey) -> str:
    """RSA: the SPKI DER; Ed25519: the raw 32 bytes (the SPKI DER without its 12-byte
    header), as RFC 8463 and the real server publish them."""
    if isinstance(public, ed25519.Ed25519PublicKey):
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    else:
        raw = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(raw).decode()
