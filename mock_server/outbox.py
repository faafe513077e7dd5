"""Every email any API "sends", kept as a real RFC 822 message.

The raw message is what is stored (and exported); the JSON view a test or a demo reads is
parsed from it on demand, so what you inspect is exactly what a mail client would see.
The outbox of a namespace is a ring: past ``outbox_size`` the oldest message is dropped.
"""

from __future__ import annotations

import re
from html import unescape
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, formataddr, parseaddr
from typing import Any

from .clock import iso

LINK_PATTERN = re.compile(r"https?://[^\s\"'<>]+")


@dataclass
class OutboxMessage:
    id: str
    api: str
    created: datetime
    raw: str

    def parsed(self) -> EmailMessage:
        return BytesParser(policy=policy.default).parsebytes(self.raw.encode())  # type: ignore[return-value]

    def summary(self) -> dict[str, Any]:
        message = self.parsed()
        return {
            "id": self.id,
            "api": self.api,
            "created": iso(self.created),
            "from": str(message["From"]),
            "to": [addr.strip() for addr in str(message["To"]).split(",")],
            "subject": str(message["Subject"]),
        }

    def details(self) -> dict[str, Any]:
        message = self.parsed()
        text = _part(message, "plain")
        html = _part(message, "html")
        return {
            **self.summary(),
            "messageId": str(message["Message-ID"]),
            "headers": [{"name": name, "value": str(value)} for name, value in message.items()],
            "text": text,
            "html": html,
            "links": _unique(LINK_PATTERN.findall(text or "") + LINK_PATTERN.findall(unescape(html or ""))),
        }


@dataclass
class Outbox:
    messages: list[OutboxMessage] = field(default_factory=list)
    """Oldest first; the control API lists them newest first."""

    def add(self, message: OutboxMessage, limit: int) -> None:
        self.messages.append(message)
        del self.messages[: max(0, len(self.messages) - limit)]

    def find(self, message_id: str) -> OutboxMessage | None:
        return next((m for m in self.messages if m.id == message_id), None)

    def newest_first(self) -> list[OutboxMessage]:
        return list(reversed(self.messages))

    def clear(self) -> None:
        self.messages.clear()


def compose(
    *,
    sender: tuple[str, str],
    to: list[tuple[str, str]],
    subject: str,
    text: str,
    html: str | None,
    message_id: str,
    boundary: str,
    date: datetime,
    headers: dict[str, str] | None = None,
) -> str:
    """Build a multipart/alternative message (text, then HTML) with proper headers, CRLF ends."""
    message = EmailMessage()
    message["From"] = formataddr(sender)
    message["To"] = ", ".join(formataddr(recipient) for recipient in to)
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
        message.set_boundary(boundary)  # the email package would draw it from the global random
    return message.as_bytes(policy=policy.SMTP).decode()


def address_of(header_value: str) -> str:
    return parseaddr(header_value)[1]


def _part(message: EmailMessage, subtype: str) -> str | None:
    part = message.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_subtype() != subtype:
        return None
    return part.get_content().replace("\r\n", "\n")


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
