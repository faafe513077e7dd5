"""Customer Flag: switch ``failover`` or ``access`` for all users of ``{CUSTOMER}``, or for
those in the given failover groups. ``affectedUsers`` counts the users selected, the same
ones ``HEAD /{CUSTOMER}?group=...`` counts."""

from __future__ import annotations

from typing import Any, Callable

from ..auth import customer_in_reach
from ..envelope import answer
from ._common import selection, world_state_config

Handler = Callable[..., dict[str, Any]]


def _flag_operation(flag: str, value: bool) -> Handler:
    def operation(customer: str, token_info: dict[str, Any], group: list[str] | None = None) -> dict[str, Any]:
        world, state, _config = world_state_config()
        users = state.select(customer_in_reach(token_info, customer), selection(group=group))
        return answer(world, affectedUsers=state.set_flag(users, flag, value))

    operation.__name__ = f"{'set' if value else 'clear'}_{flag}"
    return operation


set_failover = _flag_operation("failover", True)
clear_failover = _flag_operation("failover", False)
set_access = _flag_operation("access", True)
clear_access = _flag_operation("access", False)
