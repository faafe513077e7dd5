"""``/auth/realms/{tenantId}/login-actions/action-token``: the pages a mail's link opens."""

from __future__ import annotations

from typing import Any

from starlette.responses import HTMLResponse

from ....links import in_namespace
from ....world import current_world
from .. import action_tokens, pages
from ..action_tokens import LinkRefused


def action_page(tenant_id: str, key: str, client_id: str | None = None, redirect_uri: str | None = None) -> HTMLResponse:
    """The form; nothing changes until it is submitted (a mail scanner may open links)."""
    world = current_world()
    try:
        link = action_tokens.open_link(world, tenant_id, key)
    except LinkRefused as refused:
        return _refused(tenant_id, refused)
    return HTMLResponse(pages.action_form(link, _form_action(tenant_id)))


def complete_actions(tenant_id: str, body: dict[str, Any]) -> HTMLResponse:
    world = current_world()
    try:
        link = action_tokens.open_link(world, tenant_id, body["key"])
    except LinkRefused as refused:
        return _refused(tenant_id, refused)
    password, confirmation = body.get("password-new"), body.get("password-confirm")
    problem = action_tokens.password_problem(link, password, confirmation)
    if problem is not None:
        return HTMLResponse(pages.action_form(link, _form_action(tenant_id), problem), status_code=400)
    action_tokens.complete(link, password)
    return HTMLResponse(pages.outcome(link.tenant.name, pages.DONE, success=True, redirect_uri=link.token.redirect_uri))


def _form_action(tenant_id: str) -> str:
    return in_namespace(current_world(), f"/auth/realms/{tenant_id}/login-actions/action-token")


def _refused(tenant_id: str, refused: LinkRefused) -> HTMLResponse:
    return HTMLResponse(pages.outcome(tenant_id, refused.message, success=False), status_code=refused.status)
