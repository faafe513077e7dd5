"""``/users/{user}/2fa``: TOTP setup, enable, check, disable; disable every method."""

from __future__ import annotations

from typing import Any

from ..access.rights import endpoint
from ..context import Context
from . import totp


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
