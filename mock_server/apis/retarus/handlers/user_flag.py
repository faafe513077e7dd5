"""User Flag: switch ``failover`` or ``access`` for one user."""

from __future__ import annotations

from typing import Any

from ..auth import customer_in_reach
from ..envelope import answer
from ._common import path_address, world_state_config


def set_flag(customer: str, user: str, flag: str, token_info: dict[str, Any]) -> dict[str, Any]:
    return _switch(customer, flag, True, token_info)


def clear_flag(customer: str, user: str, flag: str, token_info: dict[str, Any]) -> dict[str, Any]:
    return _switch(customer, flag, False, token_info)


def _switch(customer: str, flag: str, value: bool, token_info: dict[str, Any]) -> dict[str, Any]:
    world, state, _config = world_state_config()
    record = state.user(customer_in_reach(token_info, customer), path_address())
    state.set_flag([record], flag, value)
    return answer(world)
