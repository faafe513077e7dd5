"""RFC 822 sources from the real JSON form, laid out as the real server's composer
(nodemailer's MailComposer) lays them out: custom headers first, then From, To, Cc, Bcc
(drafts only), Reply-To, Subject, Date, Message-ID; text, or text and HTML as alternatives
(text made from the HTML when only HTML is given); attachments in a multipart/mixed, inline
images (a ``cid``) beside the HTML in a multipart/related; CRLF line ends.

Built with the standard library's ``email.mime`` classes; boundaries and Message-IDs come
from the namespace's seeded stream, so the same seed gives byte-identical sources.
"""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from email import policy
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from typing import Any

from ..context import Context
from ..mailstore.mime import html_to_text
from ..storage.files import decode_base64

_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP
_CRLF = policy.compat32.clone(linesep="\r\n", cte_type="8bit")
"""``8bit``: a header given as surrogate-escaped bytes (an address beyond ASCII) is written as
it is; every other header and part is encoded as before (7-bit, quoted-printable, base64)."""

Address = tuple[str, str]
"""(name, address)."""


@dataclass
class Attachment:
    content: bytes
    filename: str | None = None
    content_type: str | None = None
    cid: str | None = None
    disposition: str | None = None
    transfer_encoding: str | None = None


@dataclass
class Draft:
    """What a message is made of, once the request has been read."""

    sender: Address
    date: datetime
    to: list[Address] = field(default_factory=list)
    cc: list[Address] = field(default_factory=list)
    bcc: list[Address] = field(default_factory=list)
    reply_to: Address | None = None
    subject: str = ""
    text: str | None = None
    html: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    keep_bcc: bool = False
    """Drafts keep their Bcc header (the real upload sets ``keepBcc``); sent mail does not."""

    @property
    def envelope_to(self) -> list[str]:
        return list(dict.fromkeys(address for _name, address in [*self.to, *self.cc, *self.bcc] if address))


def compose(ctx: Context, draft: Draft) -> str:
    draft = _well_formed_draft(draft)
    body = _body(ctx, draft)
    mime_headers = [(name, value) for name, value in body.items()]
    for name in list(dict.fromkeys(name for name, _value in mime_headers)):
        del body[name]
    for name, value in draft.headers:
        body[name] = _header(value)
    body["From"] = _address(draft.sender)
    for name, addresses in (("To", draft.to), ("Cc", draft.cc), ("Bcc", draft.bcc if draft.keep_bcc else [])):
        if addresses:
            body[name] = ", ".join(_address(a) for a in addresses)
    if draft.reply_to:
        body["Reply-To"] = _address(draft.reply_to)
    if draft.subject:
        body["Subject"] = _header(draft.subject)
    body["Date"] = format_datetime(draft.date)
    body["Message-ID"] = f"<{ctx.random.uuid4()}@{draft.sender[1].rpartition('@')[2] or 'localhost'}>"
    for name, value in mime_headers:
        body[name] = value
    return body.as_bytes(policy=_CRLF).decode("utf-8")


def _body(ctx: Context, draft: Draft) -> Message:
    text = draft.text if draft.text or not draft.html else html_to_text(draft.html)
    # Parts keep their position in the whole list: an unnamed one is named after it.
    numbered = list(enumerate(draft.attachments, start=1))
    inline = [(n, a) for n, a in numbered if a.cid and draft.html]
    attached = [(n, a) for n, a in numbered if not (a.cid and draft.html)]
    content: Message = MIMEText(text or "", "plain", _UTF8_QP)
    if draft.html:
        html: Message = MIMEText(draft.html, "html", _UTF8_QP)
        if inline:
            html = MIMEMultipart("related", _boundary(ctx), [html, *(_part(a, n) for n, a in inline)])
        content = MIMEMultipart("alternative", _boundary(ctx), [content, html])
    if attached:
        content = MIMEMultipart("mixed", _boundary(ctx), [content, *(_part(a, n) for n, a in attached)])
    return content


