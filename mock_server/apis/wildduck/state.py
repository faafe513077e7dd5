"""WildDuck records, as plain dataclasses (see plain.py), shaped like the real collections.

The accounts half (users, addresses, application passwords, the auth log) is here; the mail
half (mailboxes, messages, archive, filters, autoreplies, the change journal) is the
:class:`~.mailstore.records.MailStore` in ``mail``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .addresses.lookup import ViewIndex, address_triples
from .auth.authlog_index import AuthLogIndex
from .domains.store import DomainStore
from .audit.records import Audit
from .mailstore.store import MailStore
from .storage.records import StoredFile
from .submission.records import OutboundQueue
from .webhooks.records import Webhook


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
class WebAuthnCredential:
    """A registered authenticator (the real ``webauthn.credentials`` entry). Bytes are kept
    as hex so the record exports as plain data."""

    id: str
    raw_id: str
    """The credential id as hex, as the real server answers it."""
    public_key: str
    """The COSE public key as hex (the real server keeps it as PEM)."""
    counter: int
    description: str
    origin: str
    authenticator_attachment: str
    created: datetime
    type: str = "public-key"


@dataclass
class WebAuthnChallenge:
    """A registration or authentication challenge: single-use, gone after an hour
    (``WEBAUTHN_CHALLENGE_TTL``) on the namespace clock."""

    challenge: str
    """Hex, as handed out and as the client gives it back."""
    user: str
    kind: str
    """``reg`` or ``auth``, as in the real Redis key."""
    origin: str
    expires: datetime
    description: str = ""
    authenticator_attachment: str = "cross-platform"
    created: datetime | None = None


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
    webauthn_credentials: list[WebAuthnCredential] = field(default_factory=list)
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
class ForwardTarget:
    """Where a forwarded address sends its mail: an address (``mail``; ``user`` is the local
    user behind it when there was one at the time), an SMTP relay or an HTTP URL."""

    id: str
    type: str
    value: str
    user: str | None = None


@dataclass
class ForwardedAddress:
    """An address without a mailbox: mail to it goes on to its targets (the real server keeps
    these in the ``addresses`` collection without a ``user``). Shares the address space (and
    the uniqueness of ``addrview``) with the users' addresses."""

    id: str
    address: str
    addrview: str
    created: datetime
    name: str | None = None
    targets: list[ForwardTarget] = field(default_factory=list)
    forwards: int = 0
    """Forwards allowed per 24 hours; 0 means the configured default."""
    forwarded_disabled: bool | None = None
    """None until an update sets it (the real answer leaves it out until then)."""
    autoreply: dict[str, Any] = field(default_factory=lambda: {"status": False})
    tags: list[str] = field(default_factory=list)
    meta_data: dict[str, Any] = field(default_factory=dict)
    internal_data: dict[str, Any] = field(default_factory=dict)
    forwarded: RateCounter = field(default_factory=RateCounter)
    """Messages forwarded in the current 24-hour window (the real server's ``wdf:<id>``)."""


@dataclass
class DeletedUser:
    """A deleted account kept for restore until ``delete_after`` (the real server's
    ``deletedusers`` record and its delayed ``user-delete`` task). Its mail, filters and
    application passwords stay where they were, under the user's id, until then."""

    user: User
    addresses: list[Address]
    main_address: str
    deleted: datetime
    delete_after: datetime
    task: str


