"""Deterministic seed data, the fixtures a demo needs, and the conformance run's credentials.

Each configured customer gets its own mail domain and Faker users spread over a handful of
failover groups; users who have not activated their mailbox yet hold an open password token,
as after an invitation.
"""

from __future__ import annotations

import base64
import re
from datetime import datetime, timedelta
from typing import Any

from ...clock import iso
from ...world import World
from .config import ALL_CUSTOMERS, API_NAME, RetarusConfig
from .password_link import password_link
from .state import ContinuityUser, Profile, RetarusState
from .views import user_view

GROUP_POOL = ("emea", "germany", "france", "uk", "sales", "support", "engineering", "management")
GROUPS_PER_CUSTOMER = 4
LOCALES = (("de_DE", "Europe/Berlin"), ("en_GB", "Europe/London"), ("en_US", "America/New_York"), ("fr_FR", "Europe/Paris"))


def seed_state(world: World) -> RetarusState:
    config: RetarusConfig = world.settings.api(API_NAME)
    ids = world.random(API_NAME)
    fake, rng = ids.fake, ids.rng
    state = RetarusState()
    for customer in config.customers:
        domain = f"{_atom(fake.unique.domain_word())[:30]}.{fake.tld()}"
        groups = rng.sample(GROUP_POOL, GROUPS_PER_CUSTOMER)
        for _ in range(config.users_per_customer):
            given, sur = fake.first_name(), fake.last_name()
            address = f"{_atom(given)}.{_atom(sur)}@{domain}"
            if address in state.users:
                continue  # Faker repeats a name now and then; one user per address
            language, timezone = rng.choice(LOCALES)
            user = ContinuityUser(
                customer=customer,
                address=address,
                profile=Profile(
                    display_name=f"{given} {sur}",
                    given_name=given,
                    sur_name=sur,
                    language=language,
                    timezone=timezone,
                    failover_groups=sorted(rng.sample(groups, rng.randint(1, 2))),
                ),
                access=rng.random() < 0.75,
                activation=rng.random() < 0.5,
            )
            if user.activation:
                user.password_changed = world.now() - timedelta(days=rng.randint(1, 400))
            else:
                state.issue_token(user, world.now(), config.token_ttl, ids)
            state.users[address] = user
    return state


def _atom(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower()) or "user"


def fixtures(world: World) -> dict[str, Any]:
    """Credentials, token settings and every customer's users with their open tokens."""
    config: RetarusConfig = world.settings.api(API_NAME)
    state: RetarusState = world.state(API_NAME)
    now = world.now()
    customers = sorted({*config.customers, *(user.customer for user in state.users.values())})
    return {
        "credentials": [
            {"username": c.username, "password": c.password, "customers": sorted(c.customers)}
            for c in config.credential_list
        ],
        "tokenTtl": config.token_ttl,
        "urlBase": config.url_base,
        "customerUrlPaths": dict(config.url_paths),
        "maxUsers": config.max_users,
        "customers": [
            {
                "customer": customer,
                "users": [
                    {**user_view(user), "openToken": _open_token(world, user, now)}
                    for user in state.select(customer)
                ],
            }
            for customer in customers
        ],
    }


def _open_token(world: World, user: ContinuityUser, now: datetime) -> dict[str, str] | None:
    token = user.live_token(now)
    if token is None:
        return None
    return {
        "token": token.value,
        "expiryTimestamp": iso(token.expires),
        "url": password_link(world, user, token.value),
    }


def conformance_headers(world: World) -> dict[str, str]:
    """Basic credentials that reach every customer, so generated customer numbers are served."""
    config: RetarusConfig = world.settings.api(API_NAME)
    credential = next((c for c in config.credential_list if ALL_CUSTOMERS in c.customers), config.credential_list[0])
    secret = base64.b64encode(f"{credential.username}:{credential.password}".encode()).decode()
    return {"Authorization": f"Basic {secret}"}


def conformance_values(world: World) -> dict[str, list[str | int]]:
    """A customer and one of its users for every call; users of their own for the calls that
    use one up (deleting it, setting its password with its open token, the token the
    invitation mail carries) and another customer for deleting all of a customer's users.

    The shared customer is not the one the document's examples name (the examples phase sends
    ``DELETE /{CUSTOMER}`` with it, which removes every user of that customer)."""
    config: RetarusConfig = world.settings.api(API_NAME)
    state: RetarusState = world.state(API_NAME)
    now = world.now()
    customers = list(config.customers)
    customer, doomed = (customers[1:2] or customers[:1])[0], customers[2:3]
    users = state.select(customer)
    invited = [(user, token) for user in users if (token := user.live_token(now)) is not None]
    others = [user for user in users if user not in [invitee for invitee, _ in invited[:2]]]
    values: dict[str, list[str | int]] = {"path.CUSTOMER": [customer], "DELETE /{CUSTOMER} path.CUSTOMER": doomed}
    if len(others) >= 2:
        values.update({"path.USER": [others[0].address], "DELETE /{CUSTOMER}/{USER} path.USER": [others[1].address]})
    for (invitee, token), label, where in zip(invited, ("PUT /{USER}/password", "GET /{USER}/password"), ("body", "query")):
        values.update({f"{label} path.USER": [invitee.address], f"{label} {where}.token": [token.value]})
    return {key: items for key, items in values.items() if items}
