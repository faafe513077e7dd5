"""The password URL of a token, as the token call answers it and the mail carries it."""

from __future__ import annotations

from ...links import in_namespace, request_origin
from ...world import World
from .config import API_NAME, RetarusConfig
from .state import ContinuityUser


def password_link(world: World, user: ContinuityUser, token: str) -> str:
    """On the mock's own page (by default) it names the namespace, so a browser following it
    sets the password where the token was issued."""
    config: RetarusConfig = world.settings.api(API_NAME)
    return in_namespace(world, config.password_url(user.customer, user.address, token, request_origin()))
