"""The HTML pages of the password reset a mail link opens: the form, then its outcome."""

from __future__ import annotations

from ...templates import templates_beside

_templates = templates_beside(__file__)

RESET_DONE = "Your password has been changed. You can now log in with your new password."
RESET_FAILED = "Your password could not be changed."


def reset_form(brand: str, form_action: str, token: str) -> str:
    return _templates.get_template("page.html").render(brand=brand, title="Choose a new password", form_action=form_action, token=token)


def outcome(brand: str, success: bool, error_message: str | None = None) -> str:
    message = RESET_DONE if success else " ".join(part for part in (RESET_FAILED, error_message) if part)
    return _templates.get_template("page.html").render(
        brand=brand,
        title="Password reset" if success else "Password reset failed",
        form_action=None,
        outcome="success" if success else "failure",
        message=message,
    )
