"""Password: set the password with a token (no authentication), which activates the user."""

from __future__ import annotations

from typing import Any

from ..envelope import answer
from ._common import path_address, world_state_config


def set_password(user: str, body: dict[str, Any]) -> dict[str, Any]:
    """The password itself is not kept: the mock has no mailbox login to check it against."""
    world, state, _config = world_state_config()
    state.redeem(path_address(), body["token"], world.now())
    return answer(world)
