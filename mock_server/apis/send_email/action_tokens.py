"""The single-use links of the VERIFY and FORGOT_PASSWORD mails, and what following one does.

Like Keycloak's action tokens: the mail carries ``/auth/realms/{tenant}/login-actions/
action-token?key=...``; the key works once, until it expires on the namespace clock, and
following it verifies the address and/or sets a new password for the mail's user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ...world import World
from .seed import API_NAME
from .state import ActionToken, SendEmailState, Tenant, TenantUser

VERIFY_EMAIL = "VERIFY_EMAIL"
UPDATE_PASSWORD = "UPDATE_PASSWORD"
MAX_KEPT = 1000
"""Action tokens kept per namespace; the oldest go first (spent or expired ones before that)."""
MIN_PASSWORD_LENGTH = 8


class LinkRefused(Exception):
    """The key is unknown, expired or spent; ``status`` and the text the page shows."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Link:
    token: ActionToken
    tenant: Tenant
    user: TenantUser


def issue(world: World, tenant: Tenant, user: TenantUser, mail_type: str, body: dict[str, Any]) -> ActionToken:
    state: SendEmailState = world.state(API_NAME)
    now = world.now()
    if mail_type == "FORGOT_PASSWORD":
        actions = [UPDATE_PASSWORD]
    else:
        actions = list(dict.fromkeys(body.get("requiredactions") or [VERIFY_EMAIL]))
    token = ActionToken(
        key=world.random(API_NAME).token(32),
        tenant=tenant.id,
        user_id=user.id,
        actions=actions,
        expires=now + timedelta(seconds=world.settings.api(API_NAME).action_token_ttl),
        redirect_uri=body.get("redirectUri") or None,
    )
    _forget_old(state, now)
    state.action_tokens[token.key] = token
    return token


def open_link(world: World, tenant_id: str, key: str) -> Link:
    """The link's token, tenant and user, if following it can still do something."""
    state: SendEmailState = world.state(API_NAME)
    token = state.action_tokens.get(key)
    tenant = state.tenants.get(tenant_id)
    if token is None or tenant is None or token.tenant != tenant.id:
        raise LinkRefused(404, "This link is not valid.")
    if token.used:
        raise LinkRefused(409, "This link has already been used.")
    if token.expires <= world.now():
        raise LinkRefused(404, "This link has expired. Please ask for a new one.")
    user = tenant.users[token.user_id]
    if not user.exists:
        raise LinkRefused(404, "The account of this link no longer exists.")
    return Link(token, tenant, user)


def password_problem(link: Link, password: str | None, confirmation: str | None) -> str | None:
    if UPDATE_PASSWORD not in link.token.actions:
        return None
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must have at least {MIN_PASSWORD_LENGTH} characters."
    if password != confirmation:
        return "The passwords do not match."
    return None


def complete(link: Link, password: str | None) -> None:
    """Do what the link asks, once; the caller checked ``password_problem`` first."""
    if VERIFY_EMAIL in link.token.actions:
        link.user.email_verified = True
    if UPDATE_PASSWORD in link.token.actions:
        link.user.password = password
    link.token.used = True


def _forget_old(state: SendEmailState, now: datetime) -> None:
    for key in [key for key, token in state.action_tokens.items() if token.used or token.expires <= now]:
        del state.action_tokens[key]
    while len(state.action_tokens) >= MAX_KEPT:
        del state.action_tokens[next(iter(state.action_tokens))]
