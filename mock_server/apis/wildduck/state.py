"""WildDuck records, as plain dataclasses (see plain.py), shaped like the real collections.

The accounts half (users, addresses, application passwords, the auth log) is here; the mail
half (mailboxes, messages, archive, filters, autoreplies, the change journal) is the
:class:`~.mailstore.records.MailStore` in ``mail``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .mailstore.store import MailStore
from .storage.records import StoredFile
from .submission.records import OutboundQueue


@dataclass
class TempPassword:
    """A password set by ``password/reset``: usable for a day, and only for the master scope."""

    hash: str
    created: datetime
    valid_after: datetime


@dataclass
class RateCounter:
    """Failures within a window (the real server keeps these in Redis)."""

    count: int = 0
    window_start: datetime | None = None


@dataclass
class User:
    id: str
    username: str
    unameview: str
    """The username as looked up: lower case, dots removed."""
    name: str | None
    password_hash: str
    """Empty for an account without a password (it can not authenticate)."""
    address: str
    """The main address; empty for an account created with ``emptyAddress``."""
    created: datetime
    language: str | None = None
    retention: int = 0
    quota: int = 0
    """0 means the configured default."""
    storage_used: int = 0
    recipients: int = 0
    forwards: int = 0
    received_max: int = 0
    imap_max_upload: int = 0
    imap_max_download: int = 0
    pop3_max_download: int = 0
    pop3_max_messages: int = 0
    imap_max_connections: int = 0
    spam_level: int = 50
    tags: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    from_whitelist: list[str] = field(default_factory=list)
    disabled_scopes: list[str] = field(default_factory=list)
    meta_data: dict[str, Any] = field(default_factory=dict)
    internal_data: dict[str, Any] = field(default_factory=dict)
    pub_key: str = ""
    encrypt_messages: bool = False
    encrypt_forwarded: bool = False
    upload_sent_messages: bool = False
    activated: bool = True
    disabled: bool = False
    suspended: bool = False
    temp_password: TempPassword | None = None
    enabled2fa: list[str] = field(default_factory=list)
    totp_seed: str = ""
    pending_totp_seed: str = ""
    pending_totp_changed: datetime | None = None
    used_totp_codes: dict[str, datetime] = field(default_factory=dict)
    """Code -> when it may be used again: a checked code is single-use."""
    auth_failures: RateCounter = field(default_factory=RateCounter)
    totp_failures: RateCounter = field(default_factory=RateCounter)
    auth_version: int = 0
    """Raised by a password change, a suspension and turning 2FA on: user tokens made at an
    older version are refused (the real server's ``authVersion``)."""

    @property
    def tagsview(self) -> list[str]:
        return [tag.lower() for tag in self.tags]


@dataclass
class Address:
    id: str
    user: str
    address: str
    addrview: str
    """Lower case, dots removed from the local part: two spellings of one mailbox collide."""
    created: datetime
    name: str | None = None
    tags: list[str] = field(default_factory=list)
    meta_data: dict[str, Any] = field(default_factory=dict)
    internal_data: dict[str, Any] = field(default_factory=dict)


@dataclass
class AppPassword:
    id: str
    user: str
    description: str
    scopes: list[str]
    """``["*"]`` or a sorted subset of imap, pop3, smtp."""
    password_hash: str
    created: datetime
    used: datetime | None = None
    auth_event: str | None = None
    auth_ip: str | None = None


@dataclass
class AuthEvent:
    """One auth log entry; similar events within a bucket are merged (``events`` counts them)."""

    id: str
    user: str
    action: str
    key: str
    """What similar events share: protocol, ip, action and result."""
    created: datetime
    last: datetime
    expires: datetime
    events: int = 1
    fields: dict[str, Any] = field(default_factory=dict)
    """result, protocol, requiredScope, source, asp, aname, require2fa, sess, ip..."""


@dataclass
class UserToken:
    """A user access token from ``POST /authenticate`` with ``token: true``. Kept under the
    SHA-256 of the token, as the real server keeps ``tn:token:<sha256>`` in Redis, so an
    exported state does not hand out live tokens."""

    user: str
    created: datetime
    """Start of the lifetime (180 days by default); a password change made with this
    token starts it again."""
    expires: datetime
    """Idle expiry: each use moves it to now + TTL (14 days by default)."""
    auth_version: int


@dataclass
class WildDuckState:
    users: dict[str, User] = field(default_factory=dict)
    addresses: dict[str, Address] = field(default_factory=dict)
    asps: dict[str, AppPassword] = field(default_factory=dict)
    authlog: dict[str, AuthEvent] = field(default_factory=dict)
    tokens: dict[str, UserToken] = field(default_factory=dict)
    """User access tokens by the SHA-256 (hex) of the token."""
    mail: MailStore = field(default_factory=MailStore)
    """Mailboxes, messages, archive, filters, autoreplies, journal (see mailstore/)."""
    files: dict[str, dict[str, StoredFile]] = field(default_factory=dict)
    """User id -> file id -> file (``/users/{user}/storage``)."""
    outbound: OutboundQueue = field(default_factory=OutboundQueue)
    """Submitted messages waiting for their ``sendTime``."""
    sent_recipients: dict[str, RateCounter] = field(default_factory=dict)
    """User id -> recipients sent to in the current day (the real ``wdr:<user>`` counter)."""
    id_process: str = ""
    id_counter: int = 0
    """The fixed and the counting parts of the ObjectIds this namespace hands out."""
    seeded: list[dict[str, Any]] = field(default_factory=list)
    """Credentials of the seeded users, for ``GET /_mock/fixtures/wildduck``."""

    def addresses_of(self, user_id: str) -> list[Address]:
        return sorted((a for a in self.addresses.values() if a.user == user_id), key=lambda a: a.addrview)

    def asps_of(self, user_id: str) -> list[AppPassword]:
        return sorted((a for a in self.asps.values() if a.user == user_id), key=lambda a: a.id)

    def forget_user(self, user_id: str) -> None:
        """Drop a user and everything keyed by it except the auth log, which expires on its own."""
        self.users.pop(user_id, None)
        self.mail.forget_user(user_id)
        self.files.pop(user_id, None)
        self.sent_recipients.pop(user_id, None)
        for collection in (self.addresses, self.asps):
            for record_id in [rid for rid, record in collection.items() if record.user == user_id]:
                del collection[record_id]
