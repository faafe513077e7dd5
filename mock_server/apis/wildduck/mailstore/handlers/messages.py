"""``/users/{user}/mailboxes/{mailbox}/messages``, ``/search``, ``/flagged``: reading and
changing messages.

As on the real server, a mailbox's listing looks the mailbox up by (user, id) and one
message's reads look it up by (user, mailbox, uid), so an unknown user is 404
``NoSuchMailbox`` or ``MessageNotFound`` there rather than ``UserNotFound``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.responses import Response

from ...access.rights import endpoint
from ...accounts.users import get_user
from ...dates import iso_ms, parse_client_instant
from ...errors import SERVER_HEADER, fail
from ...paging import paginate
from .. import archive, bulk, messages, search, upkeep, views
from ..listing import mailbox_page
from ..messages import UidSet
from ..mime import attachment_content


@endpoint
def list_messages(user_id: str, mailbox_id: str, order: str = "desc", limit: int = 20, page: int = 1,
                  next_: str | None = None, previous: str | None = None, sess: str | None = None,
                  ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    return mailbox_page(ctx, user_id.lower(), mailbox_id, limit=limit, order=order, page=page,
                        next_cursor=next_, previous_cursor=previous)


@endpoint
def search_messages(user_id: str, query: str | None = None, mailbox: str | None = None, id_: str | None = None,
                    thread: str | None = None, datestart: str | None = None, dateend: str | None = None,
                    from_: str | None = None, to: str | None = None, subject: str | None = None,
                    min_size: int | None = None, max_size: int | None = None, attachments: bool | None = None,
                    flagged: bool | None = None, unseen: bool | None = None, seen: bool | None = None,
                    searchable: bool | None = None, order: str | None = None, limit: int = 20, page: int = 1,
                    next_: str | None = None, previous: str | None = None, sess: str | None = None,
                    ip: str | None = None) -> dict[str, Any]:
    criteria = _criteria({"query": query, "mailbox": mailbox, "id": id_, "thread": thread, "datestart": datestart,
                          "dateend": dateend, "from": from_, "to": to, "subject": subject, "minSize": min_size,
                          "maxSize": max_size, "attachments": attachments, "flagged": flagged, "unseen": unseen,
                          "seen": seen, "searchable": searchable})
    by_arrival = bool(order)
    return {"query": query or "", **_found(user_id, criteria, limit, page, next_, previous,
                                           descending=order != "asc", by_arrival=by_arrival)}


@endpoint
def apply_search(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Applied before answering; the id names the task the real server would have queued."""
    ctx = upkeep.current()
    bulk.apply(ctx, get_user(ctx, user_id), _criteria(body), bulk.Action.of(body["action"]))
    return {"success": True, "scheduled": ctx.object_id(), "existing": False}


def _criteria(body: dict[str, Any]) -> search.Criteria:
    """Search criteria (GET's query, POST's body) as the real server reads them: text is
    trimmed, a boolean narrows only when true (``flagged: false`` matches everything),
    ``unseen`` wins over ``seen``, Trash and Junk count unless ``searchable``, and ``id``
    applies with ``mailbox`` or ``searchable``."""
    either = body.get("or") or {}
    alternatives = [search.Criteria(**{name: _text(either, key)}) for key, name in _TEXT_CRITERIA if _text(either, key)]
    return search.Criteria(
        **{name: _text(body, key) for key, name in _TEXT_CRITERIA}, mailbox=_text(body, "mailbox"),
        thread=_text(body, "thread"), attachments=body.get("attachments") or None, flagged=body.get("flagged") or None,
        unseen=True if body.get("unseen") else (False if body.get("seen") else None),
        uids=_text(body, "id") if body.get("mailbox") or body.get("searchable") else None,
        since=_instant(body, "datestart"), until=_instant(body, "dateend"),
        min_size=body.get("minSize"), max_size=body.get("maxSize"),
        alternatives=alternatives, skip_trash_and_junk=bool(body.get("searchable")),
    )


def _text(source: dict[str, Any], key: str) -> str | None:
    """Trimmed; empty means not given, as the real server's ``.trim().empty('')``."""
    return str(source.get(key) or "").strip() or None


def _instant(source: dict[str, Any], key: str) -> datetime | None:
    return parse_client_instant(source[key]) if source.get(key) else None


_TEXT_CRITERIA = (("query", "query"), ("from", "sender"), ("to", "to"), ("subject", "subject"))
"""Request key -> criterion, for the text criteria (also those under ``or``)."""


