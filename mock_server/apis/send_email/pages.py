"""The HTML pages a VERIFY or FORGOT_PASSWORD link opens: the form, then its outcome."""

from __future__ import annotations

from ...templates import templates_beside
from .action_tokens import UPDATE_PASSWORD, Link

_templates = templates_beside(__file__)

DONE = "Your account has been updated."


def action_form(link: Link, form_action: str, problem: str | None = None) -> str:
    changes_password = UPDATE_PASSWORD in link.token.actions
    return _templates.get_template("action_page.html").render(
        tenant_name=link.tenant.name,
        title="Update your password" if changes_password else "Confirm your account",
        form_action=form_action,
        email=link.user.email,
        key=link.token.key,
        actions=link.token.actions,
        problem=problem,
        button="Save password" if changes_password else "Confirm",
    )


def outcome(tenant_name: str, message: str, success: bool, redirect_uri: str | None = None) -> str:
    return _templates.get_template("action_page.html").render(
        tenant_name=tenant_name,
        title="Done" if success else "Link not usable",
        form_action=None,
        outcome="done" if success else "refused",
        message=message,
        redirect_uri=redirect_uri,
    )
