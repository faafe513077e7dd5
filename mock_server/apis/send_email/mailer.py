"""The one domain operation of the Send Email API: render a mail type and send it."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ...errors import ApiError
from ...links import in_namespace
from ...templates import templates_beside
from ...world import World
from . import action_tokens
from .mail_types import MAIL_TYPES, first_problem, sub_system
from .seed import API_NAME
from .state import SendEmailState, Tenant, TenantUser

if TYPE_CHECKING:
    from jinja2 import Template

SENT = "Mail Sent Successfully to the user"
ACTION_MAIL_TYPES = ("VERIFY", "FORGOT_PASSWORD")

_templates = templates_beside(__file__)
_templates.auto_reload = False
"""The templates ship with the package and do not change while it runs: without this, every
``{% extends %}`` of every mail looks at the base template's modification time on disk."""


def send_mail(world: World, tenant_id: str, token_value: str, body: Any, origin: Callable[[], str]) -> dict[str, Any]:
    """Check the caller, then the body, then put the rendered mail in the outbox. ``origin``
    gives scheme and host of the request, asked only by the mail types that carry a link."""
    state: SendEmailState = world.state(API_NAME)
    tenant, user = _caller(state, tenant_id, token_value, world)
    problem = first_problem(body)
    if problem is not None:
        raise ApiError(400, problem)
    mail_type = MAIL_TYPES[body["mailType"]]
    context = {
        "tenant": tenant,
        "user": user,
        "body": _Fields(body),
        "support_email": body.get("supportEmail") or tenant.support_email,
        "action_link": (
            _action_link(world, origin(), tenant, user, mail_type.name, body) if mail_type.name in ACTION_MAIL_TYPES else ""
        ),
        "link_hours": f"{world.settings.api(API_NAME).action_token_ttl / 3600:g}",
    }
    subject = mail_type.subject.format(tenant=tenant.name)
    context["subject"] = subject
    world.send_mail(
        API_NAME,
        sender=(tenant.name, tenant.mail_from),
        to=[(user.display_name, user.email)],
        subject=subject,
        text=_template(f"{mail_type.name}.txt").render(context),
        html=_template(f"{mail_type.name}.html").render(context),
        headers={"X-Mail-Type": mail_type.name, "X-Tenant": tenant.id},
    )
    return {"message": SENT, "status": "OK", "subSystem": sub_system(body)}


@cache
def _template(name: str) -> Template:
    """Loaded on a mail type's first mail and kept (``get_template`` looks it up by name each time)."""
    return _templates.get_template(name)


def _caller(state: SendEmailState, tenant_id: str, token_value: str, world: World) -> tuple[Tenant, TenantUser]:
    token = state.valid_token(token_value, world.now())
    tenant = state.tenants.get(tenant_id)
    if token is None or tenant is None or token.tenant != tenant.id:
        raise ApiError(401, "HTTP 401 Unauthorized", headers={"WWW-Authenticate": f'Bearer realm="{tenant_id}"'})
    user = tenant.users[token.user_id]
    if not user.exists:
        raise ApiError(404, "User does not exist", code="USER_NOT_FOUND")
    return tenant, user


def _action_link(world: World, origin: str, tenant: Tenant, user: TenantUser, mail_type: str, body: dict[str, Any]) -> str:
    """A Keycloak-style action-token link, as the real verification and reset mails carry."""
    query = {"key": action_tokens.issue(world, tenant, user, mail_type, body).key}
    if body.get("appName"):
        query["client_id"] = body["appName"]
    if body.get("redirectUri"):
        query["redirect_uri"] = body["redirectUri"]
    return in_namespace(world, f"{origin}/auth/realms/{tenant.id}/login-actions/action-token?{urlencode(query)}")


class _Fields(dict):
    """The request body for templates: a field the caller left out reads as empty."""

    def __getattr__(self, name: str) -> Any:
        return self.get(name) or ""
