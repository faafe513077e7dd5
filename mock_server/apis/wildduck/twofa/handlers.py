"""``/users/{user}/2fa``: TOTP setup, enable, check, disable; custom 2FA; WebAuthn
credentials, registration and authentication; disable every method."""

from __future__ import annotations

from typing import Any

from ..access import tokens
from ..access.rights import endpoint
from ..context import Context
from . import custom, totp, webauthn


@endpoint
def setup_totp(user_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return totp.setup(Context.current(), user_id, body or {})


@endpoint
def enable_totp(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    totp.enable(Context.current(), user_id, body)
    return {"success": True}


@endpoint
def check_totp(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    totp.check(Context.current(), user_id, body)
    return {"success": True}


@endpoint
def disable_totp(user_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    totp.disable(Context.current(), user_id, {"sess": sess, "ip": ip})
    return {"success": True}


@endpoint
def disable_2fa(user_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    totp.disable_all(Context.current(), user_id, {"sess": sess, "ip": ip})
    return {"success": True}


@endpoint
def enable_custom_2fa(user_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    body = body or {}
    custom.enable(Context.current(), user_id, {"sess": body.get("sess"), "ip": body.get("ip")})
    return {"success": True}


@endpoint
def disable_custom_2fa(user_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    custom.disable(Context.current(), user_id, {"sess": sess, "ip": ip})
    return {"success": True}


@endpoint
def list_webauthn_credentials(user_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {"success": True, "credentials": webauthn.credentials(Context.current(), user_id)}


@endpoint
def delete_webauthn_credential(user_id: str, credential_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    webauthn.remove(Context.current(), user_id, credential_id.lower(), {"sess": sess, "ip": ip})
    return {"success": True, "deleted": True}


@endpoint
def webauthn_registration_challenge(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"success": True, "registrationOptions": webauthn.registration_options(Context.current(), user_id, body)}


@endpoint
def webauthn_registration_attestation(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """The real answer nests the new credential under ``response`` (its documented model
    puts it at the top; clients read the wire)."""
    return {"success": True, "response": webauthn.register(Context.current(), user_id, body)}


@endpoint
def webauthn_authentication_challenge(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"success": True, "authenticationOptions": webauthn.authentication_options(Context.current(), user_id, body)}


@endpoint
def webauthn_authentication_assertion(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    ctx = Context.current()
    answer: dict[str, Any] = {"success": True, "response": webauthn.assert_authentication(ctx, user_id, body)}
    if body.get("token"):
        answer["token"] = tokens.issue(ctx, ctx.state.users[user_id.lower()])
    return answer
