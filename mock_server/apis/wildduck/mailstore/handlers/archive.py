"""``/users/{user}/archived``: deleted messages, restorable until purged. Served at the
seed's paths and at the real server's (``/archived/messages``...)."""

from __future__ import annotations

from typing import Any

from ...access.rights import endpoint
from ...accounts.users import get_user
from ...dates import parse_client_instant
from ...paging import paginate
from .. import archive, upkeep, views


@endpoint
def list_archived(user_id: str, order: str = "desc", limit: int = 20, page: int = 1, next_: str | None = None,
                  previous: str | None = None, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    found = archive.of_user(ctx, get_user(ctx, user_id).id)
    listed = paginate(found, key=lambda a: a.message.id, limit=limit, page=page, next_cursor=next_,
                      previous_cursor=previous, descending=order != "asc")
    return {"success": True, **listed.envelope(lambda a: views.listing_item(a.message, archived=True))}


@endpoint
def get_archived(user_id: str, message_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    return views.details(archive.get(ctx, get_user(ctx, user_id).id, message_id).message, archived=True)


@endpoint
def restore_archived(user_id: str, message_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """Answers the real server's ``id`` and the seed's ``uid`` (the same new UID)."""
    ctx = upkeep.current()
    restored = archive.restore(ctx, get_user(ctx, user_id), message_id, (body or {}).get("mailbox"))
    return {"success": True, "mailbox": restored.mailbox, "id": restored.uid, "uid": restored.uid}


@endpoint
def restore_range(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Restored before the answer; ``task`` names the task the real server would queue."""
    ctx = upkeep.current()
    user = get_user(ctx, user_id)
    start, end = parse_client_instant(body["start"]), parse_client_instant(body["end"])
    archive.restore_range(ctx, user, start, end)
    return {"success": True, "task": ctx.object_id()}


# The real server's paths (``/archived/messages...``) for the same operations.
list_archived_messages = list_archived
restore_archived_message = restore_archived
