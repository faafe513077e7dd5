"""The user a 2FA call is about. The real server words "not found" differently per
operation ("This username does not exist", "User was not found", "Could not find user
data"...); each caller passes its real text."""

from __future__ import annotations

from ..context import Context
from ..errors import fail
from ..state import User


def user_or_404(ctx: Context, user_id: str, missing: str) -> User:
    user = ctx.state.users.get(user_id.lower())
    if user is None:
        fail(404, missing, "UserNotFound")
    return user
