"""Password: set the password with a token (no authentication), which activates the user;
and the page a token mail links to, which does it from a browser."""

from __future__ import annotations

from typing import Any

from starlette.responses import HTMLResponse

from ....errors import ApiError
from ....links import in_namespace
from ..config import BASE_PATH
from ..envelope import answer
from ..password_page import form, refused
from ._common import path_address, world_state_config


def set_password(user: str, body: dict[str, Any]) -> dict[str, Any]:
    """The password itself is not kept: the mock has no mailbox login to check it against."""
    world, state, _config = world_state_config()
    state.redeem(path_address(), body["token"], world.now())
    return answer(world)


def password_page(user: str, token: str) -> HTMLResponse:
    """A used, replaced, expired or unknown token shows its reason instead of the form."""
    world, state, _config = world_state_config()
    address = path_address()
    try:
        state.redeemable(address, token, world.now())
    except ApiError as refusal:
        return HTMLResponse(refused(refusal.message), status_code=refusal.status)
    return HTMLResponse(form(address, token, in_namespace(world, f"{BASE_PATH}/{address}/password")))
