"""``/users``: list, create, read, update, delete, log out, reset the password, recount quota."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from ..access.caller import current_caller
from ..access.rights import endpoint
from ..context import Context
from ..dates import iso_ms, parse_client_instant
from ..paging import paginate
from ..addresses.resolution import username_view
from ..errors import user_not_found
from . import data_export, deletion, user_views, users


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
    return listing.answer(lambda user: user_views.listing_view(ctx, user, with_meta=meta_data, with_internal=internal_data),
                          echo={"query": query})


@endpoint
def create_user(body: dict[str, Any]) -> dict[str, Any]:
    user = users.create_user(Context.current(), body)
    return {"success": True, "id": user.id}


@endpoint
def resolve_user(username: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    user = Context.current().state.user_by_name(username_view(username))
    if user is None:
        user_not_found()
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
    record, deleted = deletion.delete(ctx, user_id.lower(), keep_until, {"sess": sess, "ip": ip})
    return {"success": True, "code": "TaskScheduled", "user": record.user.id, "addresses": {"deleted": deleted},
            "deleteAfter": iso_ms(record.delete_after), "task": record.task}


@endpoint
def get_restore_info(user_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = Context.current()
    record = deletion.pending(ctx, user_id.lower())
    user = record.user
    return {"success": True, "user": user.id, "username": user.username, "storageUsed": user.storage_used,
            "tags": list(user.tags), "deleted": iso_ms(record.deleted),
            "recoverableAddresses": deletion.recoverable(ctx, record)}


@endpoint
def restore_user(user_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    body = body or {}
    restored = deletion.restore(Context.current(), user_id.lower(), {"sess": body.get("sess"), "ip": body.get("ip")})
    return {"success": True, "code": "TaskCancelled", "user": user_id.lower(), **restored}


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


@endpoint
def reset_quota_all(body: dict[str, Any] | None = None) -> dict[str, Any]:
    """The real server queues a task that recounts every user; the mock recounts at once
    and answers the task's id all the same."""
    ctx = Context.current()
    for user_id in list(ctx.state.users):
        users.recount_storage(ctx, user_id)
    return {"success": True, "task": ctx.object_id()}


@endpoint
def export_data(body: dict[str, Any] | None = None) -> Response:
    body = body or {}
    users_given, tags_given = body.get("users"), body.get("tags")
    user_ids = [users_given] if isinstance(users_given, str) else users_given
    tags = [tags_given] if isinstance(tags_given, str) else tags_given
    data = data_export.export(Context.current(), [u.lower() for u in user_ids] if user_ids is not None else None, tags)
    return Response(data, media_type="application/octet-stream", headers={"Server": "WildDuck API"})


@endpoint
def import_data(body: bytes) -> dict[str, Any]:
    return {"result": data_export.import_(Context.current(), body or b"")}
