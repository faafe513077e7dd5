"""Bearer-token check for Connexion (``x-bearerInfoFunc`` in the Send Email documents)."""

from __future__ import annotations

from typing import Any

from ...world import current_world
from .seed import API_NAME
from .state import SendEmailState


def token_info(token: str) -> dict[str, Any] | None:
    """Known, unexpired tokens pass; the tenant check happens in the handler, which knows it."""
    world = current_world()
    state: SendEmailState = world.state(API_NAME)
    access = state.valid_token(token, world.now())
    if access is None:
        return None
    return {"sub": access.user_id, "tenant": access.tenant, "token": token, "scope": []}
