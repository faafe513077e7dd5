"""The real export's mbox: per message a ``From <sender> <asctime>`` line, the headers with
``X-Export-Mailbox`` / ``X-Export-Draft`` added (and the mbox bookkeeping headers
``Content-Length``, ``Status``, ``X-Status``, ``X-GM-THRID``, ``X-Gmail-Labels`` removed),
line ends as LF, body lines starting with ``>*From `` quoted with one more ``>`` (mboxrd),
and a blank line after each message."""

from __future__ import annotations

import re
from datetime import timezone
from typing import Iterable, Iterator

from .records import AuditedMessage

_DROPPED_HEADERS = {"content-length", "status", "x-status", "x-gm-thrid", "x-gmail-labels",
                    "x-export-draft", "x-export-mailbox"}
_FROM_LINE = re.compile(rb"^(>*From )", re.MULTILINE)


def export(messages: Iterable[AuditedMessage]) -> Iterator[bytes]:
    for message in messages:
        yield _entry(message)


def _entry(message: AuditedMessage) -> bytes:
    source = message.raw.encode("utf-8", "surrogateescape").replace(b"\r\n", b"\n").replace(b"\r", b"")
    head, separator, body = source.partition(b"\n\n")
    added = []
    if message.mailbox_path:
        added.append(b"X-Export-Mailbox: " + message.mailbox_path.encode())
    if message.draft:
        added.append(b"X-Export-Draft: Yes")
    headers = added + _kept_headers(head)
    text = b"\n".join(headers) + b"\n" + (b"\n" + body if separator else b"")
    text = _FROM_LINE.sub(rb">\1", text)
    sender = message.envelope_from or "MAILER-DAEMON"
    date = message.date.astimezone(timezone.utc) if message.date.tzinfo else message.date
    stamp = f"{date:%a %b} {date.day:2d} {date:%H:%M:%S %Y}"  # asctime, in UTC
    return f"From {sender} {stamp}\n".encode() + text + (b"\n" if text.endswith(b"\n") else b"\n\n")


def _kept_headers(head: bytes) -> list[bytes]:
    """Header fields (with their folded lines) except the dropped ones."""
    fields: list[list[bytes]] = []
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1].append(line)
        elif line:
            fields.append([line])
    return [b"\n".join(lines) for lines in fields
            if lines[0].split(b":", 1)[0].strip().lower().decode("latin-1") not in _DROPPED_HEADERS]
