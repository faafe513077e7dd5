"""The mail half's whole state: every record of records.py, keyed as the API reaches it.

Ordered views (a mailbox by date, what expires next) are derived from these records by
:class:`~.index.MailIndex`, a user's mailboxes by :class:`~..owners.OwnerIndex`, and live
subscribers hang off :class:`~.feed.ChangeFeed`; none is exported, and the derived ones are
rebuilt after an import. Kept apart from records.py so the
index and the feed can know the record types without a circle back to the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..owners import OwnerIndex
from .feed import ChangeFeed
from .index import MailIndex
from .records import (
    ArchivedMessage,
    Autoreply,
    Filter,
    JournalEntry,
    Mailbox,
    StoredMessage,
)


@dataclass
class MailStore:
    mailboxes: dict[str, Mailbox] = field(default_factory=dict)
    """Mailbox id -> mailbox; written through :meth:`add_mailbox` and :meth:`remove_mailbox`,
    which keep ``owners`` current."""
    messages: dict[str, dict[int, StoredMessage]] = field(default_factory=dict)
    """Mailbox id -> UID -> message."""
    archived: dict[str, ArchivedMessage] = field(default_factory=dict)
    filters: dict[str, Filter] = field(default_factory=dict)
    autoreplies: dict[str, Autoreply] = field(default_factory=dict)
    """User id -> autoreply."""
    autoreplied: dict[str, datetime] = field(default_factory=dict)
    """``<user> <sender>`` -> when the autoreply last went to that sender."""
    threads: dict[str, str] = field(default_factory=dict)
    """``<user> <normalized subject>`` -> thread id."""
    journal: dict[str, list[JournalEntry]] = field(default_factory=dict)
    """User id -> the latest changes, oldest first."""
    index: MailIndex = field(init=False, default_factory=MailIndex, repr=False, compare=False)
    feed: ChangeFeed = field(init=False, default_factory=ChangeFeed, repr=False, compare=False)
    owners: OwnerIndex[Mailbox] = field(init=False, default_factory=OwnerIndex, repr=False, compare=False)
    """User -> their mailboxes' ids (owners.py): almost every mail route asks for a user's
    mailboxes (a path, the INBOX, the quota), so that costs the user's, not the namespace's."""

    def indexed(self) -> MailIndex:
        """The index, built from the records the first time it is needed (after a start or an import)."""
        return self.index.ensure(self.messages, self.archived, self.filters)

    def mailboxes_of(self, user_id: str) -> list[Mailbox]:
        """The user's mailboxes, in the order they were stored (the order of ``mailboxes``)."""
        return self.owners.records_of(self.mailboxes, user_id)

    def add_mailbox(self, mailbox: Mailbox) -> None:
        owners = self.owners.current(self.mailboxes)
        replaced = mailbox.id in self.mailboxes
        self.mailboxes[mailbox.id] = mailbox
        if replaced:
            owners.count = -1  # rebuilt in the records' order on next use
        else:
            owners.add(mailbox)

    def remove_mailbox(self, mailbox_id: str) -> Mailbox | None:
        owners = self.owners.current(self.mailboxes)
        mailbox = self.mailboxes.pop(mailbox_id, None)
        if mailbox is not None:
            owners.remove(mailbox)
        return mailbox

    def messages_in(self, mailbox_id: str) -> dict[int, StoredMessage]:
        return self.messages.setdefault(mailbox_id, {})

    def forget_user(self, user_id: str) -> None:
        """A deleted user's mail goes entirely, and their update streams end."""
        for mailbox in self.mailboxes_of(user_id):
            self.remove_mailbox(mailbox.id)
            self.messages.pop(mailbox.id, None)
        for key in [k for k, a in self.archived.items() if a.message.user == user_id]:
            del self.archived[key]
        for key in [k for k, f in self.filters.items() if f.user == user_id]:
            del self.filters[key]
        for keyed_by_user in (self.autoreplied, self.threads):
            for key in [k for k in keyed_by_user if k.split(" ", 1)[0] == user_id]:
                del keyed_by_user[key]
        self.autoreplies.pop(user_id, None)
        self.journal.pop(user_id, None)
        self.index = MailIndex()  # rebuilt from what is left on next use
        self.feed.close_user(user_id)