def _part(attachment: Attachment, number: int) -> Message:
    """One attachment as nodemailer writes it: the type from the name when not given, inline
    only for an image with a ``cid`` (or a message), an unnamed one called
    ``attachment-<number>.<extension of its type>``."""
    guessed = mimetypes.guess_type(attachment.filename or "", strict=False)[0]
    content_type = attachment.content_type or guessed or "application/octet-stream"
    maintype, _, subtype = content_type.partition("/")
    part = MIMEBase(maintype, subtype or "octet-stream")
    filename = attachment.filename
    if not filename and maintype.lower() != "message":
        extension = (mimetypes.guess_extension(content_type.lower(), strict=False) or ".bin").lstrip(".")
        filename = f"attachment-{number}.{extension}"
    if filename:
        part.set_param("name", filename)
    encoding = (attachment.transfer_encoding or "base64").lower()
    if encoding == "quoted-printable":
        part.set_payload(attachment.content.decode("utf-8", "replace"), _UTF8_QP)
    elif encoding in ("7bit", "8bit") and attachment.content.isascii():
        part.set_payload(attachment.content.decode("ascii"))
        part["Content-Transfer-Encoding"] = encoding
    else:
        part.set_payload(base64.encodebytes(attachment.content).decode("ascii").rstrip("\n"))
        part["Content-Transfer-Encoding"] = "base64"
    shown_inline = maintype.lower() == "message" or (maintype.lower() == "image" and attachment.cid)
    disposition = attachment.disposition or ("inline" if shown_inline else "attachment")
    if filename:
        part.add_header("Content-Disposition", disposition, filename=filename)
    else:
        part.add_header("Content-Disposition", disposition)
    if attachment.cid:
        part["Content-ID"] = f"<{attachment.cid.strip('<>')}>"
    return part


def decoded_content(item: dict[str, Any]) -> bytes:
    """An attachment's ``content`` read with its ``encoding`` (base64 unless told otherwise),
    as Node's ``Buffer.from(content, encoding)`` reads it: invalid input gives what it can."""
    text, encoding = item.get("content") or "", (item.get("encoding") or "base64").lower()
    if encoding == "base64":
        return decode_base64(text)
    if encoding == "hex":
        digits = "".join(ch for ch in text if ch in "0123456789abcdefABCDEF")
        return bytes.fromhex(digits[: len(digits) - len(digits) % 2])
    if encoding in ("binary", "latin1"):
        return text.encode("latin-1", "replace")
    return _well_formed(text).encode("utf-8")


def _boundary(ctx: Context) -> str:
    return f"--_NmP-{ctx.random.hex(16)}-Part"


def _address(value: Address) -> str:
    """As nodemailer writes an address (``_convertAddresses``): a name beyond ASCII as an
    encoded word, the address plain. An address beyond ASCII (``Joi.string().email()`` allows
    one, in a user's address or ``from``) gets its domain in punycode and keeps its local
    part as it is, raw UTF-8 (RFC 6532): there is no ASCII form of it, and ``formataddr``
    refuses it."""
    name, address = value
    if not address.isascii():
        local, at, domain = address.rpartition("@")
        address = f"{local}@{_punycode(domain)}" if at else address
    if address.isascii():
        return formataddr((name, address), charset="utf-8")
    label = formataddr((name, "@"), charset="utf-8").removesuffix(" <@>") if name else ""
    written = f"{label} <{address}>" if label else address
    return written.encode("utf-8").decode("ascii", "surrogateescape")  # the 8bit policy writes it as it is


def _well_formed(text: str) -> str:
    """A lone surrogate (JSON can carry one) as U+FFFD, as Node turns a string into UTF-8."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _well_formed_draft(value: Any) -> Any:
    """Every text of a draft (names, addresses, subject, bodies, headers) well formed."""
    if isinstance(value, str):
        return _well_formed(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_well_formed_draft(item) for item in value)
    if isinstance(value, (Draft, Attachment)):
        return replace(value, **{item.name: _well_formed_draft(getattr(value, item.name)) for item in fields(value)})
    return value


def _punycode(domain: str) -> str:
    """nodemailer's ``punycode.toASCII(domain.toLowerCase())``: each label beyond ASCII as
    ``xn--`` and its punycode."""
    return ".".join(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
                    for label in domain.lower().split("."))


def _header(value: str) -> str | Header:
    return value if value.isascii() else Header(value, "utf-8")
