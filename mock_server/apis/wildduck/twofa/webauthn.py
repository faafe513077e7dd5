"""WebAuthn 2FA (``lib/api/2fa/webauthn.js`` and the real ``userHandler.webauthn*``).

The wire form is the real server's, so its clients work unchanged: challenges, credential
ids and every binary field travel as hex (a client decodes the hex challenge to bytes for
``navigator.credentials.create/get`` and hex-encodes what the authenticator returns).
Registration checks the attestation against the origin given with the challenge (its host
is the relying party, as fido2-lib derives it); authentication checks the assertion against
``rpId`` (the request's, else the configured ``webauthn.rpId``), the stored public key and
the sign counter, which must grow once an authenticator counts. py_webauthn does the
cryptography. A challenge is single-use (taken on the first try, good or bad, as the real
server takes it from Redis) and lives an hour on the namespace clock.

Where the real server fails with fido2-lib's exception (a 500 with its text), the mock
answers 400 ``WebAuthnError`` with py_webauthn's text.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

from ..access import tokens
from ..auth.authlog import log_event
from ..context import Context
from ..errors import fail
from ..state import User, WebAuthnChallenge, WebAuthnCredential
from ..webhooks import events
from .owner import user_or_404

if TYPE_CHECKING:
    from webauthn.helpers.exceptions import WebAuthnException

CHALLENGE_TTL = timedelta(hours=1)
CHALLENGE_BYTES = 64
TIMEOUT_MS = 60000
PUBLIC_KEY_ALGORITHMS = (-7, -257)
"""What fido2-lib offers in ``pubKeyCredParams`` (COSE ES256, RS256), and so what is accepted."""
ROAMING_TRANSPORTS = ["usb", "nfc", "ble"]


def credentials(ctx: Context, user_id: str) -> list[dict[str, Any]]:
    return [_credential_view(credential) for credential in _user(ctx, user_id).webauthn_credentials]


def remove(ctx: Context, user_id: str, credential_id: str, meta: dict[str, Any]) -> None:
    """Drops the credential if the user has it; WebAuthn goes off with the last one. The
    real server answers ``deleted: true`` and logs the removal either way."""
    user = _user(ctx, user_id)
    user.webauthn_credentials = [c for c in user.webauthn_credentials if c.id != credential_id]
    if not user.webauthn_credentials and "webauthn" in user.enabled2fa:
        user.enabled2fa = [method for method in user.enabled2fa if method != "webauthn"]
    log_event(ctx, user.id, "remove webauthn", result="success", credential=credential_id, **meta)
    events.publish(ctx, events.MFA_FIDO_REMOVED, user=user.id, credential=credential_id)


def registration_options(ctx: Context, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    user = _user(ctx, user_id)
    attachment = body.get("authenticatorAttachment") or "cross-platform"
    challenge = _open_challenge(ctx, user, "reg", body["origin"], description=body["description"], attachment=attachment)
    options: dict[str, Any] = {
        "rp": {"name": ctx.config.webauthn_rp_name, "id": body.get("rpId") or ctx.config.webauthn_rp_id},
        "user": {"id": user.id, "name": user.address or user.username, "displayName": user.name or user.username},
        "challenge": challenge,
        "pubKeyCredParams": [{"type": "public-key", "alg": alg} for alg in PUBLIC_KEY_ALGORITHMS],
        "timeout": TIMEOUT_MS,
        "attestation": "none",
        "authenticatorSelection": {"authenticatorAttachment": attachment, "userVerification": "discouraged"},
    }
    excluded = [c for c in user.webauthn_credentials if c.authenticator_attachment == attachment]
    if user.webauthn_credentials:
        options["excludeCredentials"] = [
            {"rawId": c.raw_id, "type": c.type, "transports": ["internal"] if attachment == "platform" else ROAMING_TRANSPORTS}
            for c in excluded
        ]
    return options


def register(ctx: Context, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Checks the attestation against its challenge; stores the credential and turns
    WebAuthn on (ending other sessions when it is the user's first 2FA method)."""
    # py_webauthn is imported by the two checks that use it: ~60 ms of every start otherwise
    from webauthn import verify_registration_response
    from webauthn.helpers.cose import COSEAlgorithmIdentifier
    from webauthn.helpers.exceptions import WebAuthnException
    from webauthn.helpers.structs import AuthenticatorAttestationResponse, RegistrationCredential

    challenge = _take_challenge(ctx, user_id, "reg", body["challenge"])
    user = _user(ctx, user_id)
    raw_id = _bytes(body["rawId"])
    credential = RegistrationCredential(
        id=_b64url(raw_id),
        raw_id=raw_id,
        response=AuthenticatorAttestationResponse(
            client_data_json=_bytes(body["clientDataJSON"]), attestation_object=_bytes(body["attestationObject"])
        ),
    )
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=bytes.fromhex(challenge.challenge),
            expected_rp_id=body.get("rpId") or urlsplit(challenge.origin).hostname or "",
            expected_origin=challenge.origin,
            supported_pub_key_algs=[COSEAlgorithmIdentifier(alg) for alg in PUBLIC_KEY_ALGORITHMS],
        )
    except WebAuthnException as refused:
        _refuse(refused)
    record = WebAuthnCredential(
        id=ctx.object_id(),
        raw_id=raw_id.hex(),
        public_key=verified.credential_public_key.hex(),
        counter=verified.sign_count,
        description=challenge.description,
        origin=challenge.origin,
        authenticator_attachment=challenge.authenticator_attachment,
        created=challenge.created or ctx.now,
    )
    if not user.enabled2fa:  # turning 2FA on ends the sessions that never had to pass it
        tokens.credentials_changed(ctx, user, keep_callers_token=True)
    user.webauthn_credentials.append(record)
    user.enabled2fa = sorted({*user.enabled2fa, "webauthn"})
    view = _credential_view(record)
    log_event(ctx, user.id, "register webauthn", result="success", credential=view, sess=body.get("sess"), ip=body.get("ip"))
    events.publish(ctx, events.MFA_FIDO_REGISTERED, user=user.id, credential={
        "id": record.id, "rawId": record.raw_id, "description": record.description,
        "authenticatorAttachment": record.authenticator_attachment})
    return {"success": True, **view}


