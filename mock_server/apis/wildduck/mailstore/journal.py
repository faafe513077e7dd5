"""The change journal: every change to a user's mail, kept (bounded) and handed to open
update streams as it happens.

Entries are what the real server writes to its ``journal`` collection; ids are ObjectIds,
so they sort by time and ``Last-Event-ID`` can resume after any of them.
"""

from __future__ import annotations

import json
from typing import Any

from ..context import Context
from ..dates import iso_ms
from .records import JournalEntry, StoredMessage
from .store import MailStore


def store(ctx: Context) -> MailStore:
    return ctx.state.mail


def record(ctx: Context, user_id: str, command: str, **data: Any) -> JournalEntry:
    entry = JournalEntry(ctx.object_id(), user_id, command, {"command": command, **data})
    entries = store(ctx).journal.setdefault(user_id, [])
    entries.append(entry)
    del entries[: max(0, len(entries) - ctx.config.journal_size_per_user)]
    store(ctx).feed.publish(entry)
    return entry


def message_added(ctx: Context, message: StoredMessage) -> None:
    record(ctx, message.user, "EXISTS", mailbox=message.mailbox, message=message.id, uid=message.uid,
           thread=message.thread, idate=iso_ms(message.idate))


def message_changed(ctx: Context, message: StoredMessage) -> None:
    record(ctx, message.user, "FETCH", mailbox=message.mailbox, message=message.id, uid=message.uid, flags=message.flags)


def message_removed(ctx: Context, message: StoredMessage) -> None:
    record(ctx, message.user, "EXPUNGE", mailbox=message.mailbox, message=message.id, uid=message.uid)


def counters(ctx: Context, user_id: str, mailbox_ids: set[str]) -> None:
    """What the real stream sends after message changes: the touched mailboxes' counters."""
    index = store(ctx).index
    for mailbox_id in sorted(mailbox_ids):
        if mailbox_id in store(ctx).mailboxes:
            record(ctx, user_id, "COUNTERS", mailbox=mailbox_id, total=index.total(mailbox_id),
                   unseen=index.unseen.get(mailbox_id, 0))


def since(ctx: Context, user_id: str, last_event_id: str | None) -> list[JournalEntry]:
    """Entries after ``last_event_id`` (none when it is not given: a new stream starts now)."""
    if not last_event_id:
        return []
    return [entry for entry in store(ctx).journal.get(user_id, []) if entry.id > last_event_id]


def event_text(entry: JournalEntry) -> str:
    """One server-sent event, formatted as the real server does: pretty JSON over ``data:``
    lines, then the entry's id."""
    lines = json.dumps(entry.data, indent=2, ensure_ascii=False).split("\n")
    return "".join(f"data: {line}\n" for line in lines) + f"id: {entry.id}\n\n"

