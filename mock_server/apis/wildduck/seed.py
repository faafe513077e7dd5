"""Deterministic seed data: Faker users with addresses, tags and quotas.

Every seeded user's password is listed by ``GET /_mock/fixtures/wildduck``; the first one
also has TOTP 2FA on (its secret is listed, so a demo can compute codes) and an IMAP/SMTP
application password, the second one a spare alias.
"""

from __future__ import annotations

import re
from typing import Any

from ...world import World
from .accounts.users import create_user
from .addresses import user_addresses
from .asps import app_passwords
from .context import API_NAME, Context
from .mailstore.seeding import seed_mail
from .state import WildDuckState
from .twofa import totp

TAG_CHOICES = ("staff", "customer", "vip", "beta", "support", "billing", "trial")
QUOTA_CHOICES_MB = (512, 1024, 2048, 5120)
NOT_IN_USERNAME_WORD = re.compile(r"[^a-z0-9-]")


def seed_state(world: World) -> WildDuckState:
    state = WildDuckState()
    ctx = Context(state, world.settings.api(API_NAME), world.now(), world.random(API_NAME))
    fake = ctx.random.fake
    for index in range(ctx.config.seed_users):
        first, last = fake.unique.first_name(), fake.unique.last_name()
        username = _username(first, last)
        password = fake.password(length=12, special_chars=False)
        user = create_user(ctx, {
            "username": username,
            "password": password,
            "name": f"{first} {last}",
            "tags": fake.random_elements(TAG_CHOICES, length=fake.random_int(0, 3), unique=True),
            "quota": fake.random_element(QUOTA_CHOICES_MB) * 1024 * 1024,
            "language": fake.random_element(("en", "et", "de", "fr")),
        })
        entry: dict[str, Any] = {"id": user.id, "username": username, "password": password, "address": user.address}
        if index == 0:
            entry.update(_with_2fa_and_app_password(ctx, user.id))
        if index == 1:
            alias = user_addresses.add(ctx, user.id, {"address": f"{last.lower()}.{first[0].lower()}@{ctx.config.email_domain}"})
            entry["alias"] = alias.address
        state.seeded.append(entry)
    fake.unique.clear()
    for entry in state.seeded:
        seed_mail(ctx, state.users[entry["id"]], ctx.config.seed_messages_per_user)
    return state


def _with_2fa_and_app_password(ctx: Context, user_id: str) -> dict[str, Any]:
    seed = totp.pending_seed(ctx, ctx.state.users[user_id])
    totp.enable(ctx, user_id, {"token": totp.current_code(seed, ctx)})
    asp = app_passwords.create(ctx, user_id, {"description": "Seeded mail client", "scopes": ["imap", "smtp"]})
    return {"totpSeed": seed, "appPassword": {"id": asp["id"], "password": asp["password"], "scopes": ["imap", "smtp"]}}


def fixtures(world: World) -> dict[str, Any]:
    """The seeded users still present, with their passwords as seeded, and the access token
    when one is configured."""
    ctx = Context.of(world)
    return {
        "accessToken": ctx.config.access_token or None,
        "emailDomain": ctx.config.email_domain,
        "users": [entry for entry in ctx.state.seeded if entry["id"] in ctx.state.users],
    }


def conformance_headers(world: World) -> dict[str, str]:
    token = Context.of(world).config.access_token
    return {"X-Access-Token": token} if token else {}


def _username(first: str, last: str) -> str:
    """``first.last`` in the real server's username alphabet: Faker's names may carry
    apostrophes or spaces (``O'Connell``), which the real ``usernameSchema`` refuses."""
    return ".".join(NOT_IN_USERNAME_WORD.sub("", name.lower()) or "x" for name in (first, last))
