"""``/users/{user}/autoreply``: the out-of-office reply."""

from __future__ import annotations

from typing import Any

from ...access.rights import endpoint
from ...accounts.users import get_user
from ...context import Context
from .. import autoreply


@endpoint
def get_autoreply(user_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    return autoreply.view(autoreply.get(ctx, get_user(ctx, user_id).id))


@endpoint
def update_autoreply(user_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    ctx = Context.current()
    record = autoreply.update(ctx, get_user(ctx, user_id).id, body or {})
    return {"success": True, "id": record.id}


@endpoint
def delete_autoreply(user_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    autoreply.delete(ctx, get_user(ctx, user_id).id)
    return {"success": True}
