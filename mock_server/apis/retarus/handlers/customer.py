"""Customer: count, list, bulk update and delete all users of ``{CUSTOMER}``."""

from __future__ import annotations

from typing import Any

from ..auth import customer_in_reach
from ..envelope import answer
from ..views import profiles_by_address, user_view
from ._common import selection, world_state_config


def count_users(
    customer: str,
    token_info: dict[str, Any],
    activation: bool | None = None,
    access: bool | None = None,
    failover: bool | None = None,
    group: list[str] | None = None,
) -> tuple[None, int, dict[str, str]]:
    _world, state, _config = world_state_config()
    users = state.select(customer_in_reach(token_info, customer), selection(activation, access, failover, group))
    return None, 200, {"User-Count": str(len(users))}


def list_users(
    customer: str,
    token_info: dict[str, Any],
    activation: bool | None = None,
    access: bool | None = None,
    failover: bool | None = None,
    group: list[str] | None = None,
) -> dict[str, Any]:
    world, state, _config = world_state_config()
    users = state.select(customer_in_reach(token_info, customer), selection(activation, access, failover, group))
    return answer(world, users=[user_view(user) for user in users])


def update_users(customer: str, body: dict[str, Any], token_info: dict[str, Any]) -> dict[str, Any]:
    world, state, config = world_state_config()
    affected = state.provision(customer_in_reach(token_info, customer), profiles_by_address(body["users"]), config.max_users)
    return answer(world, affectedUsers=affected)


def delete_users(customer: str, token_info: dict[str, Any]) -> dict[str, Any]:
    world, state, _config = world_state_config()
    affected = state.remove(state.select(customer_in_reach(token_info, customer)))
    return answer(world, affectedUsers=affected)
