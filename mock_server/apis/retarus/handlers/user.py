"""User: read, create or update, and delete one user of ``{CUSTOMER}``."""

from __future__ import annotations

from typing import Any

from ..auth import customer_in_reach
from ..envelope import answer
from ..views import profile_from, user_view
from ._common import path_address, world_state_config


def get_user(customer: str, user: str, token_info: dict[str, Any]) -> dict[str, Any]:
    world, state, _config = world_state_config()
    record = state.user(customer_in_reach(token_info, customer), path_address())
    return answer(world, user=user_view(record))


def put_user(customer: str, user: str, body: dict[str, Any], token_info: dict[str, Any]) -> dict[str, Any]:
    world, state, config = world_state_config()
    state.provision(customer_in_reach(token_info, customer), {path_address(): profile_from(body)}, config.max_users)
    return answer(world)


def delete_user(customer: str, user: str, token_info: dict[str, Any]) -> dict[str, Any]:
    world, state, _config = world_state_config()
    state.remove([state.user(customer_in_reach(token_info, customer), path_address())])
    return answer(world)
