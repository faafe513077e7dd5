"""``/users``: list, create, read, update, delete, log out, reset the password, recount quota."""

from __future__ import annotations

from typing import Any

from ..access.caller import current_caller
from ..access.rights import endpoint
from ..context import Context
from ..dates import iso_ms, parse_client_instant
from ..paging import paginate
from . import user_views, users


@endpoint
def list_users(
    query: str | None = None,
    tags: str | None = None,
    required_tags: str | None = None,
    meta_data: bool = False,
    internal_data: bool = False,
    limit: int = 20,
    page: int = 1,
    next_: str | None = None,
    previous: str | None = None,
    sess: str | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    ctx = Context.current()
    caller = current_caller()  # a user token lists its own user only
    query = query.lower() if query else None
    matching = [
        user
        for user in ctx.state.users.values()
        if caller.may_touch(user.id) and users.matches_listing(user, query, users.split_tags(tags), users.split_tags(required_tags))
    ]
    listing = paginate(matching, lambda user: user.id, limit=limit, page=page, next_cursor=next_, previous_cursor=previous)
    answer: dict[str, Any] = {"success": True}
    if query:
        answer["query"] = query
    answer.update(listing.envelope(lambda user: user_views.listing_view(ctx, user, with_meta=meta_data, with_internal=internal_data)))
    return answer


@endpoint
def create_user(body: dict[str, Any]) -> dict[str, Any]:
    user = users.create_user(Context.current(), body)
    return {"success": True, "id": user.id}


@endpoint
def get_user(user_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    return user_views.full_view(ctx, users.get_user(ctx, user_id))


@endpoint
def update_user(user_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    users.update_user(Context.current(), user_id, body or {})
    return {"success": True}


@endpoint
def delete_user(user_id: str, delete_after: str | None = None, sess: str | None = None,
                ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    keep_until = parse_client_instant(delete_after) if delete_after else ctx.now
    deleted = users.delete_user(ctx, user_id, {"sess": sess, "ip": ip})
    return {"success": True, "code": "TaskScheduled", "user": user_id.lower(), "addresses": {"deleted": deleted},
            "deleteAfter": iso_ms(keep_until), "task": ctx.object_id()}


@endpoint
def logout_user(user_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """Closes the user's IMAP sessions on the real server; the mock has none to close."""
    users.get_user(Context.current(), user_id)
    return {"success": True}


@endpoint
def reset_password(user_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    password, valid_after = users.reset_password(Context.current(), user_id, body or {})
    return {"success": True, "password": password, "validAfter": iso_ms(valid_after)}


@endpoint
def reset_quota(user_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    used, previous = users.recount_storage(Context.current(), user_id)
    return {"success": True, "storageUsed": used, "previousStorageUsed": previous}
