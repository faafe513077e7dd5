"""``/users/{user}/asps``: application specific passwords."""

from __future__ import annotations

from typing import Any

from ..access.rights import endpoint
from ..accounts.users import get_user
from ..context import Context
from . import app_passwords


@endpoint
def list_asps(user_id: str, show_all: bool = False, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    owner = get_user(ctx, user_id)
    shown = [asp for asp in app_passwords.live(ctx, owner.id) if show_all or not asp.ttl]
    return {"success": True, "results": [app_passwords.view(asp, with_expiry=True) for asp in shown]}


@endpoint
def create_asp(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return app_passwords.create(Context.current(), user_id, body)


@endpoint
def get_asp(user_id: str, asp_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return {"success": True, **app_passwords.view(app_passwords.get(Context.current(), user_id, asp_id))}


@endpoint
def delete_asp(user_id: str, asp_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    app_passwords.delete(Context.current(), user_id, asp_id, {"protocol": "API", "sess": sess, "ip": ip})
    return {"success": True}
