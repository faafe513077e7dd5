"""``/users/{user}/filters``: rules delivery applies to incoming mail."""

from __future__ import annotations

from typing import Any

from ..access import endpoint
from ..context import Context
from ..mailstore import filters
from ..users import get_user


@endpoint
def list_filters(user_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    user = get_user(ctx, user_id)
    return {"success": True, "results": [filters.listing_item(ctx, f) for f in filters.of_user(ctx, user.id)]}


@endpoint
def create_filter(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    ctx = Context.current()
    return {"success": True, "id": filters.create(ctx, get_user(ctx, user_id).id, body).id}


@endpoint
def get_filter(user_id: str, filter_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    return filters.view(ctx, filters.get(ctx, get_user(ctx, user_id).id, filter_id))


@endpoint
def update_filter(user_id: str, filter_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    ctx = Context.current()
    filters.update(ctx, get_user(ctx, user_id).id, filter_id, body or {})
    return {"success": True}


@endpoint
def delete_filter(user_id: str, filter_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    filters.delete(ctx, get_user(ctx, user_id).id, filter_id)
    return {"success": True}
