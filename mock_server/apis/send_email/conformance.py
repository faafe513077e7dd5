"""Known-good values for a contract run (``POST /_mock/conformance/send-email``)."""

from __future__ import annotations

from ...world import World
from . import action_tokens
from .seed import API_NAME
from .state import SendEmailState

PAGE = "/{tenantId}/login-actions/action-token"


def conformance_values(world: World) -> dict[str, list[str | int]]:
    """The tenant of the token the run sends (the SHIFT form names it in its path), and a
    key of its own for each side of the action-token page, as a mail's link carries it
    (showing the form and submitting it: a submitted key is spent)."""
    state: SendEmailState = world.state(API_NAME)
    tenant = state.tenants[world.settings.api(API_NAME).default_tenant]
    values: dict[str, list[str | int]] = {"path.tenantId": [world.settings.api(API_NAME).default_tenant]}
    user = next((user for user in tenant.users.values() if user.exists), None)
    if user is not None:
        for label, where in ((f"GET {PAGE}", "query"), (f"POST {PAGE}", "body")):
            values[f"{label} {where}.key"] = [action_tokens.issue(world, tenant, user, "VERIFY_EMAIL", {}).key]
    return values