@dataclass
class RegisterEntry:
    """An address in a user's address register: someone the user wrote to (or got mail from),
    for address completion."""

    id: str
    user: str
    address: str
    addrview: str
    updated: datetime
    name: str | None = None
    disabled: bool = False


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
    ttl: float = 0
    """Seconds a temporary password lives after its creation or last use; 0: for good."""
    expires: datetime | None = None


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
    forwarded: dict[str, ForwardedAddress] = field(default_factory=dict)
    deleted_users: dict[str, DeletedUser] = field(default_factory=dict)
    """User id -> a deleted account that may still be restored."""
    address_register: dict[str, dict[str, RegisterEntry]] = field(default_factory=dict)
    """User id -> addrview -> register entry."""
    asps: dict[str, AppPassword] = field(default_factory=dict)
    authlog: dict[str, AuthEvent] = field(default_factory=dict)
    tokens: dict[str, UserToken] = field(default_factory=dict)
    """User access tokens by the SHA-256 (hex) of the token."""
    webauthn_challenges: dict[str, WebAuthnChallenge] = field(default_factory=dict)
    """Open WebAuthn challenges by ``<user>:<reg|auth>:<challenge>`` (the real Redis key)."""
    mail: MailStore = field(default_factory=MailStore)
    """Mailboxes, messages, archive, filters, autoreplies, journal (see mailstore/)."""
    files: dict[str, dict[str, StoredFile]] = field(default_factory=dict)
    """User id -> file id -> file (``/users/{user}/storage``)."""
    outbound: OutboundQueue = field(default_factory=OutboundQueue)
    """Submitted messages waiting for their ``sendTime``."""
    sent_recipients: dict[str, RateCounter] = field(default_factory=dict)
    """User id -> recipients sent to in the current day (the real ``wdr:<user>`` counter)."""
    domains: DomainStore = field(default_factory=DomainStore)
    """Domain aliases, DKIM keys, TLS certificates, domain allow/block lists (see domains/)."""
    settings: dict[str, Any] = field(default_factory=dict)
    """``/settings`` values set through the API, by key (see server/settings.py)."""
    webhooks: dict[str, Webhook] = field(default_factory=dict)
    audits: dict[str, Audit] = field(default_factory=dict)
    id_process: str = ""
    id_counter: int = 0
    """The fixed and the counting parts of the ObjectIds this namespace hands out."""
    seeded: list[dict[str, Any]] = field(default_factory=list)
    """Credentials of the seeded users, for ``GET /_mock/fixtures/wildduck``."""

    address_index: ViewIndex = field(init=False, default_factory=ViewIndex, repr=False, compare=False)
    user_index: ViewIndex = field(init=False, default_factory=ViewIndex, repr=False, compare=False)
    """Derived lookups (addresses/lookup.py): not exported, rebuilt when needed."""
    authlog_index: AuthLogIndex[AuthEvent] = field(init=False, default_factory=AuthLogIndex, repr=False, compare=False)
    """Derived from ``authlog`` (auth/authlog_index.py): not exported, rebuilt when needed."""

    def _addresses_indexed(self) -> ViewIndex:
        if self.address_index.stale(len(self.addresses) + len(self.forwarded)):
            self.address_index.rebuild(address_triples(self.addresses, self.forwarded))
        return self.address_index

    def address_by_view(self, view: str) -> Address | ForwardedAddress | None:
        """The user address or forwarded address with this addrview, in O(1)."""
        for _attempt in range(2):
            record_id = self._addresses_indexed().by_view.get(view)
            if record_id is None:
                return None
            record = self.addresses.get(record_id) or self.forwarded.get(record_id)
            if record is not None and record.addrview == view:
                return record
            self.address_index.count = -1  # changed behind the index's back: rebuild
        return None

    def has_wildcard_addresses(self) -> bool:
        """Whether any address view holds a ``*`` (a wildcard lookup can find something)."""
        return bool(self._addresses_indexed().wildcard_views)

    def put_address(self, record: Address | ForwardedAddress) -> None:
        index = self._addresses_indexed()
        if isinstance(record, ForwardedAddress):
            self.forwarded[record.id] = record
            index.add(record.addrview, record.id)
        else:
            self.addresses[record.id] = record
            index.add(record.addrview, record.id, record.user)

    def drop_address(self, record: Address | ForwardedAddress) -> None:
        index = self._addresses_indexed()
        collection: dict[str, Any] = self.forwarded if isinstance(record, ForwardedAddress) else self.addresses
        if collection.pop(record.id, None) is not None:
            index.remove(record.addrview, record.id, getattr(record, "user", None))

    def readdress(self, record: Address | ForwardedAddress, address: str, view: str) -> None:
        """Give a stored address a new spelling, keeping the lookups right."""
        index = self._addresses_indexed()
        owner = getattr(record, "user", None)
        index.remove(record.addrview, record.id, owner)
        record.address, record.addrview = address, view
        index.add(view, record.id, owner)

    def addresses_of(self, user_id: str) -> list[Address]:
        ids = self._addresses_indexed().by_owner.get(user_id, set())
        return sorted((self.addresses[i] for i in ids if i in self.addresses), key=lambda a: a.addrview)

    def _users_indexed(self) -> ViewIndex:
        if self.user_index.stale(len(self.users)):
            self.user_index.rebuild((user.unameview, user.id, None) for user in self.users.values())
        return self.user_index

    def user_by_name(self, unameview: str) -> User | None:
        """The user with this username view (lower case, dots removed), in O(1)."""
        for _attempt in range(2):
            user_id = self._users_indexed().by_view.get(unameview)
            if user_id is None:
                return None
            user = self.users.get(user_id)
            if user is not None and user.unameview == unameview:
                return user
            self.user_index.count = -1
        return None

    def put_user(self, user: User) -> None:
        index = self._users_indexed()
        self.users[user.id] = user
        index.add(user.unameview, user.id)

    def drop_user(self, user_id: str) -> User | None:
        """Take the account record out (its addresses, mail and passwords stay)."""
        index = self._users_indexed()
        user = self.users.pop(user_id, None)
        if user is not None:
            index.remove(user.unameview, user.id)
        return user

    def asps_of(self, user_id: str) -> list[AppPassword]:
        return sorted((a for a in self.asps.values() if a.user == user_id), key=lambda a: a.id)

    def forget_user(self, user_id: str) -> None:
        """Drop a user and everything keyed by it except the auth log, which expires on its own."""
        self.drop_user(user_id)
        self.deleted_users.pop(user_id, None)
        self.address_register.pop(user_id, None)
        self.mail.forget_user(user_id)
        self.files.pop(user_id, None)
        self.sent_recipients.pop(user_id, None)
        for address in self.addresses_of(user_id):
            self.drop_address(address)
        for record_id in [rid for rid, record in self.asps.items() if record.user == user_id]:
            del self.asps[record_id]
