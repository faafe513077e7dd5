"""Overkiz records: accounts with their end user and gateways, single-use tokens, sessions,
and the sliding windows behind login throttling and the user-lookup rate limit.

Everything is plain data (see plain.py) so a namespace exports and imports exactly. Lookups
by userId ignore case, as e-mail addresses (the usual userIds) do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ...sliding_window import SlidingWindow

TERMS_PENDING = "PENDING"
TERMS_ACCEPTED = "ACCEPTED"
TERMS_DECLINED = "DECLINED"


@dataclass
class ExtraEmail:
    email: str
    validated: bool = False


@dataclass
class EndUser:
    user_id: str
    email: str
    first_name: str | None = None
    last_name: str | None = None
    title: int | None = None
    phone_number: str | None = None
    mobile_phone: str | None = None
    locale: str | None = None
    commercial_mail_agreement: bool = False
    extra_emails: list[ExtraEmail] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part) or self.user_id


@dataclass
class Gateway:
    id: str
    user_id: str
    terms_of_use: str = TERMS_PENDING


@dataclass
class Account:
    end_user: EndUser
    password_hash: str
    created: datetime
    validated: bool = False
    label: str | None = None
    template_name: str | None = None
    application_id: str | None = None
    activation_timestamp: int | None = None
    expiration_timestamp: int | None = None
    location: dict[str, Any] | None = None
    """The sign-up's location (address, twilight and tariff settings) as sent."""
    gateway_ids: list[str] = field(default_factory=list)
    sso_token: str | None = None
    access_token: str | None = None
    jwt: str | None = None
    """The seeded JWT; any unexpired JWT signed with the namespace's key whose ``sub`` is this
    userId logs in, but only accounts seeded with one accept JWTs."""
    seeded_password: str | None = None
    """The clear password of a seeded account, for the fixtures; None for sign-ups."""

    @property
    def user_id(self) -> str:
        return self.end_user.user_id


@dataclass
class SingleUseToken:
    value: str
    kind: str
    """One of the ``*_TOKEN`` kinds in tokens.py."""
    user_id: str
    subject: str
    """What the token acts on: the e-mail address to validate, or the gateway id."""
    expires: datetime


@dataclass
class Session:
    id: str
    user_id: str
    created: datetime
    last_seen: datetime
    application_id: str | None = None


@dataclass
class OverkizState:
    jwt_key: str
    """HMAC key of the JWTs this namespace accepts (seeded with the accounts)."""
    accounts: dict[str, Account] = field(default_factory=dict)
    """Lower-cased userId -> account."""
    gateways: dict[str, Gateway] = field(default_factory=dict)
    tokens: dict[str, SingleUseToken] = field(default_factory=dict)
    sessions: dict[str, Session] = field(default_factory=dict)
    login_failures: SlidingWindow = field(default_factory=SlidingWindow)
    user_lookups: SlidingWindow = field(default_factory=SlidingWindow)

    def account(self, user_id: str) -> Account | None:
        return self.accounts.get(user_id.lower())

    def add_account(self, account: Account) -> None:
        self.accounts[account.user_id.lower()] = account
