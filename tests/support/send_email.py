"""Helpers for tests that call the Send Email API with a seeded tenant user's token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx


@dataclass
class TenantUser:
    tenant: str
    email: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def tenant_users(client: httpx.Client, *, exists: bool = True) -> list[TenantUser]:
    """Every seeded user (that still exists, or that was removed) with a live token."""
    fixtures = client.get("/_mock/fixtures/send-email").json()
    return [
        TenantUser(tenant["id"], user["email"], user["tokens"][0]["accessToken"])
        for tenant in fixtures["tenants"]
        for user in tenant["users"]
        if user["exists"] is exists and user["tokens"]
    ]


def user_of(client: httpx.Client, tenant: str, *, exists: bool = True) -> TenantUser:
    return next(user for user in tenant_users(client, exists=exists) if user.tenant == tenant)


def send(client: httpx.Client, user: TenantUser, body: Any, **kwargs: Any) -> httpx.Response:
    """The SHIFT form, whose tenant is in the path."""
    return client.post(f"/auth/realms/{user.tenant}/mail/test", json=body, headers=user.auth, **kwargs)


def latest_mail(client: httpx.Client) -> dict[str, Any]:
    summary = client.get("/_mock/outbox").json()["messages"][0]
    return client.get(f"/_mock/outbox/{summary['id']}").json()
