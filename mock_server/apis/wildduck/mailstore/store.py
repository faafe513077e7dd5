"""The mail half's whole state: every record of records.py, keyed as the API reaches it.

Ordered views (a mailbox by date, what expires next) are derived from these records by
:class:`~.index.MailIndex`, and live subscribers hang off :class:`~.feed.ChangeFeed`; neither
is exported, and the index is rebuilt after an import. Kept apart from records.py so the
index and the feed can know the record types without a circle back to the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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
    which keep the per-user lookup behind :meth:`mailboxes_of` current."""
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
    _by_user: dict[str, dict[str, None]] = field(init=False, default_factory=dict, repr=False, compare=False)
    """Derived, not exported: user id -> the ids of the user's mailboxes in the order they were
    stored. Almost every mail route asks for a user's mailboxes (a path, the INBOX, the quota),
    so that must cost the user's mailboxes, not every mailbox of the namespace."""
    _indexed: int = field(init=False, default=-1, repr=False, compare=False)
    """How many mailboxes ``_by_user`` holds; any other count than ``mailboxes``' (after an
    import, or a writer that went around the methods below) rebuilds it."""

    def mailboxes_of(self, user_id: str) -> list[Mailbox]:
        """The user's mailboxes, in the order they were stored (the order of ``mailboxes``)."""
        found = [self.mailboxes.get(mailbox_id) for mailbox_id in self._mailboxes_by_user().get(user_id, {})]
        if any(mailbox is None or mailbox.user != user_id for mailbox in found):
            self._indexed = -1  # changed behind the lookup's back: rebuild it from the records
            return [self.mailboxes[mailbox_id] for mailbox_id in self._mailboxes_by_user().get(user_id, {})]
        return found  # type: ignore[return-value]  # none is None: checked above

    def add_mailbox(self, mailbox: Mailbox) -> None:
        by_user = self._mailboxes_by_user()
        previous = self.mailboxes.get(mailbox.id)
        self.mailboxes[mailbox.id] = mailbox
        if previous is not None and previous.user != mailbox.user:
            self._indexed = -1  # a record moved to another user: rebuilt in the records' order
            return
        by_user.setdefault(mailbox.user, {})[mailbox.id] = None
        if previous is None:
            self._indexed += 1

    def remove_mailbox(self, mailbox_id: str) -> Mailbox | None:
        by_user = self._mailboxes_by_user()
        mailbox = self.mailboxes.pop(mailbox_id, None)
        if mailbox is not None:
            by_user.get(mailbox.user, {}).pop(mailbox_id, None)
            self._indexed -= 1
        return mailbox

    def _mailboxes_by_user(self) -> dict[str, dict[str, None]]:
        if self._indexed != len(self.mailboxes):
            self._by_user = {}
            for mailbox in self.mailboxes.values():
                self._by_user.setdefault(mailbox.user, {})[mailbox.id] = None
            self._indexed = len(self.mailboxes)
        return self._by_user

    def messages_in(self, mailbox_id: str) -> dict[int, StoredMessage]:
        return self.messages.setdefault(mailbox_id, {})

    def forget_user(self, user_id: str) -> None:
        """A deleted user's mail goes entirely, and their update streams end."""
        for mailbox in self.mailboxes_of(user_id):
            self.remove_mailbox(mailbox.id)
            self.messages.pop(mailbox.id, None)
        self._by_user.pop(user_id, None)
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
