"""Images embedded in ``html`` as ``data:`` URLs become inline attachments, as the real
server's ``preprocessAttachments`` (``lib/data-url.js``) does before an upload or a submit:
each ``<img src="data:...">`` gets a new ``cid:`` and its content goes into an attachment
with that Content-ID (named by its ``data-filename`` attribute, which is removed), so the
stored message carries a multipart/related part a mail client can show. Other elements, and
data URLs that can not be read, are left as they are.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import unquote

from ..context import Context
from ..storage.files import decode_base64
from .composer import Attachment

MAX_HTML = 12 * 1024 * 1024
"""The real server leaves larger HTML alone."""

_IMG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)  # [^<>]: a tag never runs into the next one (no quadratic scan)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_MEDIA_TYPE = re.compile(r"^\w+/[^/]+$")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029")


def embedded(ctx: Context, body: dict[str, Any]) -> tuple[str | None, list[Attachment]]:
    """The request's ``html`` with its ``data:`` images taken out, and those images."""
    hostname = sender_hostname(body.get("from"), ctx.config.mail_hostname)
    source, images = extract_images(ctx, body.get("html") or "", hostname)
    return source or None, images


def extract_images(ctx: Context, source: str, hostname: str) -> tuple[str, list[Attachment]]:
    """(the HTML with ``cid:`` links, the attachments to add); the HTML unchanged when it
    embeds nothing."""
    if not source or len(source) > MAX_HTML or "data:" not in source:
        return source, []
    found: list[Attachment] = []

    def replace(tag: re.Match[str]) -> str:
        attributes = _attributes(tag[0])
        src = attributes.get("src", "")
        if not src.startswith("data:"):
            return tag[0]
        attachment = _read(src)
        if attachment is None:
            return tag[0]
        attachment.filename = attributes.get("data-filename") or None
        attachment.cid = f"{ctx.random.uuid4()}@{hostname}"
        found.append(attachment)
        return _rewrite(tag[0], attachment.cid)

    rewritten = _IMG.sub(replace, source)
    return (rewritten, found) if found else (source, [])


def sender_hostname(sender: dict[str, Any] | None, fallback: str) -> str:
    """The domain of ``from.address``, as the real server names the Content-IDs it makes;
    without one the machine's host name there, ``MOCK_WILDDUCK_MAIL_HOSTNAME`` here."""
    address = (sender or {}).get("address")
    return address.rpartition("@")[2] if isinstance(address, str) and address else fallback


def _read(url: str) -> Attachment | None:
    """The real ``processDataUrl``: base64 or percent-encoded content, the first
    ``type/subtype`` of the parameters as the content type."""
    split = _split(url)
    if split is None:
        return None
    parameters, data = split
    if re.search(r"\bbase64$", parameters, re.IGNORECASE):
        content = decode_base64(data)
    elif _BAD_ESCAPE.search(data):
        return None  # decodeURIComponent throws; the real server leaves the image alone
    else:
        try:
            content = unquote(data, errors="strict").encode("utf-8")
        except UnicodeDecodeError:
            return None
    content_type = next((item.lower() for item in parameters.split(";") if _MEDIA_TYPE.match(item)), None)
    return Attachment(content, content_type=content_type)


def _split(url: str) -> tuple[str, str] | None:
    """(parameters, data) where the real pattern ``^data:((?:[^;]*;)*(?:[^,]*)),(.*)$`` puts
    them, found without a regex (that pattern backtracks quadratically on a long run of ``;``):
    the parameters end at the first comma after the last ``;`` that still has a comma after
    it; the data may hold no line break (JavaScript's ``.``)."""
    last_comma = url.rfind(",")
    if last_comma < 5:
        return None
    start = url.rfind(";", 5, last_comma) + 1 or 5
    comma = url.find(",", start)
    data = url[comma + 1:]
    if any(mark in data for mark in _LINE_BREAKS):
        return None
    return url[5:comma], data


def _attributes(tag: str) -> dict[str, str]:
    inside = tag[4:-1].rstrip("/")
    return {
        found[1].lower(): html.unescape(next((v for v in found.groups()[1:] if v is not None), ""))
        for found in _ATTRIBUTE.finditer(inside)
    }


def _rewrite(tag: str, cid: str) -> str:
    """The tag with ``src="cid:..."`` and without ``data-filename``; the rest as written."""
    inside, pieces, last = tag[4:-1], [], 0
    for found in _ATTRIBUTE.finditer(inside):
        name, gap = found[1].lower(), inside[last:found.start()]
        last = found.end()
        if name != "data-filename":
            pieces.append(gap + (f'src="cid:{cid}"' if name == "src" else found[0]))
    return "<img" + "".join(pieces) + inside[last:] + ">"
