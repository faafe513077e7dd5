"""Building RFC 822 messages with attachments, deterministically.

The platform's ``outbox.compose`` writes text and HTML only; mail in a mailbox also carries
attachments. Boundaries come from the caller's seeded stream (``email`` would otherwise draw
them from ``random``), so the same seed gives byte-identical sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email import policy
from email.utils import format_datetime, formataddr
from typing import Callable

_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP
_CRLF = policy.compat32.clone(linesep="\r\n")


@dataclass
class FilePart:
    filename: str
    content_type: str
    content: bytes


def compose(
    *,
    sender: tuple[str, str],
    to: list[tuple[str, str]],
    subject: str,
    text: str,
    html: str | None,
    date: datetime,
    message_id: str,
    boundary: Callable[[], str],
    files: list[FilePart] = (),  # type: ignore[assignment]
    headers: dict[str, str] | None = None,
) -> str:
    body: Message = MIMEText(text, "plain", _UTF8_QP)
    if html is not None:
        body = MIMEMultipart("alternative", boundary(), [body, MIMEText(html, "html", _UTF8_QP)])
    message = body
    if files:
        message = MIMEMultipart("mixed", boundary(), [body, *(_file_part(file) for file in files)])
    message["From"] = formataddr(sender, charset="utf-8")
    message["To"] = ", ".join(formataddr(recipient, charset="utf-8") for recipient in to)
    message["Subject"] = _header(subject)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[name] = _header(value)
    return message.as_bytes(policy=_CRLF).decode("ascii")


def _file_part(file: FilePart) -> Message:
    maintype, _, subtype = file.content_type.partition("/")
    part: Message = MIMEImage(file.content, subtype) if maintype == "image" else MIMEApplication(file.content, subtype)
    part.add_header("Content-Disposition", "attachment", filename=file.filename)
    return part


def _header(value: str) -> str | Header:
    return value if value.isascii() else Header(value, "utf-8")
