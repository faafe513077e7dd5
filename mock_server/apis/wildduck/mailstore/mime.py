"""Reading RFC 822 sources: what a listing, the details view and an attachment download need.

Parsed with the ``compat32`` policy: several times faster than ``policy.default`` (which
builds a header object per header), and it never raises on the malformed mail a mock is
bound to receive; headers are decoded explicitly where they are shown.
"""

from __future__ import annotations

import base64
import hashlib
import math
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import message_from_string
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

from .records import AttachmentInfo, MailAddress

INTRO_LENGTH = 128
TEXT_KEPT = 64 * 1024
"""Characters of body text kept for search and filters."""


@dataclass
class ParsedMessage:
    msgid: str
    subject: str
    hdate: datetime | None
    sender: MailAddress | None
    to: list[MailAddress]
    cc: list[MailAddress]
    bcc: list[MailAddress]
    reply_to: list[MailAddress]
    text: str
    html: list[str]
    attachments: list[AttachmentInfo]
    content_type: str
    content_type_params: dict[str, str]
    references: list[str]
    in_reply_to: str
    headers: dict[str, str] = field(default_factory=dict)
    """Lower-case name -> decoded value of the first occurrence (for loop guards and filters)."""

    @property
    def intro(self) -> str:
        return make_intro(self.text)


def parse(raw: str) -> ParsedMessage:
    message = message_from_string(raw)
    text_parts: list[str] = []
    html_parts: list[str] = []
    attachments: list[AttachmentInfo] = []
    for part, related in _leaves(message):
        if _is_attachment(part):
            attachments.append(_attachment_info(part, len(attachments) + 1, related))
        elif part.get_content_type() == "text/html":
            html_parts.append(_decoded_text(part))
        elif part.get_content_type() == "text/plain":
            text_parts.append(_decoded_text(part))
    text = "\n".join(text_parts) if text_parts else html_to_text("\n".join(html_parts))
    return ParsedMessage(
        msgid=(message.get("Message-ID") or "").strip(),
        subject=decode_words(message.get("Subject")),
        hdate=_date(message.get("Date")),
        sender=next(iter(_addresses(message, "From") or _addresses(message, "Sender")), None),
        to=_addresses(message, "To"),
        cc=_addresses(message, "Cc"),
        bcc=_addresses(message, "Bcc"),
        reply_to=_addresses(message, "Reply-To"),
        text=text.replace("\r\n", "\n")[:TEXT_KEPT],
        html=html_parts,
        attachments=attachments,
        content_type=message.get_content_type(),
        content_type_params={k: v for k, v in message.get_params(failobj=[])[1:] if isinstance(v, str)},
        references=(message.get("References") or "").split(),
        in_reply_to=(message.get("In-Reply-To") or "").strip(),
        headers={name.lower(): decode_words(value) for name, value in reversed(message.items())},
    )


def attachment_content(raw: str, attachment_id: str) -> tuple[str, bytes] | None:
    """(content type, decoded bytes) of attachment ``ATTnnnnn``, numbered as :func:`parse` does."""
    number = 0
    for part, _related in _leaves(message_from_string(raw)):
        if _is_attachment(part):
            number += 1
            if _attachment_id(number) == attachment_id.upper():
                return part.get_content_type(), part.get_payload(decode=True) or b""
    return None


def make_intro(text: str) -> str:
    """The listing's preview: whitespace collapsed, quoted lines and links left out, at most
    128 characters (then an ellipsis), as the real server makes it."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    collapsed = re.sub(r"\s+", " ", re.sub(r"https?://\S+", " ", " ".join(lines))).strip()
    return collapsed if len(collapsed) <= INTRO_LENGTH else collapsed[:INTRO_LENGTH].rstrip() + "…"


def decode_words(value: object) -> str:
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(str(value)))).strip()
    except (UnicodeError, LookupError, ValueError):
        return str(value).strip()


_UNCLOSED_TAG = re.compile(r"<(?![^<>]*>)")
"""A ``<`` that opens no tag closed before the next ``<``: text, not markup."""


def html_to_text(html: str) -> str:
    """The text of an HTML body. A ``<`` that starts no complete tag is escaped first: the
    standard library's parser rescans the rest of the input for each one, so 20,000 ``<img``
    without a ``>`` (80 KB) took 17 s of a request."""
    reader = _TextReader()
    reader.feed(_UNCLOSED_TAG.sub("&lt;", html))
    reader.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(reader.chunks)).strip()


class _TextReader(HTMLParser):
    _BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote"}
    _HIDDEN = {"style", "script", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append(data)


def _leaves(message: Message, related: bool = False) -> Iterator[tuple[Message, bool]]:
    """Every non-multipart part, in order, and whether it sits inside a multipart/related."""
    related = related or message.get_content_type() == "multipart/related"
    if not message.is_multipart():
        yield message, related
        return
    for part in message.get_payload():
        if isinstance(part, Message):
            yield from _leaves(part, related)


def _is_attachment(part: Message) -> bool:
    disposition = (part.get_content_disposition() or "").lower()
    if disposition == "attachment" or part.get_filename():
        return True
    return part.get_content_maintype() not in ("text", "multipart", "message")


def _attachment_id(number: int) -> str:
    return f"ATT{number:05d}"


def _attachment_info(part: Message, number: int, related: bool) -> AttachmentInfo:
    payload = part.get_payload(decode=True) or b""
    encoded = str(part.get_payload()).encode("utf-8", "surrogateescape")
    content_id = (part.get("Content-ID") or "").strip().strip("<>") or None
    disposition = (part.get_content_disposition() or "attachment").lower()
    encoded_sha256 = hashlib.sha256(encoded).hexdigest()
    return AttachmentInfo(
        id=_attachment_id(number),
        filename=decode_words(part.get_filename()) or _unnamed(part.get_content_type(), encoded_sha256),
        content_type=part.get_content_type(),
        disposition=disposition,
        transfer_encoding=(part.get("Content-Transfer-Encoding") or "7bit").strip().lower(),
        related=related,
        size=len(payload),
        content_id=content_id,
        encoded_size=len(encoded),
        encoded_sha256=encoded_sha256,
        content_sha256=base64.b64encode(hashlib.sha256(payload).digest()).decode("ascii"),
    )


def _unnamed(content_type: str, digest: str) -> str:
    """The real indexer names an attachment without a filename ``<8 hex>.<extension of its
    type>`` (random there; from the content's hash here, so a seed gives the same names)."""
    extension = (mimetypes.guess_extension(content_type, strict=False) or ".bin").lstrip(".")
    return f"{digest[:8]}.{extension}"


def size_kb(info: AttachmentInfo) -> int:
    """The real ``sizeKb``: the decoded size (for base64 estimated from the encoded one, as the
    real indexer does) in KiB, rounded up."""
    if info.transfer_encoding != "base64" or not info.encoded_size:
        return math.ceil((info.encoded_size or info.size) / 1024)
    newlines = info.encoded_size // 78
    return math.ceil(math.ceil((info.encoded_size - newlines * 2) / 4 * 3) / 1024)


def _decoded_text(part: Message) -> str:
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload.decode("utf-8", "replace")


def _addresses(message: Message, header: str) -> list[MailAddress]:
    values = [str(value) for value in message.get_all(header, [])]
    return [MailAddress(address=address, name=decode_words(name)) for name, address in getaddresses(values) if address]


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
