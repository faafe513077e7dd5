"""``/users/{user}/mailboxes/{mailbox}/messages``, ``/search``, ``/flagged``: reading and
changing messages."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from ....settings import parse_instant
from ..access import endpoint
from ..errors import SERVER_HEADER, fail
from ..mailstore import archive, messages, search, upkeep, views
from ..mailstore.listing import mailbox_page
from ..mailstore.messages import UidSet
from ..mailstore.mime import attachment_content
from ..paging import paginate
from ..users import get_user


@endpoint
def list_messages(user_id: str, mailbox_id: str, order: str = "desc", limit: int = 20, page: int = 1,
                  next_: str | None = None, previous: str | None = None, sess: str | None = None,
                  ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    return mailbox_page(ctx, get_user(ctx, user_id).id, mailbox_id, limit=limit, order=order, page=page,
                        next_cursor=next_, previous_cursor=previous)


@endpoint
def search_messages(user_id: str, query: str | None = None, mailbox: str | None = None, from_: str | None = None,
                    to: str | None = None, subject: str | None = None, attachments: bool | None = None,
                    flagged: bool | None = None, unseen: bool | None = None, limit: int = 20, page: int = 1,
                    next_: str | None = None, previous: str | None = None, sess: str | None = None,
                    ip: str | None = None) -> dict[str, Any]:
    criteria = search.Criteria(query=query, mailbox=mailbox, sender=from_, to=to, subject=subject,
                               attachments=attachments, flagged=flagged, unseen=unseen)
    return {"query": query or "", **_found(user_id, criteria, limit, page, next_, previous)}


@endpoint
def list_flagged(user_id: str, order: str = "desc", limit: int = 20, page: int = 1, next_: str | None = None,
                 previous: str | None = None, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return _found(user_id, search.Criteria(flagged=True), limit, page, next_, previous, descending=order != "asc")


def _found(user_id: str, criteria: search.Criteria, limit: int, page: int, next_cursor: str | None,
           previous_cursor: str | None, descending: bool = True) -> dict[str, Any]:
    ctx = upkeep.current()
    found = search.find(ctx, get_user(ctx, user_id).id, criteria)
    listed = paginate(found, key=lambda m: m.id, limit=limit, page=page, next_cursor=next_cursor,
                      previous_cursor=previous_cursor, descending=descending)
    return {"success": True, **listed.envelope(views.listing_item)}


@endpoint
def get_message(user_id: str, mailbox_id: str, message_id: str, mark_as_seen: bool = False,
                sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    user = get_user(ctx, user_id)
    message = messages.get(ctx, user.id, mailbox_id, int(message_id))
    if mark_as_seen and not message.seen:
        messages.update(ctx, user, mailbox_id, UidSet(message_id), {"seen": True})
    return views.details(message)


@endpoint
def get_message_events(user_id: str, mailbox_id: str, message_id: str, sess: str | None = None,
                       ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    return views.events(messages.get(ctx, get_user(ctx, user_id).id, mailbox_id, int(message_id)))


@endpoint
def update_messages(user_id: str, mailbox_id: str, message_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    changes = dict(body or {})
    if "expires" in changes:
        changes["expires"] = parse_instant(changes["expires"]) if changes["expires"] else None
    result = messages.update(ctx, get_user(ctx, user_id), mailbox_id, UidSet(message_id), changes)
    return {"success": True, **result}


@endpoint
def delete_message(user_id: str, mailbox_id: str, message_id: str, sess: str | None = None,
                   ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    archive.delete_message(ctx, get_user(ctx, user_id), mailbox_id, int(message_id))
    return {"success": True}


@endpoint
def get_message_source(user_id: str, mailbox_id: str, message_id: str, sess: str | None = None,
                       ip: str | None = None) -> Response:
    """The stored RFC 822 source, byte for byte (what the details were parsed from)."""
    ctx = upkeep.current()
    message = messages.get(ctx, get_user(ctx, user_id).id, mailbox_id, int(message_id))
    return Response(message.raw.encode("utf-8", "surrogateescape"), media_type="message/rfc822", headers=SERVER_HEADER)


@endpoint
def get_attachment(user_id: str, mailbox_id: str, message_id: str, attachment_id: str) -> Response:
    ctx = upkeep.current()
    message = messages.get(ctx, get_user(ctx, user_id).id, mailbox_id, int(message_id))
    found = attachment_content(message.raw, attachment_id)
    if found is None:
        fail(404, "This attachment does not exist", "AttachmentNotFound")
    content_type, content = found
    return Response(content, media_type=content_type, headers=SERVER_HEADER)
