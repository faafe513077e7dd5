"""Ordered views of the message records, kept up to date as messages change.

Why: a mailbox page must cost the same with 100,000 messages as with 100. Each mailbox keeps
its messages' keys ``(arrival time in microseconds, uid)`` in a sorted list, so a page is a
binary search to the cursor plus ``limit`` steps; total, unseen and size are counters kept
alongside. What expires next (messages past their retention, archived messages past the
archive's) is a sorted list too, so purging touches only what is due. A user's archived
messages are listed by archive time, so a restore by date range reads only the range; filters
are listed by id per user, all together, and those with forward targets apart, so the global
``GET /filters`` pages without reading every filter.

The index is derived data: it is not exported, and it is rebuilt from the records the first
time a store is used after an import.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable, Mapping

from sortedcontainers import SortedList

from .records import ArchivedMessage, Filter, StoredMessage

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
OrderKey = tuple[int, int]


def micros(instant: datetime) -> int:
    """Exact integer microseconds since the epoch (no float rounding: keys must compare exactly)."""
    delta = instant.astimezone(timezone.utc) - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def order_key(message: "StoredMessage") -> OrderKey:
    return micros(message.idate), message.uid


class MailIndex:
    def __init__(self) -> None:
        self.built = False
        self.order: dict[str, SortedList] = {}
        self.unseen: dict[str, int] = {}
        self.size: dict[str, int] = {}
        self.expiring: SortedList = SortedList()
        """(expiry in microseconds, mailbox id, uid) of messages that expire."""
        self.purging: SortedList = SortedList()
        """(purge time in microseconds, archived id)."""
        self.archived_of: dict[str, SortedList] = {}
        """User id -> (archive time in microseconds, archived id)."""
        self.filters_of: dict[str, SortedList] = {}
        """User id -> filter ids."""
        self.filter_ids: SortedList = SortedList()
        self.forwarding: SortedList = SortedList()
        """Ids of the filters that forward (have ``action.targets``)."""

    def ensure(
        self, messages: Mapping[str, Mapping[int, StoredMessage]], archived: Mapping[str, ArchivedMessage],
        filters: Mapping[str, Filter],
    ) -> "MailIndex":
        """Build the views from the store's records (messages by mailbox and UID, archived by
        id, filters by id) the first time they are needed after a start or an import."""
        if not self.built:
            self.built = True
            for mailbox_id, mailbox_messages in messages.items():
                self._rebuild_mailbox(mailbox_id, mailbox_messages.values())
            for archived_id, archived_message in archived.items():
                self.add_archived(archived_id, archived_message)
            for record in filters.values():
                self.add_filter(record)
        return self

    def _rebuild_mailbox(self, mailbox_id: str, messages: Iterable["StoredMessage"]) -> None:
        messages = list(messages)
        self.order[mailbox_id] = SortedList(order_key(m) for m in messages)
        self.unseen[mailbox_id] = sum(1 for m in messages if not m.seen)
        self.size[mailbox_id] = sum(m.size for m in messages)
        for message in messages:
            self._track_expiry(message)

    def ordered(self, mailbox_id: str) -> SortedList:
        return self.order.setdefault(mailbox_id, SortedList())

    def add(self, message: "StoredMessage") -> None:
        self.ordered(message.mailbox).add(order_key(message))
        self.unseen[message.mailbox] = self.unseen.get(message.mailbox, 0) + (0 if message.seen else 1)
        self.size[message.mailbox] = self.size.get(message.mailbox, 0) + message.size
        self._track_expiry(message)

    def remove(self, message: "StoredMessage") -> None:
        self.ordered(message.mailbox).discard(order_key(message))
        self.unseen[message.mailbox] -= 0 if message.seen else 1
        self.size[message.mailbox] -= message.size
        self._untrack_expiry(message)

    def before_change(self, message: "StoredMessage") -> None:
        """Call before changing flags or expiry, and :meth:`after_change` after."""
        self.unseen[message.mailbox] -= 0 if message.seen else 1
        self._untrack_expiry(message)

    def after_change(self, message: "StoredMessage") -> None:
        self.unseen[message.mailbox] += 0 if message.seen else 1
        self._track_expiry(message)

    def drop_mailbox(self, mailbox_id: str) -> None:
        for name in ("order", "unseen", "size"):
            getattr(self, name).pop(mailbox_id, None)
        self.expiring = SortedList(entry for entry in self.expiring if entry[1] != mailbox_id)

    def total(self, mailbox_id: str) -> int:
        return len(self.order.get(mailbox_id, ()))

    def _track_expiry(self, message: "StoredMessage") -> None:
        if message.expires is not None:
            self.expiring.add((micros(message.expires), message.mailbox, message.uid))

    def _untrack_expiry(self, message: "StoredMessage") -> None:
        if message.expires is not None:
            self.expiring.discard((micros(message.expires), message.mailbox, message.uid))

    def add_archived(self, archived_id: str, archived: "ArchivedMessage") -> None:
        self.purging.add((micros(archived.purge_at), archived_id))
        self.archived_of.setdefault(archived.message.user, SortedList()).add((micros(archived.archived), archived_id))

    def remove_archived(self, archived_id: str, archived: "ArchivedMessage") -> None:
        self.purging.discard((micros(archived.purge_at), archived_id))
        self.archived_of.get(archived.message.user, SortedList()).discard((micros(archived.archived), archived_id))

    def archived_between(self, user_id: str, start: datetime, end: datetime) -> list[str]:
        """Ids of the user's messages archived from ``start`` to ``end`` (inclusive)."""
        entries = self.archived_of.get(user_id, SortedList())
        return [archived_id for _at, archived_id in entries.irange((micros(start), ""), (micros(end), "\uffff"))]

    def add_filter(self, record: "Filter") -> None:
        self.filters_of.setdefault(record.user, SortedList()).add(record.id)
        self.filter_ids.add(record.id)
        self.filter_changed(record)

    def filter_changed(self, record: "Filter") -> None:
        """Call after a filter's forward targets may have changed."""
        if record.action.targets:
            if record.id not in self.forwarding:
                self.forwarding.add(record.id)
        else:
            self.forwarding.discard(record.id)

    def remove_filter(self, record: "Filter") -> None:
        self.filters_of.get(record.user, SortedList()).discard(record.id)
        self.filter_ids.discard(record.id)
        self.forwarding.discard(record.id)

    def due(self, now: datetime) -> tuple[list[tuple[str, int]], list[str]]:
        """(mailbox, uid) of expired messages and ids of archived messages due for purging."""
        limit = micros(now)
        messages: list[tuple[str, int]] = []
        archived: list[str] = []
        # Asked before every mail operation, and nearly always nothing is due: the earliest
        # entry (first in its sorted list, by time) says so without a range walk.
        if self.expiring and self.expiring[0][0] <= limit:
            messages = [(mailbox, uid) for at, mailbox, uid in self.expiring.irange(maximum=(limit, "\uffff", 1 << 62))]
        if self.purging and self.purging[0][0] <= limit:
            archived = [archived_id for at, archived_id in self.purging.irange(maximum=(limit, "\uffff"))]
        return messages, archived
