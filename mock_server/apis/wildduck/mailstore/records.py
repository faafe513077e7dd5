"""The mail half's records, as plain dataclasses (see plain.py), shaped like the real
collections: mailboxes, messages, archived, filters, autoreplies, journal.

Messages are kept per mailbox and keyed by UID, because every message operation of the API
names a mailbox and a UID. The store that holds them all is :class:`~.store.MailStore`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class MailAddress:
    address: str
    name: str = ""


@dataclass
class AttachmentInfo:
    """One attachment as the real server lists it; ``size`` is the decoded size in bytes."""

    id: str
    """``ATT00001``, ``ATT00002``... in the order the parts appear in the message."""
    filename: str | None
    content_type: str
    disposition: str
    transfer_encoding: str
    related: bool
    """Inside a multipart/related part (an image the HTML shows, or a file given a ``cid``)."""
    size: int
    content_id: str | None = None
    encoded_size: int = 0
    """Bytes of the part's body as the source holds it (transfer-encoded): the real ``size``."""
    encoded_sha256: str = ""
    """Hex SHA-256 of that body: the real attachment store's id, shown as ``hash``."""
    content_sha256: str = ""
    """Base64 SHA-256 of the decoded content: the real ``fileContentHash``."""


@dataclass
class Mailbox:
    id: str
    user: str
    path: str
    special_use: str | None
    uid_validity: int
    created: datetime
    uid_next: int = 1
    modify_index: int = 0
    subscribed: bool = True
    retention: int = 0
    """Milliseconds a message stays after it arrives; 0 keeps it."""
    hidden: bool = False
    encrypt_messages: bool = False
    """Stored and shown (``encryptMessages``); the mock keeps messages as they came."""

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass
class StoredMessage:
    """A message in a mailbox: its RFC 822 source plus what listings, search and filters read
    from it, parsed once when it is stored."""

    id: str
    """ObjectId; kept through moves and the archive (the archive lists messages by it)."""
    user: str
    mailbox: str
    uid: int
    thread: str
    idate: datetime
    """When the message arrived (listings are ordered by it)."""
    hdate: datetime | None
    """The ``Date:`` header."""
    size: int
    """Bytes of the RFC 822 source; what the quota counts."""
    msgid: str
    subject: str
    sender: MailAddress | None
    to: list[MailAddress]
    cc: list[MailAddress]
    bcc: list[MailAddress]
    intro: str
    text: str
    """The plain text (or the HTML's text), for search and filters."""
    attachments: list[AttachmentInfo]
    content_type: str
    content_type_params: dict[str, str]
    references: list[str]
    raw: str
    seen: bool = False
    flagged: bool = False
    draft: bool = False
    deleted: bool = False
    answered: bool = False
    forwarded: bool = False
    junk: bool = False
    """Delivered to or moved into Junk, and not moved out again (Trash keeps it): a move that
    changes it is a ``marked.spam`` / ``marked.ham`` event."""
    expires: datetime | None = None
    envelope_from: str = ""
    envelope_to: list[str] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    """Timeline: how it arrived (``STORE``) and where filters forwarded it (``FORWARD``)."""
    upload: dict[str, Any] | None = None
    """For a message stored by ``POST .../messages``: the real server's upload ``meta``:
    ``envelope`` ({from, to}), ``reference`` ({action, mailbox, id} or None), ``files``
    (storage files it attached) and ``custom`` (``metaData`` as JSON text). Submitting a
    draft reads its envelope and reference from here."""
    outbound: list[str] = field(default_factory=list)
    """Queue ids this message was sent under."""
    meta_data: dict[str, Any] | None = None
    """``metaData`` set by a message update; None: the upload's ``custom``, or nothing."""

    @property
    def flags(self) -> list[str]:
        """The IMAP flags, as ``FETCH`` events carry them."""
        named = (("\\Seen", self.seen), ("\\Flagged", self.flagged), ("\\Draft", self.draft),
                 ("\\Deleted", self.deleted), ("\\Answered", self.answered), ("$Forwarded", self.forwarded))
        return [flag for flag, on in named if on]


@dataclass
class ArchivedMessage:
    """A deleted message, restorable until ``purge_at``; it no longer counts for the quota."""

    message: StoredMessage
    archived: datetime
    purge_at: datetime


@dataclass
class FilterQuery:
    sender: str | None = None
    """``from``: part of the From: header, case-insensitive."""
    to: str | None = None
    subject: str | None = None
    list_id: str | None = None
    """``listId``: part of the List-ID header's ``<id>``, case-insensitive."""
    text: str | None = None
    ha: bool | None = None
    size: int | None = None
    """Positive: at least; negative: at most ``abs(size)`` bytes."""


@dataclass
class FilterAction:
    seen: bool | None = None
    flag: bool | None = None
    delete: bool | None = None
    spam: bool | None = None
    mailbox: str | None = None
    targets: list[str] = field(default_factory=list)
    """Addresses to forward to, and URLs (kept and listed; the mock uploads nothing)."""


@dataclass
class Filter:
    id: str
    user: str
    created: datetime
    name: str | None = None
    query: FilterQuery = field(default_factory=FilterQuery)
    action: FilterAction = field(default_factory=FilterAction)
    disabled: bool = False
    meta_data: dict[str, Any] | None = None
    """``metaData`` as given; None when never set (the real answer then has no key)."""


@dataclass
class Autoreply:
    user: str
    status: bool = False
    name: str = ""
    subject: str = ""
    text: str = ""
    html: str = ""
    start: datetime | None = None
    end: datetime | None = None
    id: str = ""
    """The record's ObjectId, made when the autoreply is first set."""
    created: datetime | None = None
    """When it was last set, in whole seconds (the real server writes ``created`` on every update)."""


@dataclass
class JournalEntry:
    """One change, as the real server's journal keeps it and ``/updates`` streams it."""

    id: str
    user: str
    command: str
    """EXISTS (new message), FETCH (flags changed), EXPUNGE (removed), COUNTERS,
    CREATE, RENAME, DROP (mailboxes)."""
    data: dict[str, Any]
