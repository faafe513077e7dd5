"""Deterministic seed data: a few tenants, each with Faker users holding access tokens."""

from __future__ import annotations

from ...world import World
from .state import SendEmailState, Tenant, TenantUser

API_NAME = "send-email"
USERS_PER_TENANT = 3


def seed_state(world: World) -> SendEmailState:
    ids = world.random(API_NAME)
    fake = ids.fake
    state = SendEmailState()
    for tenant_id in (world.settings.api(API_NAME).default_tenant, "acme", "globex"):
        tenant = Tenant(
            id=tenant_id,
            name=fake.company(),
            mail_from=f"no-reply@{tenant_id}.example.com",
            support_email=f"support@{tenant_id}.example.com",
            signing_key=ids.hex(64),
        )
        state.tenants[tenant_id] = tenant
        for index in range(USERS_PER_TENANT + 1):
            first, last = fake.first_name(), fake.last_name()
            username = f"{first}.{last}".lower()
            user = TenantUser(
                id=ids.uuid4(),
                username=username,
                email=f"{username}@{fake.free_email_domain()}",
                first_name=first,
                last_name=last,
                exists=index < USERS_PER_TENANT,
            )
            tenant.users[user.id] = user
            state.issue_token(tenant, user, world.now(), world.settings.api(API_NAME).token_ttl, ids)
    return state


def fixtures(world: World) -> dict:
    """Every tenant with its users and their current tokens, for demos and tests."""
    state: SendEmailState = world.state(API_NAME)
    now = world.now()
    return {
        "defaultTenant": world.settings.api(API_NAME).default_tenant,
        "tenants": [
            {
                "id": tenant.id,
                "name": tenant.name,
                "users": [
                    {
                        "id": user.id,
                        "username": user.username,
                        "email": user.email,
                        "exists": user.exists,
                        "emailVerified": user.email_verified,
                        "password": user.password,
                        "tokens": [
                            {"accessToken": token.value, "expires": token.expires.isoformat()}
                            for token in state.tokens.values()
                            if token.user_id == user.id and token.expires > now
                        ],
                    }
                    for user in tenant.users.values()
                ],
            }
            for tenant in state.tenants.values()
        ],
    }


def conformance_headers(world: World) -> dict[str, str]:
    """A live token of an existing user of the default tenant."""
    state: SendEmailState = world.state(API_NAME)
    tenant = state.tenants[world.settings.api(API_NAME).default_tenant]
    user = next(user for user in tenant.users.values() if user.exists)
    token = next(t for t in state.tokens.values() if t.user_id == user.id and t.expires > world.now())
    return {"Authorization": f"Bearer {token.value}"}
