"""``/enduser/...``: sign-up, password quality, validation tokens, password reset, lookups."""

from __future__ import annotations

from typing import Any

from connexion import request

from ....links import request_origin
from ....world import current_world
from .. import accounts
from ..passwords import assess


def create_main_account(body: dict[str, Any]) -> tuple[None, int]:
    accounts.create_main_account(current_world(), request_origin(), body)
    return None, 201


def check_password(body: dict[str, Any]) -> dict[str, Any]:
    return assess(body["userPassword"], body.get("userId")).as_json()


def existing_user_id(user_id: str) -> dict[str, bool]:
    client = (request.scope.get("client") or ("unknown", 0))[0]
    return {"userExists": accounts.user_exists(current_world(), client, user_id)}


def request_validation(user_id: str) -> tuple[None, int]:
    accounts.request_validation(current_world(), request_origin(), user_id)
    return None, 200


def validate_account(user_id: str, token: str) -> dict[str, bool]:
    accounts.validate_account(current_world(), user_id, token)
    return {"emailAndAccountValidated": True}


def validate_email(token: str, token_info: dict[str, Any]) -> dict[str, bool]:
    accounts.validate_email(current_world(), token_info["sub"], token)
    return {"emailValidated": True}


def reset_password(body: dict[str, Any]) -> tuple[None, int]:
    """The same empty 200 whether or not userId and e-mail match an account."""
    accounts.request_password_reset(current_world(), request_origin(), body["userId"], body["email"])
    return None, 200


reset_main_account_password = reset_password
"""The deprecated URL of the same operation."""
