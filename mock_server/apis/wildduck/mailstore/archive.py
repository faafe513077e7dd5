"""The archive: where deleted messages wait, restorable, until the retention purges them.

Archived messages keep their ObjectId (the archive lists them by it) and no longer count
for the quota. A restore puts the message back under a new UID: into the mailbox it was
deleted from, INBOX when that mailbox is gone, or a mailbox the client names. A restore by
date range (what the real server's ``restore`` task does) puts every message archived in
the range into one ``Restored (YYYY-MM-DD)`` mailbox, made when needed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..context import Context
from ....errors import ApiError
from ..errors import fail
from ..state import User
from . import mailboxes, messages
from .records import ArchivedMessage, Mailbox, StoredMessage


RESTORED_NAMES = {"en": "Restored", "et": "Taastatud"}
"""The real ``translations.js`` names the restore mailbox in these languages only."""


def delete_message(ctx: Context, user: User, message: StoredMessage, *, keep: bool = True) -> None:
    """``DELETE .../messages/{uid}`` (the caller has found the message): drafts go for good,
    everything else to the archive unless ``keep`` is false (``skipArchive``)."""
    messages.take_out(ctx, user, message)
    if keep and not message.draft:
        _archive(ctx, user, message)


def _archive(ctx: Context, user: User, message: StoredMessage) -> None:
    store = messages.mail(ctx)
    archived = ArchivedMessage(message, ctx.now, ctx.now + timedelta(days=ctx.config.archive_retention_days))
    store.archived[message.id] = archived
    store.index.add_archived(message.id, archived)
    of_user = store.index.archived_of[user.id]
    for _at, oldest in list(of_user.islice(0, max(0, len(of_user) - ctx.config.max_archived_per_user))):
        _forget(ctx, oldest)  # past the cap, the earliest archived go first


def of_user(ctx: Context, user_id: str) -> list[ArchivedMessage]:
    purge_due(ctx)
    store = messages.mail(ctx)
    return [store.archived[archived_id] for _at, archived_id in store.index.archived_of.get(user_id, ())]


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


def restore_range(ctx: Context, user: User, start: datetime, end: datetime) -> list[StoredMessage]:
    """Every message archived between ``start`` and ``end`` (inclusive), oldest first, into
    the restore mailbox, without ``\\Deleted``; INBOX if that mailbox can not be made."""
    purge_due(ctx)
    store = messages.mail(ctx)
    found = sorted((store.archived[i] for i in store.index.archived_between(user.id, start, end)), key=lambda a: a.message.id)
    if not found:
        return []
    target = _restore_mailbox(ctx, user)
    restored = []
    for archived in found:
        _forget(ctx, archived.message.id)
        archived.message.deleted = False
        restored.append(messages.put_back(ctx, user, archived.message, target))
    return restored


def _restore_mailbox(ctx: Context, user: User) -> Mailbox:
    language = (user.language or "").lower().split("_")[0]
    path = f"{RESTORED_NAMES.get(language, RESTORED_NAMES['en'])} ({ctx.now:%Y-%m-%d})"
    existing = mailboxes.by_path(ctx, user.id, path)
    if existing is not None:
        return existing
    try:
        return mailboxes.create(ctx, user, {"path": path})
    except ApiError:  # the mailbox limit: the real task falls back to INBOX
        inbox = mailboxes.by_special_use(ctx, user.id, None)
        if inbox is None:
            fail(404, "This mailbox does not exist", "NoSuchMailbox")
        return inbox


def purge_due(ctx: Context) -> None:
    _expired, due = messages.mail(ctx).index.due(ctx.now)
    for archived_id in due:
        _forget(ctx, archived_id)


def _forget(ctx: Context, archived_id: str) -> None:
    store = messages.mail(ctx)
    archived = store.archived.pop(archived_id, None)
    if archived is not None:
        store.index.remove_archived(archived_id, archived)