@endpoint
def list_flagged(user_id: str, order: str = "desc", limit: int = 20, page: int = 1, next_: str | None = None,
                 previous: str | None = None, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    return _found(user_id, search.Criteria(flagged=True), limit, page, next_, previous, descending=order != "asc")


def _found(user_id: str, criteria: search.Criteria, limit: int, page: int, next_cursor: str | None,
           previous_cursor: str | None, descending: bool = True, by_arrival: bool = False) -> dict[str, Any]:
    """Ordered by id, or with ``by_arrival`` by arrival time (then id), as the real search
    pages on ``idate`` when an ``order`` is given."""
    ctx = upkeep.current()
    found = search.find(ctx, get_user(ctx, user_id).id, criteria)
    key = (lambda m: f"{iso_ms(m.idate)} {m.id}") if by_arrival else (lambda m: m.id)
    listed = paginate(found, key=key, limit=limit, page=page, next_cursor=next_cursor,
                      previous_cursor=previous_cursor, descending=descending)
    return listed.answer(views.listing_item)


@endpoint
def get_message(user_id: str, mailbox_id: str, message_id: str, mark_as_seen: bool = False,
                sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    message = messages.lookup(ctx, user_id, mailbox_id, int(message_id))
    if mark_as_seen and not message.seen:
        messages.update(ctx, get_user(ctx, user_id), mailbox_id, UidSet(message_id), {"seen": True})
    return views.details(message)


@endpoint
def get_message_events(user_id: str, mailbox_id: str, message_id: str, sess: str | None = None,
                       ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    return views.events(messages.lookup(ctx, user_id, mailbox_id, int(message_id)))


@endpoint
def update_messages(user_id: str, mailbox_id: str, message_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return _update(user_id, mailbox_id, message_id, dict(body or {}))


def _update(user_id: str, mailbox_id: str, uids: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Like the real server, the messages are looked up by (user, mailbox, UIDs) at once: an
    unknown user or mailbox matches nothing (404 ``MessageNotFound``; with ``moveTo`` the
    real server answers 500 "Mailbox is missing" there, which a mock must not)."""
    ctx = upkeep.current()
    selection = UidSet(uids)
    if "expires" in changes:
        changes["expires"] = parse_client_instant(changes["expires"]) if changes["expires"] else None
    user = ctx.state.users.get(user_id.lower())
    mailbox = ctx.state.mail.mailboxes.get(mailbox_id.lower())
    if user is None or mailbox is None or mailbox.user != user.id:
        fail(404, "No message matched query", "MessageNotFound")
    return {"success": True, **messages.update(ctx, user, mailbox_id, selection, changes)}


@endpoint
def update_selection(user_id: str, mailbox_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """The bulk form: the UID set is the body's ``message``; the same update and answer."""
    changes = dict(body)
    return _update(user_id, mailbox_id, changes.pop("message"), changes)


@endpoint
def empty_mailbox(user_id: str, mailbox_id: str, async_: bool = False, skip_archive: bool = False,
                  sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    """``async`` would queue the deletion on the real server (answering the task id); here it
    is done before the answer either way, so a client polling afterwards sees it done."""
    ctx = upkeep.current()
    deleted = bulk.empty(ctx, user_id, mailbox_id, skip_archive=skip_archive)
    if async_:
        return {"success": True, "existing": False, "scheduled": ctx.object_id()}
    return {"success": True, "deleted": deleted, "errors": 0}


@endpoint
def delete_message(user_id: str, mailbox_id: str, message_id: str, sess: str | None = None,
                   ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    message = messages.lookup(ctx, user_id, mailbox_id, int(message_id))
    archive.delete_message(ctx, get_user(ctx, user_id), message)
    return {"success": True}


@endpoint
def get_message_source(user_id: str, mailbox_id: str, message_id: str, sess: str | None = None,
                       ip: str | None = None) -> Response:
    """The stored RFC 822 source, byte for byte (what the details were parsed from)."""
    ctx = upkeep.current()
    message = messages.lookup(ctx, user_id, mailbox_id, int(message_id))
    return Response(message.raw.encode("utf-8", "surrogateescape"), media_type="message/rfc822", headers=SERVER_HEADER)


@endpoint
def get_attachment(user_id: str, mailbox_id: str, message_id: str, attachment_id: str) -> Response:
    ctx = upkeep.current()
    message = messages.lookup(ctx, user_id, mailbox_id, int(message_id))
    found = attachment_content(message.raw, attachment_id)
    if found is None:
        fail(404, "This attachment does not exist", "AttachmentNotFound")
    content_type, content = found
    return Response(content, media_type=content_type, headers=SERVER_HEADER)
