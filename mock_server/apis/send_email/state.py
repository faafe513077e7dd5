"""Send Email records: tenants (realms), their users and the users' access tokens.

Access tokens are JWTs signed with the tenant's key, like the identity platform's own, so
a frontend that decodes its token (for the user's name or the expiry) works unchanged.
The mock keeps every token it issued and accepts only those, until they expire.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ...ids import Randomness


@dataclass
class TenantUser:
    id: str
    username: str
    email: str
    first_name: str
    last_name: str
    exists: bool = True
    """False for a user removed after its token was issued: mail to it is refused (404)."""
    email_verified: bool = False
    """Set by the VERIFY mail's link (the action-token page)."""
    password: str | None = None
    """Set by the FORGOT_PASSWORD mail's link (or an ``UPDATE_PASSWORD`` required action)."""

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class AccessToken:
    value: str
    tenant: str
    user_id: str
    expires: datetime


@dataclass
class ActionToken:
    """The single-use key of a VERIFY or FORGOT_PASSWORD link (Keycloak's action token)."""

    key: str
    tenant: str
    user_id: str
    actions: list[str]
    """What following the link does: ``VERIFY_EMAIL``, ``UPDATE_PASSWORD`` or the mail's
    ``requiredactions``."""
    expires: datetime
    used: bool = False
    redirect_uri: str | None = None


@dataclass
class Tenant:
    id: str
    name: str
    mail_from: str
    support_email: str
    signing_key: str
    users: dict[str, TenantUser] = field(default_factory=dict)


@dataclass
class SendEmailState:
    tenants: dict[str, Tenant] = field(default_factory=dict)
    tokens: dict[str, AccessToken] = field(default_factory=dict)
    action_tokens: dict[str, ActionToken] = field(default_factory=dict)

    def issue_token(self, tenant: Tenant, user: TenantUser, now: datetime, ttl: int, ids: Randomness) -> AccessToken:
        expires = now + timedelta(seconds=ttl)
        claims = {
            "exp": int(expires.timestamp()),
            "iat": int(now.timestamp()),
            "jti": ids.uuid4(),
            "iss": f"/auth/realms/{tenant.id}",
            "sub": user.id,
            "typ": "Bearer",
            "azp": "account",
            "preferred_username": user.username,
            "email": user.email,
            "email_verified": user.email_verified,
            "name": user.display_name,
            "given_name": user.first_name,
            "family_name": user.last_name,
        }
        token = AccessToken(_jwt(claims, tenant.signing_key), tenant.id, user.id, expires)
        self.tokens[token.value] = token
        return token

    def valid_token(self, value: str, now: datetime) -> AccessToken | None:
        token = self.tokens.get(value)
        if token is None or token.expires <= now:
            return None
        return token


def _jwt(claims: dict, key: str) -> str:
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(key.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
