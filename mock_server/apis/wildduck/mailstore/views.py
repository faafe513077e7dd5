"""Messages as the real server shows them: in listings and in full.

Listings read only what was parsed when the message was stored; the full view parses the
stored source again for the HTML parts, so what a client sees is what ``message.eml`` holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ..dates import iso_ms
from .mime import parse, size_kb
from .records import AttachmentInfo, MailAddress, StoredMessage


def address(value: MailAddress) -> dict[str, str]:
    return {"name": value.name, "address": value.address}


def listing_item(message: StoredMessage, *, archived: bool = False) -> dict[str, Any]:
    """``archived``: the archive lists messages by their ObjectId, not by UID."""
    sender = message.sender or MailAddress(address=message.envelope_from)
    return {
        "id": message.id if archived else message.uid,
        "mailbox": message.mailbox,
        "thread": message.thread,
        "from": address(sender),
        "to": [address(a) for a in message.to],
        "cc": [address(a) for a in message.cc],
        "bcc": [address(a) for a in message.bcc],
        "messageId": message.msgid,
        "subject": message.subject,
        "date": iso_ms(message.hdate) if message.hdate else None,
        "idate": iso_ms(message.idate),
        "intro": message.intro,
        "attachments": bool(message.attachments),
        "attachmentsList": [attachment(a) for a in message.attachments],
        "size": message.size,
        "seen": message.seen,
        "deleted": message.deleted,
        "flagged": message.flagged,
        "draft": message.draft,
        "answered": message.answered and not message.forwarded,
        "forwarded": message.forwarded,
        "references": list(message.references),
        "contentType": _content_type(message),
    }


def details(message: StoredMessage, *, archived: bool = False) -> dict[str, Any]:
    parsed = parse(message.raw)
    result = listing_item(message, archived=archived)
    del result["attachmentsList"]  # the view lists them in full under ``attachments``
    links = _cid_links(message.attachments)
    result.update({
        "user": message.user,
        "envelope": {"from": message.envelope_from, "rcpt": [{"value": rcpt, "formatted": rcpt} for rcpt in message.envelope_to]},
        "replyTo": [address(a) for a in parsed.reply_to],
        "expires": iso_ms(message.expires) if message.expires else None,
        "html": [links(html) for html in parsed.html],
        "text": links(parsed.text),
        "attachments": [attachment(a) for a in message.attachments],
        "metaData": meta_data(message),
    })
    files = (message.upload or {}).get("files")
    if files:  # the storage files a draft was uploaded with, as the real view lists them
        result["files"] = files
    return {"success": True, **result}


_CID_LINK = re.compile(r"\bcid:([^\s\"']+)")


def _cid_links(attachments: list[AttachmentInfo]) -> Callable[[str], str]:
    """``cid:<content id>`` in the bodies becomes ``attachment:ATTnnnnn``, as the real indexer
    stores them (a client turns that into the attachment's download URL)."""
    ids = {info.content_id: info.id for info in attachments if info.content_id}

    def replace(text: str) -> str:
        if not ids or "cid:" not in text:
            return text
        return _CID_LINK.sub(lambda found: f"attachment:{ids[found[1]]}" if found[1] in ids else found[0], text)

    return replace


def meta_data(message: StoredMessage) -> dict[str, Any]:
    """The real ``formatMetaData(meta.custom)``: what an update set, else what the upload
    stored, else ``{}``."""
    if message.meta_data is not None:
        return message.meta_data
    custom = (message.upload or {}).get("custom") or ""
    try:
        value = json.loads(custom) if custom else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def attachment(info: AttachmentInfo) -> dict[str, Any]:
    shown: dict[str, Any] = {"hash": info.encoded_sha256} if info.encoded_sha256 else {}
    shown.update({
        "id": info.id,
        "filename": info.filename,
        "contentType": info.content_type,
        "disposition": info.disposition,
        "transferEncoding": info.transfer_encoding,
        "cid": f"<{info.content_id}>" if info.content_id else None,
        "related": info.related,
        "sizeKb": size_kb(info),
        "size": info.encoded_size or info.size,
    })
    if info.content_sha256:
        shown["fileContentHash"] = info.content_sha256
    return shown


def events(message: StoredMessage) -> dict[str, Any]:
    return {
        "success": True,
        "id": message.id,
        "events": [{"id": f"{message.id}.{n:03d}", **event} for n, event in enumerate(message.events, start=1)],
    }


def _content_type(message: StoredMessage) -> dict[str, Any]:
    value: dict[str, Any] = {"value": message.content_type}
    if message.content_type_params:
        value["params"] = dict(message.content_type_params)
    return value
