"""HTTP Basic check for Connexion (``x-basicInfoFunc`` in the Retarus document).

Only whether the credentials are known is decided here (401 otherwise); which customers they
may act on is decided per request (403), where the customer in the path is known.
"""

from __future__ import annotations

from typing import Any

from ...errors import ApiError
from ...world import current_world
from .config import API_NAME, Credential, RetarusConfig
from .paths import customer_number


def basic_info(username: str, password: str, required_scopes: Any = None) -> dict[str, Any] | None:
    config: RetarusConfig = current_world().settings.api(API_NAME)
    credential = config.credential(username, password)
    if credential is None:
        return None
    return {"sub": username, "credential": credential}


def credential_of(token_info: dict[str, Any]) -> Credential:
    return token_info["credential"]


def customer_in_reach(token_info: dict[str, Any], raw_customer: str) -> str:
    """The customer of the path, if these credentials may act on it (403 otherwise)."""
    customer = customer_number(raw_customer)
    if not credential_of(token_info).may_act_on(customer):
        raise ApiError(403, "Forbidden")
    return customer
