"""What every handler needs: the namespace's World, state and config, the filters, and the
``USER`` of the path.

Handlers of a path with ``USER`` must accept a ``user`` argument (Connexion passes every path
parameter), but behind Basic auth Connexion fills that argument with the authenticated user
name instead. So ``user`` is never trusted; the address is read from the request's path.
"""

from __future__ import annotations

from connexion import request

from ....world import World, current_world
from ..config import API_NAME, RetarusConfig
from ..paths import address
from ..state import RetarusState, Selection


def world_state_config() -> tuple[World, RetarusState, RetarusConfig]:
    world = current_world()
    return world, world.state(API_NAME), world.settings.api(API_NAME)


def path_address() -> str:
    return address(request.path_params["USER"])


def selection(
    activation: bool | None = None,
    access: bool | None = None,
    failover: bool | None = None,
    group: list[str] | None = None,
) -> Selection:
    return Selection(activation, access, failover, tuple(group) if group is not None else None)
