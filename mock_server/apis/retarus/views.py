"""Records <-> the JSON field names of the reference (``displayName``, ``failoverGroups``...)."""

from __future__ import annotations

from typing import Any

from .paths import address
from .state import ContinuityUser, Profile


def user_view(user: ContinuityUser) -> dict[str, Any]:
    profile = user.profile
    return {
        "customer": user.customer,
        "domain": user.domain,
        "user": user.address,
        "displayName": profile.display_name,
        "givenName": profile.given_name,
        "surName": profile.sur_name,
        "language": profile.language,
        "timezone": profile.timezone,
        "failoverGroups": list(profile.failover_groups),
        "activation": user.activation,
        "access": user.access,
        "failover": user.failover,
    }


def profile_from(body: dict[str, Any]) -> Profile:
    """The document's schema has checked every field; only the shape changes here."""
    return Profile(
        display_name=body["displayName"],
        given_name=body["givenName"],
        sur_name=body["surName"],
        language=body["language"],
        timezone=body["timezone"],
        failover_groups=list(body.get("failoverGroups") or []),
    )


def profiles_by_address(entries: list[dict[str, Any]]) -> dict[str, Profile]:
    """A bulk body; an address listed twice takes its last entry."""
    return {address(entry["user"]): profile_from(entry) for entry in entries}