def authentication_options(ctx: Context, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    user = _webauthn_user(ctx, user_id)
    attachment = body.get("authenticatorAttachment") or "cross-platform"
    challenge = _open_challenge(ctx, user, "auth", body["origin"])
    return {
        "challenge": challenge,
        "timeout": TIMEOUT_MS,
        "rpId": body.get("rpId") or ctx.config.webauthn_rp_id,
        "userVerification": "discouraged",
        "allowCredentials": [
            {"rawId": c.raw_id, "type": c.type} for c in user.webauthn_credentials if c.authenticator_attachment == attachment
        ],
    }


def assert_authentication(ctx: Context, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Checks the assertion with the credential's public key and counter; answers the real
    ``{authenticated, credential}``."""
    from webauthn import verify_authentication_response
    from webauthn.helpers.exceptions import WebAuthnException
    from webauthn.helpers.structs import AuthenticationCredential, AuthenticatorAssertionResponse

    challenge = _take_challenge(ctx, user_id, "auth", body["challenge"])
    user = _webauthn_user(ctx, user_id)
    stored = next((c for c in user.webauthn_credentials if c.raw_id == body["rawId"]), None)
    if stored is None:
        fail(404, "Credentials were not found", "CredentialsNotFound")
    raw_id = bytes.fromhex(stored.raw_id)
    credential = AuthenticationCredential(
        id=_b64url(raw_id),
        raw_id=raw_id,
        response=AuthenticatorAssertionResponse(
            client_data_json=_bytes(body["clientDataJSON"]),
            authenticator_data=_bytes(body["authenticatorData"]),
            signature=_bytes(body["signature"]),
        ),
    )
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=bytes.fromhex(challenge.challenge),
            expected_rp_id=body.get("rpId") or ctx.config.webauthn_rp_id,
            expected_origin=challenge.origin,
            credential_public_key=bytes.fromhex(stored.public_key),
            credential_current_sign_count=stored.counter,
        )
    except WebAuthnException as refused:
        _refuse(refused)
    if verified.new_sign_count:
        stored.counter = verified.new_sign_count
    return {"authenticated": True, "credential": stored.id}


def _open_challenge(ctx: Context, user: User, kind: str, origin: str, *, description: str = "", attachment: str = "cross-platform") -> str:
    _expire_challenges(ctx)
    challenge = ctx.random.rng.randbytes(CHALLENGE_BYTES).hex()
    ctx.state.webauthn_challenges[_key(user.id, kind, challenge)] = WebAuthnChallenge(
        challenge=challenge,
        user=user.id,
        kind=kind,
        origin=origin,
        expires=ctx.now + CHALLENGE_TTL,
        description=description,
        authenticator_attachment=attachment,
        created=ctx.now,
    )
    return challenge


def _take_challenge(ctx: Context, user_id: str, kind: str, challenge: str) -> WebAuthnChallenge:
    _expire_challenges(ctx)
    record = ctx.state.webauthn_challenges.pop(_key(user_id.lower(), kind, challenge), None)
    if record is None:
        fail(404, "Unknown challenge", "ChallengeNotFound")
    return record


def _expire_challenges(ctx: Context) -> None:
    challenges = ctx.state.webauthn_challenges
    for key in [key for key, record in challenges.items() if record.expires <= ctx.now]:
        del challenges[key]


def _key(user_id: str, kind: str, challenge: str) -> str:
    return f"{user_id}:{kind}:{challenge}"


def _user(ctx: Context, user_id: str) -> User:
    return user_or_404(ctx, user_id, "User was not found")


def _webauthn_user(ctx: Context, user_id: str) -> User:
    user = _user(ctx, user_id)
    if "webauthn" not in user.enabled2fa or not user.webauthn_credentials:
        fail(400, "WebAuthn is not enabled for this user", "WebAuthnDisabled")
    return user


def _credential_view(credential: WebAuthnCredential) -> dict[str, Any]:
    return {
        "id": credential.id,
        "rawId": credential.raw_id,
        "description": credential.description,
        "authenticatorAttachment": credential.authenticator_attachment,
    }


def _bytes(hex_text: str) -> bytes:
    """Hex to bytes as Node's ``Buffer.from(text, 'hex')`` reads it: an odd last digit is dropped."""
    return bytes.fromhex(hex_text[: len(hex_text) // 2 * 2])


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _refuse(error: WebAuthnException) -> NoReturn:
    fail(400, str(error) or type(error).__name__, "WebAuthnError")
