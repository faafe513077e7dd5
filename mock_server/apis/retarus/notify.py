"""The notification mail of ``mailNotification=true``: the password URL, to the user."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parseaddr
from html import escape

from ...clock import iso
from ...world import World
from .config import API_NAME, RetarusConfig
from .state import ContinuityUser

SUBJECT = "Set your Email Continuity password"


def send_token_mail(world: World, user: ContinuityUser, url: str, expires: datetime) -> None:
    config: RetarusConfig = world.settings.api(API_NAME)
    name = _one_line(user.profile.display_name)
    text = (
        f"Hello {name},\n\n"
        "your Email Continuity mailbox keeps your email flowing while your mail server is down.\n"
        "Set your password here to activate it:\n\n"
        f"{url}\n\n"
        f"The link works once and expires at {iso(expires)}.\n"
    )
    html = (
        f"<p>Hello {escape(name)},</p>"
        "<p>your Email Continuity mailbox keeps your email flowing while your mail server is down. "
        "Set your password to activate it:</p>"
        f'<p><a href="{escape(url)}">{escape(url)}</a></p>'
        f"<p>The link works once and expires at {iso(expires)}.</p>"
    )
    world.send_mail(
        API_NAME,
        sender=parseaddr(config.mail_from),
        to=[(name, user.address)],
        subject=SUBJECT,
        text=text,
        html=html,
        headers={"X-Retarus-Customer": user.customer},
    )


def _one_line(text: str) -> str:
    """A display name may hold any character; a mail header may not hold control characters."""
    return re.sub(r"[\s\x00-\x1f\x7f]+", " ", text).strip() or "user"
