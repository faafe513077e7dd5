"""``/users/{user}/mailboxes``: folders.

Like the real server, updating or deleting looks the mailbox up by (user, id), so an
unknown user is 404 ``NoSuchMailbox`` there, while reading one checks the user first
(``UserNotFound``)."""

from __future__ import annotations

from typing import Any

from ...access.rights import endpoint
from ...accounts.users import get_user
from ...errors import fail
from .. import mailboxes, upkeep


@endpoint
def list_mailboxes(user_id: str, special_use: bool = False, show_hidden: bool = False, counters: bool = False,
                   sizes: bool = False, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    user = get_user(ctx, user_id)
    found = mailboxes.listing(ctx, user.id, special_use_only=special_use, show_hidden=show_hidden)
    return {"success": True, "results": [mailboxes.view(ctx, m, counters=counters, sizes=sizes) for m in found]}


@endpoint
def create_mailbox(user_id: str, body: dict[str, Any]) -> dict[str, Any]:
    ctx = upkeep.current()
    return {"success": True, "id": mailboxes.create(ctx, get_user(ctx, user_id), body).id}


@endpoint
def get_mailbox(user_id: str, mailbox_id: str, path: str | None = None, sess: str | None = None,
                ip: str | None = None) -> dict[str, Any]:
    """``resolve`` as the mailbox id looks the mailbox up by ``path`` (exactly as given, not
    normalized), as the real server does; no path finds nothing (404 ``NoSuchMailbox``)."""
    ctx = upkeep.current()
    user = get_user(ctx, user_id)
    if mailbox_id == "resolve":
        mailbox = mailboxes.by_path(ctx, user.id, path) if path else None
        if mailbox is None:
            fail(404, "This mailbox does not exist", "NoSuchMailbox")
    else:
        mailbox = mailboxes.get(ctx, user.id, mailbox_id)
    return {"success": True, **mailboxes.view(ctx, mailbox, counters=True)}


@endpoint
def update_mailbox(user_id: str, mailbox_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    mailboxes.update(ctx, user_id.lower(), mailbox_id, body or {})
    return {"success": True}


@endpoint
def delete_mailbox(user_id: str, mailbox_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    mailboxes.delete(ctx, user_id.lower(), mailbox_id)
    return {"success": True}
