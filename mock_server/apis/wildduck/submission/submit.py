"""Sending as a user: ``POST /users/{user}/submit`` (a new message), ``POST .../messages/{uid}
/submit`` (a stored draft) and ``POST .../messages/{uid}/forward`` (a stored message to
other addresses), with the real server's rules. What leaves goes through ``..outbound``.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from ....world import World
from .. import outbound
from ..addresses import register
from ..context import Context
from ..dates import parse_client_instant
from ..errors import fail
from ..mailstore import archive, journal, mailboxes, messages
from ..mailstore.mime import parse
from ..mailstore.records import Mailbox, StoredMessage
from ..state import User
from . import data_urls, fields, identity, limits, reference
from .fields import flag
from .composer import Draft, compose

_DATE_HEADER = re.compile(r"^date[ \t]*:.*(\r?\n[ \t].*)*(\r?\n)", re.IGNORECASE | re.MULTILINE)
_BCC_HEADER = re.compile(r"^bcc[ \t]*:.*(\r?\n[ \t].*)*\r?\n", re.IGNORECASE | re.MULTILINE)


def submit_new(ctx: Context, world: World, user: User, body: dict[str, Any]) -> dict[str, Any]:
    _check_enabled(user)
    upload_only = flag(body.get("uploadOnly"))
    is_draft = flag(body.get("isDraft"))
    target = _copy_mailbox(ctx, user, body.get("mailbox"), is_draft)
    referenced = reference.find(ctx, user, body.get("reference"))
    reference.mark_answered(ctx, user, body.get("reference"))
    given_envelope = body.get("envelope") or {}
    sender = fields.address(body.get("from")) or fields.address(given_envelope.get("from")) or (user.name or "", user.address)
    envelope_from = (fields.address(given_envelope.get("from")) or sender)[1]
    if not upload_only:
        sender = (sender[0], identity.allowed_from(ctx, user, sender[1]))
        envelope_from = identity.allowed_from(ctx, user, envelope_from)
    send_time = _send_time(ctx, body.get("sendTime"))
    html, images = data_urls.embedded(ctx, body)
    draft = Draft(
        sender=sender, date=send_time, to=fields.addresses(body.get("to")), cc=fields.addresses(body.get("cc")),
        bcc=fields.addresses(body.get("bcc")), reply_to=fields.address(body.get("replyTo")),
        subject=body.get("subject") or (referenced.subject if referenced else ""),
        text=body.get("text") or None, html=html,
        headers=(referenced.headers() if referenced else []) + fields.headers(body.get("headers")),
        attachments=fields.attachments(body.get("attachments")) + images,
    )
    envelope_to = [address for _name, address in fields.addresses(given_envelope.get("to"))] or draft.envelope_to
    if not envelope_to and referenced and referenced.action in reference.REPLIES:
        draft.to, draft.cc = list(referenced.reply_to), list(referenced.reply_cc)
        envelope_to = draft.envelope_to
    raw = compose(ctx, draft)
    queue_id: str | bool = False
    if envelope_to and not upload_only:
        queue_id = _send(ctx, world, user, raw, envelope_from, envelope_to, send_time)
    if (user.quota or ctx.config.max_storage) - user.storage_used <= 0:
        return {"success": True, "message": {"id": False, "mailbox": False, "queueId": queue_id, "overQuota": True}}
    arrival = messages.Arrival(seen=True, draft=is_draft, envelope_from=envelope_from, envelope_to=envelope_to, source="API")
    stored = messages.store(ctx, user, target, raw, parse(raw), arrival)
    if queue_id:
        stored.outbound.append(str(queue_id))
    journal.counters(ctx, user.id, {target.id})
    if body.get("draft"):
        _drop_draft(ctx, user, body["draft"])
    return {"success": True, "message": {"id": stored.uid, "mailbox": target.id, "queueId": queue_id}}


def submit_draft(ctx: Context, world: World, user: User, mailbox_id: str, uid: int, body: dict[str, Any]) -> dict[str, Any]:
    _check_enabled(user)
    mailbox = ctx.state.mail.mailboxes.get(mailbox_id.lower())
    message = messages.mail(ctx).messages_in(mailbox.id).get(uid) if mailbox else None
    if message is None or message.user != user.id:
        fail(404, "This message does not exist", "MessageNotFound")
    if not message.draft:
        fail(400, "This message is not a draft", "MessageNotDraft")
    send_time = _send_time(ctx, body.get("sendTime"))
    _redate(message, send_time)
    envelope_from, envelope_to = _draft_envelope(ctx, user, message)
    if not envelope_to:
        return {"success": True}
    if len(envelope_to) > ctx.config.max_rcpt_to:
        fail(403, "Your email has too many recipients", "TooMany")
    queue_id = _send(ctx, world, user, _BCC_HEADER.sub("", message.raw), envelope_from, envelope_to, send_time)
    sent = mailboxes.by_special_use(ctx, user.id, "\\Sent") or mailboxes.by_special_use(ctx, user.id, None)
    source_mailbox = message.mailbox
    messages.set_flags(ctx, message, {"draft": False, "seen": True})
    messages.move(ctx, user, message, sent)
    message.outbound.append(queue_id)
    journal.counters(ctx, user.id, {source_mailbox, sent.id})
    upload = message.upload or {}
    reference.mark_answered(ctx, user, upload.get("reference"))
    if flag(body.get("deleteFiles")):
        for listed in upload.get("files") or []:
            ctx.state.files.get(user.id, {}).pop(listed["id"], None)
    return {"success": True, "queueId": queue_id, "message": {"id": message.uid, "mailbox": sent.id, "size": message.size}}


def forward_stored(ctx: Context, world: World, user_id: str, mailbox_id: str, uid: int, body: dict[str, Any]) -> dict[str, Any]:
    """Send a stored message, unchanged, to ``addresses`` and/or the targets a filter
    forwarded it to (``target`` picks one of those, counted from 1)."""
    mailbox = ctx.state.mail.mailboxes.get(mailbox_id.lower())
    message = messages.mail(ctx).messages_in(mailbox.id).get(uid) if mailbox else None
    if message is None or message.user != user_id.lower():
        fail(404, "This message does not exist", "MessageNotFound")
    targets = list(body.get("addresses") or [])
    earlier = [to for event in message.events if event.get("action") == "FORWARD" for to in event.get("to", [])]
    if body.get("target"):
        targets += earlier[body["target"] - 1: body["target"]]
    elif not targets:
        targets = earlier
    if not targets:
        return {"success": True, "forwarded": []}
    queue_id = outbound.submit(ctx, world, message.user, message.raw, message.envelope_from, targets, ctx.now)
    message.outbound.append(queue_id)
    return {"success": True, "queueId": queue_id,
            "forwarded": [{"seq": f"{n:03x}", "type": "mail", "value": target} for n, target in enumerate(targets, start=1)]}


def _check_enabled(user: User) -> None:
    if user.disabled or user.suspended:
        fail(403, "User account is disabled", "UserDisabled")


def _copy_mailbox(ctx: Context, user: User, mailbox_id: str | None, is_draft: bool) -> Mailbox:
    """Where the sent copy goes: the named mailbox, else Drafts (``isDraft``) or Sent."""
    if mailbox_id:
        return mailboxes.get(ctx, user.id, mailbox_id)
    found = mailboxes.by_special_use(ctx, user.id, "\\Drafts" if is_draft else "\\Sent")
    return found or mailboxes.by_special_use(ctx, user.id, None) or mailboxes.create(ctx, user, {"path": mailboxes.INBOX})


def _send_time(ctx: Context, given: str | None) -> datetime:
    """``sendTime`` in the past (or none) means now."""
    wanted = parse_client_instant(given) if given else ctx.now
    return max(wanted, ctx.now)


def _send(ctx: Context, world: World, user: User, raw: str, envelope_from: str, envelope_to: list[str],
          send_time: datetime) -> str:
    limits.check(ctx, user, len(envelope_to))
    if send_time > ctx.now and len(ctx.state.outbound.waiting) >= ctx.config.max_outbound_queue:
        fail(403, f"At most {ctx.config.max_outbound_queue} messages may wait for their send time", "TooMany")
    queue_id = outbound.submit(ctx, world, user.id, raw, envelope_from, envelope_to, send_time)
    limits.count(ctx, user, len(envelope_to))
    register.record_recipients(ctx, user.id, envelope_to)  # as the real server does after sending
    return queue_id


def _redate(message: StoredMessage, send_time: datetime) -> None:
    """The draft's Date header becomes the send time (the real server rewrites it before
    moving the draft to Sent, and keeps the size it had)."""
    header = f"Date: {format_datetime(send_time)}"
    raw, replaced = _DATE_HEADER.subn(lambda m: header + m.group(2), message.raw, count=1)
    if not replaced:
        head, separator, rest = raw.partition("\r\n\r\n") if "\r\n\r\n" in raw else raw.partition("\n\n")
        raw = f"{head}\r\n{header}{separator}{rest}"
    message.raw, message.hdate = raw, send_time


def _draft_envelope(ctx: Context, user: User, message: StoredMessage) -> tuple[str, list[str]]:
    """The envelope kept at upload, or (a draft stored some other way) its headers'."""
    if message.upload:
        return message.upload["envelope"]["from"], list(message.upload["envelope"]["to"])
    parsed = parse(message.raw)
    sender = identity.allowed_from(ctx, user, parsed.sender.address if parsed.sender else "")
    return sender, list(dict.fromkeys(a.address for a in [*parsed.to, *parsed.cc, *parsed.bcc]))


def _drop_draft(ctx: Context, user: User, given: dict[str, Any]) -> None:
    """``draft: {mailbox, id}``: the draft this message replaces goes (archived unless it has
    the Draft flag)."""
    mailbox = ctx.state.mail.mailboxes.get(str(given["mailbox"]).lower())
    found = messages.mail(ctx).messages_in(mailbox.id).get(int(given["id"])) if mailbox else None
    if found is not None and found.user == user.id:
        archive.delete_message(ctx, user, found)
