"""The archive: where deleted messages wait, restorable, until the retention purges them.

Archived messages keep their ObjectId (the archive lists them by it) and no longer count
for the quota. A restore puts the message back under a new UID: into the mailbox it was
deleted from, INBOX when that mailbox is gone, or a mailbox the client names.
"""

from __future__ import annotations

from datetime import timedelta

from ..context import Context
from ..errors import fail
from ..state import User
from . import mailboxes, messages
from .records import ArchivedMessage, StoredMessage


def delete_message(ctx: Context, user: User, message: StoredMessage) -> None:
    """``DELETE .../messages/{uid}`` (the caller has found the message): drafts go for good,
    everything else to the archive."""
    messages.take_out(ctx, user, message)
    if not message.draft:
        _archive(ctx, user, message)


def _archive(ctx: Context, user: User, message: StoredMessage) -> None:
    store = messages.mail(ctx)
    archived = ArchivedMessage(message, ctx.now, ctx.now + timedelta(days=ctx.config.archive_retention_days))
    store.archived[message.id] = archived
    store.index.add_archived(message.id, archived)
    of_user = sorted(a.message.id for a in store.archived.values() if a.message.user == user.id)
    for oldest in of_user[: max(0, len(of_user) - ctx.config.max_archived_per_user)]:
        _forget(ctx, oldest)


def of_user(ctx: Context, user_id: str) -> list[ArchivedMessage]:
    purge_due(ctx)
    return [a for a in messages.mail(ctx).archived.values() if a.message.user == user_id]


def get(ctx: Context, user_id: str, message_id: str) -> ArchivedMessage:
    purge_due(ctx)
    archived = messages.mail(ctx).archived.get(message_id.lower())
    if archived is None or archived.message.user != user_id:
        fail(404, "This message does not exist", "MessageNotFound")
    return archived


def restore(ctx: Context, user: User, message_id: str, mailbox_id: str | None) -> StoredMessage:
    archived = get(ctx, user.id, message_id)
    if mailbox_id:
        target = mailboxes.get(ctx, user.id, mailbox_id)
    else:
        original = messages.mail(ctx).mailboxes.get(archived.message.mailbox)
        target = original or mailboxes.by_special_use(ctx, user.id, None)
        if target is None:
            fail(404, "This mailbox does not exist", "NoSuchMailbox")
    _forget(ctx, archived.message.id)
    return messages.put_back(ctx, user, archived.message, target)


def purge_due(ctx: Context) -> None:
    _expired, due = messages.mail(ctx).index.due(ctx.now)
    for archived_id in due:
        _forget(ctx, archived_id)


def _forget(ctx: Context, archived_id: str) -> None:
    store = messages.mail(ctx)
    archived = store.archived.pop(archived_id, None)
    if archived is not None:
        store.index.remove_archived(archived_id, archived)
