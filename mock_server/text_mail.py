"""The RFC 822 source of a text mail (plain text, or plain text with an HTML alternative),
written directly instead of through ``email.mime`` objects and ``email.generator``.

Why: every mail an API sends is composed when it is sent, and composing it with the ``email``
package was over half of a Send Email ``POST`` (docs/performance.md): the generator folds every
header of every part anew through ``email.header.Header`` (15 headers for a text and HTML
mail), and builds and parses the MIME objects' parameters on the way. The bytes written here
are the generator's own (compat32 policy, CRLF line ends), taken from the same sources:

- the headers every text part starts with are produced once, at import, by ``MIMEText``;
- a header whose value is one line of printable ASCII short enough to fit needs no
  folding (``Name: value``); any other is folded by the policy itself, and the fold is
  remembered, since a tenant's sender, a user's address and a mail type's subject recur;
- a body is quoted-printable encoded by the function ``MIMEText`` uses, then given CRLF line
  ends as the generator does.

Mails with attachments, and the odd case this does not cover (see :func:`covers`), go through
the ``email`` package; ``tests/test_outbox_compose.py`` compares both on generated mails.
"""

from __future__ import annotations

import re
from email import policy, quoprimime
from email.charset import QP, Charset
from email.header import Header
from email.mime.text import MIMEText
from functools import lru_cache

UTF8_QP = Charset("utf-8")
UTF8_QP.body_encoding = QP  # readable sources: quoted-printable rather than base64
CRLF = policy.compat32.clone(linesep="\r\n")

_NL = "\r\n"
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")  # the generator's NLCRE
_SAFE_BOUNDARY = re.compile(r"[0-9A-Za-z'()+_,./:=?-]+\Z")
"""Boundaries the generator writes back exactly as given (it re-reads the parameter, which
would unquote or strip others)."""
_UNFOLDED_VALUE = re.compile(r"[ -~]*\Z")
"""Printable ASCII and spaces: a value ``Header.encode`` leaves exactly as it is (spaces
included) when the line fits."""
_STRUCTURAL = ("content-", "mime-version")


def _part_headers(subtype: str) -> str:
    """``Content-Type``, ``MIME-Version`` and ``Content-Transfer-Encoding`` of a text part, as
    the generator writes them (the blank line after them cut off)."""
    source = MIMEText("", subtype, UTF8_QP).as_bytes(policy=CRLF).decode("ascii")
    return source.removesuffix(_NL)


_PART_HEADERS = {subtype: _part_headers(subtype) for subtype in ("plain", "html")}


def covers(headers: dict[str, str] | None) -> bool:
    """Whether :func:`write` can take these extra headers: any but the MIME structure's own
    (an extra ``Content-Type`` would change how the ``email`` package writes the parts)."""
    return not any(name.lower().startswith(_STRUCTURAL) for name in headers or ())


def safe_boundary(boundary: str) -> bool:
    return _SAFE_BOUNDARY.match(boundary) is not None


def write(
    *,
    sender: str,
    to: str,
    subject: str,
    text_body: str,
    html_body: str | None,
    boundary: str | None,
    message_id: str,
    date: str,
    headers: dict[str, str] | None,
) -> str:
    """The source of a text mail; ``sender``, ``to`` and ``date`` already formatted as header
    values, the bodies as :func:`body` gives them, ``boundary`` (a :func:`safe_boundary`) given
    exactly when there is an HTML part. ``subject`` and the ``headers`` values are header text,
    RFC 2047-encoded when not ASCII."""
    head = [
        _folded("From", sender, False),
        _folded("To", to, False),
        _folded("Subject", subject, not subject.isascii()),
        _folded("Date", date, False),
        _folded("Message-ID", message_id, False),
        *(_folded(name, value, not value.isascii()) for name, value in (headers or {}).items()),
    ]
    if html_body is None:
        return f"{_PART_HEADERS['plain']}{''.join(head)}{_NL}{text_body}"
    assert boundary is not None
    return (
        f"{_multipart_type(boundary)}MIME-Version: 1.0{_NL}{''.join(head)}{_NL}"
        f"--{boundary}{_NL}{_PART_HEADERS['plain']}{_NL}{text_body}"
        f"{_NL}--{boundary}{_NL}{_PART_HEADERS['html']}{_NL}{html_body}"
        f"{_NL}--{boundary}--{_NL}"
    )


def _folded(name: str, value: str, encoded: bool) -> str:
    """The header's line(s) as compat32 writes them; ``encoded``: the value goes in as a UTF-8
    ``Header`` (RFC 2047), as the ``email.mime`` path sets non-ASCII subjects."""
    if not encoded and len(name) + 2 + len(value) <= CRLF.max_line_length and _UNFOLDED_VALUE.match(value):
        return f"{name}: {value}{_NL}"
    return _fold(name, value, encoded)


def _multipart_type(boundary: str) -> str:
    """The ``Content-Type`` line(s) of the alternative. Every mail has its own boundary, but
    compat32 folds only where there is white space, and a safe boundary has none: the fold
    depends on the boundary's length alone. So one fold per length serves, the boundary put in
    place of a stand-in of its length."""
    return _multipart_type_of_length(len(boundary)).replace(f'"{"0" * len(boundary)}"', f'"{boundary}"')


@lru_cache(maxsize=64)
def _multipart_type_of_length(length: int) -> str:
    return _folded("Content-Type", f'multipart/alternative; boundary="{"0" * length}"', False)


@lru_cache(maxsize=2048)
def _fold(name: str, value: str, encoded: bool) -> str:
    return CRLF.fold_binary(name, Header(value, "utf-8") if encoded else value).decode("ascii")


def body(text: str) -> str:
    """What ``MIMEText(text, subtype, UTF8_QP)`` puts after its headers: the UTF-8 bytes
    quoted-printable encoded, line ends made CRLF. A text up to :data:`REMEMBERED_BODY_LENGTH`
    characters is remembered, like the folds: a mail type rendered for the same tenant and
    user gives the same text again (a CI job's test mails), and the encoder is Python walking
    every character. Longer ones (a submitted message) are encoded each time, so the memory
    held stays small."""
    if not text:
        return ""
    return _remembered_body(text) if len(text) <= REMEMBERED_BODY_LENGTH else _encoded_body(text)


REMEMBERED_BODY_LENGTH = 16 * 1024


@lru_cache(maxsize=256)
def _remembered_body(text: str) -> str:
    return _encoded_body(text)


def _encoded_body(text: str) -> str:
    encoded = quoprimime.body_encode(text.encode(UTF8_QP.output_charset).decode("latin1"))
    return _NL.join(_LINE_BREAKS.split(encoded))
