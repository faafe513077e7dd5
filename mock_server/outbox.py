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
from email.header import Header
from email.message import EmailMessage, Message
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.parser import BytesParser
from email.utils import format_datetime, formataddr, parseaddr
from functools import lru_cache
from typing import Any, Callable, NotRequired, Sequence, TypedDict, Unpack

from . import text_mail
from .clock import iso
from .text_mail import CRLF, UTF8_QP

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
            "from": str(message["From"] or ""),
            "to": [str(address) for address in message["To"].addresses] if message["To"] else [],
            "subject": str(message["Subject"] or ""),
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


class Letter(TypedDict):
    """What an API writes in a mail it sends (``World.send_mail``, ``World.compose_mail``):
    the parts :func:`compose` takes besides those the namespace supplies (Message-ID,
    boundaries, Date)."""

    sender: tuple[str, str]
    to: list[tuple[str, str]]
    subject: str
    text: str
    html: NotRequired[str | None]
    headers: NotRequired[dict[str, str] | None]


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


@dataclass(frozen=True)
class FilePart:
    """An attachment: name, media type and bytes."""

    filename: str
    content_type: str
    content: bytes


def compose(
    *, message_id: str, boundary: Callable[[], str], date: datetime, files: Sequence[FilePart] = (), **letter: Unpack[Letter]
) -> str:
    """Build a real message: text (and HTML as its alternative), attachments in a
    multipart/mixed around them, proper headers, CRLF line ends.

    ``boundary`` gives each multipart its boundary from the caller's seeded stream: the
    ``email`` package would draw it from the global ``random``, and the same seed must give
    byte-identical sources. A text mail (every mail an API sends) is written directly by
    :mod:`.text_mail`, a few times faster; the same bytes as :func:`compose_with_email_package`,
    which writes mails with attachments.
    """
    html, headers = letter.get("html"), letter.get("headers")
    if not files and text_mail.covers(headers):
        # In the email package's order, so that a refused text draws no boundary.
        text_body = text_mail.body(letter["text"])
        separator = boundary() if html is not None else None
        if separator is None or text_mail.safe_boundary(separator):
            html_body = None if html is None else text_mail.body(html)
            sender, to = _address_values(letter)
            return text_mail.write(sender=sender, to=to, subject=letter["subject"], text_body=text_body,
                                   html_body=html_body, boundary=separator, message_id=message_id,
                                   date=format_datetime(date), headers=headers)
        boundary = lambda: separator  # noqa: E731 (drawn already: the stream moves once per part)
    return compose_with_email_package(message_id=message_id, boundary=boundary, date=date, files=files, **letter)


def compose_with_email_package(
    *, message_id: str, boundary: Callable[[], str], date: datetime, files: Sequence[FilePart] = (), **letter: Unpack[Letter]
) -> str:
    """:func:`compose` through the ``email`` package's classic ``email.mime`` classes (the
    modern ``EmailMessage`` API parses every header it is given and costs about 5 ms a message)."""
    message: Message = MIMEText(letter["text"], "plain", UTF8_QP)
    if (html := letter.get("html")) is not None:
        message = MIMEMultipart("alternative", boundary(), [message, MIMEText(html, "html", UTF8_QP)])
    if files:
        message = MIMEMultipart("mixed", boundary(), [message, *map(_file_part, files)])
    message["From"], message["To"] = _address_values(letter)
    message["Subject"] = _header(letter["subject"])
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    for name, value in (letter.get("headers") or {}).items():
        message[name] = _header(value)
    return message.as_bytes(policy=CRLF).decode("ascii")


def _address_values(letter: Letter) -> tuple[str, str]:
    """The ``From`` and ``To`` values; a name that is not ASCII RFC 2047-encoded."""
    return _address_value(letter["sender"]), ", ".join(_address_value(to) for to in letter["to"])


def _address_value(pair: tuple[str, str]) -> str:
    """``formataddr`` of one (name, address), remembered when it is a short pair of strings
    (it builds a ``Charset`` and scans the name on every call, and an API's senders and
    recipients recur); anything else goes to ``formataddr`` as it came."""
    if (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], str)
            and len(pair[0]) + len(pair[1]) <= 512):
        return _remembered_address_value(pair)
    return formataddr(pair, charset="utf-8")


@lru_cache(maxsize=1024)
def _remembered_address_value(pair: tuple[str, str]) -> str:
    return formataddr(pair, charset="utf-8")


def _file_part(file: FilePart) -> Message:
    maintype, _, subtype = file.content_type.partition("/")
    part: Message = MIMEImage(file.content, subtype) if maintype == "image" else MIMEApplication(file.content, subtype)
    part.add_header("Content-Disposition", "attachment", filename=file.filename)
    return part


def _header(value: str) -> str | Header:
    return value if value.isascii() else Header(value, "utf-8")


def address_of(header_value: str) -> str:
    return parseaddr(header_value)[1]


def _part(message: EmailMessage, subtype: str) -> str | None:
    part = message.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_subtype() != subtype:
        return None
    return part.get_content().replace("\r\n", "\n")


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
