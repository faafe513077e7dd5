"""Routes for writing and sending mail as a user: upload to a mailbox, submit a new message
or a stored draft, forward a stored message, cancel a scheduled one. Thin: read the request,
run the operation, answer. Due scheduled messages leave first (``upkeep.current``)."""

from __future__ import annotations

from typing import Any

from ....world import current_world
from .. import outbound
from ..access.rights import endpoint
from ..accounts.users import get_user
from ..mailstore import upkeep
from . import submit, upload


@endpoint
def upload_message(user_id: str, mailbox_id: str, body: Any = None) -> dict[str, Any]:
    """JSON (``raw`` inside or the message's fields) or the RFC 822 source itself as a
    ``message/rfc822`` body."""
    ctx = upkeep.current()
    if isinstance(body, (bytes, str)):
        raw = body.encode("utf-8", "surrogateescape") if isinstance(body, str) else body
        return upload.upload(ctx, user_id, mailbox_id, {}, raw)
    fields = dict(body or {})
    raw = fields.get("raw")
    return upload.upload(ctx, user_id, mailbox_id, fields, raw.encode("utf-8") if raw else None)


@endpoint
def submit_message(user_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    return submit.submit_new(ctx, current_world(), get_user(ctx, user_id), dict(body or {}))


@endpoint
def submit_stored_message(user_id: str, mailbox_id: str, message_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    return submit.submit_draft(ctx, current_world(), get_user(ctx, user_id), mailbox_id, int(message_id), dict(body or {}))


@endpoint
def forward_stored_message(user_id: str, mailbox_id: str, message_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    return submit.forward_stored(ctx, current_world(), user_id, mailbox_id, int(message_id), dict(body or {}))


@endpoint
def delete_outbound_message(user_id: str, queue_id: str, sess: str | None = None, ip: str | None = None) -> dict[str, Any]:
    ctx = upkeep.current()
    return outbound.cancel(ctx, user_id.lower(), queue_id.lower())
