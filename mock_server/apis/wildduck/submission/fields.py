"""The real JSON form of a message (``from``, ``to``, ``cc``, ``bcc``, ``replyTo``,
``headers``, ``attachments``), read into composer values with the real server's leniency:
a ``to`` entry whose address is not an address is dropped (Joi's ``failover('')``), a
header without a key is skipped."""

from __future__ import annotations

import re
from typing import Any

from .composer import Address, Attachment, decoded_content

_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+$")


def address(item: dict[str, Any] | None) -> Address | None:
    if not item or not _ADDRESS.match(str(item.get("address") or "")):
        return None
    return (item.get("name") or "", item["address"])


def addresses(items: list[dict[str, Any]] | None) -> list[Address]:
    return [found for found in map(address, items or []) if found]


def headers(items: list[dict[str, Any]] | None) -> list[tuple[str, str]]:
    return [(item["key"], item.get("value") or "") for item in items or [] if item.get("key")]


def attachments(items: list[dict[str, Any]] | None) -> list[Attachment]:
    return [
        Attachment(decoded_content(item), filename=item.get("filename") or None,
                   content_type=item.get("contentType") or None, cid=item.get("cid") or None,
                   disposition=(item.get("contentDisposition") or "").strip().lower() or None,
                   transfer_encoding=item.get("contentTransferEncoding") or None)
        for item in items or []
    ]


def flag(value: Any) -> bool:
    """The real lenient boolean: ``true``, ``"yes"``, ``1``, ``"on"``..."""
    if isinstance(value, str):
        return value.strip().lower() in ("y", "true", "yes", "on", "1")
    return bool(value)
