"""Retarus records: the users of each customer, their flags and their password tokens.

Users are kept in one map keyed by address, because an address belongs to one customer and
the password call names only the address. A user keeps its last few tokens (not only the
live one) so that a refused token can be refused with the real reason: replaced, used or
expired, rather than a bare "invalid".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import attrgetter

from ...errors import ApiError
from ...ids import Randomness

FLAGS = ("activation", "access", "failover")
TOKEN_HISTORY = 5

ISSUED, USED, REPLACED = "issued", "used", "replaced"


@dataclass
class Profile:
    """What an administrator edits with PUT; flags and tokens are not part of it."""

    display_name: str
    given_name: str
    sur_name: str
    language: str
    timezone: str
    failover_groups: list[str] = field(default_factory=list)


@dataclass
class PasswordToken:
    value: str
    expires: datetime
    status: str = ISSUED


@dataclass
class ContinuityUser:
    customer: str
    address: str
    profile: Profile
    activation: bool = False
    access: bool = False
    failover: bool = False
    password_changed: datetime | None = None
    tokens: list[PasswordToken] = field(default_factory=list)
    """Oldest first; only the last one can still be redeemed."""

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]

    def live_token(self, now: datetime) -> PasswordToken | None:
        token = self.tokens[-1] if self.tokens else None
        return token if token is not None and token.status == ISSUED and token.expires > now else None


@dataclass(frozen=True)
class Selection:
    """The filters of HEAD/GET and the flag operations: the same users for both."""

    activation: bool | None = None
    access: bool | None = None
    failover: bool | None = None
    groups: tuple[str, ...] | None = None

    @property
    def everyone(self) -> bool:
        """No filter given: every user of the customer matches."""
        return self.activation is None and self.access is None and self.failover is None and self.groups is None

    def matches(self, user: ContinuityUser) -> bool:
        for flag in FLAGS:
            wanted = getattr(self, flag)
            if wanted is not None and getattr(user, flag) is not wanted:
                return False
        return self.groups is None or any(group in user.profile.failover_groups for group in self.groups)


_address_of = attrgetter("address")


@dataclass
class RetarusState:
    users: dict[str, ContinuityUser] = field(default_factory=dict)

    def select(self, customer: str, selection: Selection = Selection()) -> list[ContinuityUser]:
        """The customer's users that match, by address (every ``GET /{customer}``)."""
        users = [user for user in self.users.values() if user.customer == customer]
        if not selection.everyone:
            users = [user for user in users if selection.matches(user)]
        users.sort(key=_address_of)
        return users

    def user(self, customer: str, address: str) -> ContinuityUser:
        user = self.users.get(address)
        if user is None or user.customer != customer:
            raise ApiError(404, f"User {address} not found for customer {customer}")
        return user

    def provision(self, customer: str, profiles: dict[str, Profile], max_users: int) -> int:
        """Create or update the users named by address; all or nothing."""
        new = [address for address in profiles if address not in self.users]
        for address in profiles:
            owner = self.users.get(address)
            if owner is not None and owner.customer != customer:
                raise ApiError(409, f"User {address} belongs to another customer")
        if len(self.users) + len(new) > max_users:
            raise ApiError(409, f"User limit of {max_users} reached; delete users first")
        for address, profile in profiles.items():
            if address in self.users:
                self.users[address].profile = profile
            else:
                self.users[address] = ContinuityUser(customer=customer, address=address, profile=profile)
        return len(profiles)

    def remove(self, users: list[ContinuityUser]) -> int:
        for user in users:
            del self.users[user.address]
        return len(users)

    @staticmethod
    def set_flag(users: list[ContinuityUser], flag: str, value: bool) -> int:
        for user in users:
            setattr(user, flag, value)
        return len(users)

    @staticmethod
    def issue_token(user: ContinuityUser, now: datetime, ttl: int, ids: Randomness) -> PasswordToken:
        """A fresh token; the previous one, if still open, is void from now on."""
        for token in user.tokens:
            if token.status == ISSUED:
                token.status = REPLACED
        token = PasswordToken(value=ids.token(24), expires=now + timedelta(seconds=ttl))
        user.tokens = [*user.tokens, token][-TOKEN_HISTORY:]
        return token

    def redeemable(self, address: str, value: str, now: datetime) -> tuple[ContinuityUser, PasswordToken]:
        """The user and token, if the token can set the password now; else 403 with the reason."""
        user = self.users.get(address)
        token = next((t for t in user.tokens if t.value == value), None) if user else None
        if user is None or token is None:
            raise ApiError(403, "Invalid token")
        if token.status == USED:
            raise ApiError(403, "Token has already been used")
        if token.status == REPLACED:
            raise ApiError(403, "Token was replaced by a newer token")
        if token.expires <= now:
            raise ApiError(403, "Token has expired")
        return user, token

    def redeem(self, address: str, value: str, now: datetime) -> ContinuityUser:
        """Use a token to set the password: the token is spent and the user activated."""
        user, token = self.redeemable(address, value, now)
        token.status = USED
        user.activation = True
        user.password_changed = now
        return user
