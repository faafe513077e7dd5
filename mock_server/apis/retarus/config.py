"""Retarus Email Continuity knobs, read from ``MOCK_RETARUS_<FIELD>``.

Credentials and per-customer URL parts are lists of small strings rather than nested data
so that one environment variable configures them (tuple fields split on commas, see
settings.py): ``MOCK_RETARUS_CREDENTIALS="ops:s3cret:44444+12345,admin:pw:*"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote, urlencode

API_NAME = "retarus"
BASE_PATH = "/email/continuity/v2"
CUSTOMER_PATTERN = re.compile(r"^[0-9]{5}(?:[A-Z]{2})?$")
ALL_CUSTOMERS = "*"


@dataclass(frozen=True)
class Credential:
    username: str
    password: str
    customers: frozenset[str]
    """Customer numbers this credential may act on; ``{"*"}`` means every customer."""

    def may_act_on(self, customer: str) -> bool:
        return ALL_CUSTOMERS in self.customers or customer in self.customers


@dataclass(frozen=True)
class RetarusConfig:
    credentials: tuple[str, ...] = (
        "continuity-admin:Continuity2024!:*",
        "acme-admin:AcmeFailover1:44444",
        "globex-admin:GlobexFailover1:55555DE+66666",
    )
    """``username:password:CUSTOMER+CUSTOMER`` (``*`` for every customer), comma separated."""
    customers: tuple[str, ...] = ("44444", "55555DE", "66666")
    """The customers the seed creates, each with Faker users."""
    customer_url_paths: tuple[str, ...] = ("44444=acme",)
    """``CUSTOMER=path-part``: the customer's own part of the password URL."""
    url_base: str = ""
    """Where the password URL starts; the customer's path part and the token follow. Empty:
    the mock's own set-password page (``GET /{USER}/password?token=``), so a mail's link can
    be followed to the end."""
    token_ttl: int = 24 * 3600
    """Lifetime of a password token in seconds."""
    mail_from: str = "Retarus Email Continuity <no-reply@continuity.retarus.example>"
    users_per_customer: int = 8
    """How many users the seed gives each customer."""
    max_users: int = 2000
    """Users per namespace over all customers; provisioning past it answers 409."""

    def __post_init__(self) -> None:
        # Parse now, so a malformed variable stops the server at start-up, not on a request.
        _ = self.credential_list, self.url_paths
        for customer in (*self.customers, *self.url_paths):
            _check_customer(customer, "customer")
        if self.token_ttl <= 0 or self.max_users <= 0 or self.users_per_customer < 0:
            raise ValueError("MOCK_RETARUS_TOKEN_TTL and MOCK_RETARUS_MAX_USERS must be positive")

    @cached_property
    def credential_list(self) -> tuple[Credential, ...]:
        return tuple(_parse_credential(entry) for entry in self.credentials)

    @cached_property
    def url_paths(self) -> dict[str, str]:
        paths = {}
        for entry in self.customer_url_paths:
            customer, separator, part = entry.partition("=")
            if not separator or not part.strip("/"):
                raise ValueError(f"MOCK_RETARUS_CUSTOMER_URL_PATHS entry {entry!r}: use CUSTOMER=path-part")
            paths[customer.strip()] = part.strip("/")
        return paths

    def password_url(self, customer: str, address: str, token: str, origin: str) -> str:
        """Base, the customer's own path part (if configured), then the token; without a base,
        the mock's own page on ``origin`` (the host the client called)."""
        if not self.url_base:
            return f"{origin}{BASE_PATH}/{quote(address, safe='@')}/password?{urlencode({'token': token})}"
        parts = (self.url_base.rstrip("/"), self.url_paths.get(customer, ""), token)
        return "/".join(part for part in parts if part)

    def credential(self, username: str, password: str) -> Credential | None:
        return next(
            (c for c in self.credential_list if c.username == username and c.password == password),
            None,
        )


def _parse_credential(entry: str) -> Credential:
    username, _, rest = entry.partition(":")
    password, _, customers = rest.rpartition(":")
    allowed = frozenset(part.strip() for part in customers.split("+") if part.strip())
    if not username or not password or not allowed:
        raise ValueError(f"MOCK_RETARUS_CREDENTIALS entry {entry!r}: use username:password:CUSTOMER+CUSTOMER or *")
    for customer in allowed - {ALL_CUSTOMERS}:
        _check_customer(customer, "credential customer")
    return Credential(username, password, allowed)


def _check_customer(customer: str, what: str) -> None:
    if not CUSTOMER_PATTERN.match(customer):
        raise ValueError(f"Retarus {what} {customer!r} is not a customer number (five digits, optional country suffix)")
