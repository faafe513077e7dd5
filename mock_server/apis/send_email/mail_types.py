"""The mail types and what each demands, with the exact 400 texts of the vendor's tables.

The seed's TENANT_INFO table marks only ``mailType`` as required, but its status table lists
"Tenant name is missing", "User name missing" and "Portal url is missing"; the messages win,
so those fields are required here (and in the spec).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MISSING_MAIL_TYPE = "Mail type or text body is required."
REQUIRED_ACTIONS_FIELDS = ("requiredactions", "iosLink", "androidLink")


@dataclass(frozen=True)
class MailType:
    name: str
    subject: str
    required: tuple[tuple[str, str], ...] = ()
    """(field, message when it is missing), checked in this order."""


MAIL_TYPES = {
    mail_type.name: mail_type
    for mail_type in (
        MailType(
            "WELCOME",
            "Welcome to {tenant}",
            (("portalUrl", "Portal url is missing"), ("androidLink", "Android Link is missing"), ("iosLink", "Ios Link is missing")),
        ),
        MailType(
            "TENANT_INFO",
            "Your {tenant} account",
            (("tenantName", "Tenant name is missing"), ("userName", "User name missing"), ("portalUrl", "Portal url is missing")),
        ),
        MailType("VERIFY", "Verify your {tenant} account"),
        MailType("FORGOT_PASSWORD", "Reset your {tenant} password"),
        MailType("TEST", "Test message from {tenant}"),
    )
}


def first_problem(body: Any) -> str | None:
    """The 400 message the real service gives for this body, or None when it is complete."""
    if not isinstance(body, dict) or not isinstance(body.get("mailType"), str) or body["mailType"] not in MAIL_TYPES:
        return MISSING_MAIL_TYPE
    for field_name, message in MAIL_TYPES[body["mailType"]].required:
        if not isinstance(body.get(field_name), str) or not body[field_name]:
            return message
    return None


def is_required_actions_form(body: dict[str, Any]) -> bool:
    """VERIFY comes in two forms; the required-actions one carries app links or actions."""
    return body["mailType"] == "VERIFY" and any(name in body for name in REQUIRED_ACTIONS_FIELDS)


def sub_system(body: dict[str, Any]) -> int:
    return 7 if is_required_actions_form(body) else 8
