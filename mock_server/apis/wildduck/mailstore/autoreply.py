"""Autoreply ("out of office"): settings, and whether an incoming message gets one.

A reply goes out when the status is on, now is inside the start/end window, and this
sender has not had one from this user in the last day. Never to automatic mail
(``Auto-Submitted``, ``Precedence: bulk/list/junk``, mailing lists), to the user's own
addresses, or to a message filed as spam: that is how autoreplies avoid loops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ....settings import parse_instant
from ..addresses.addressing import addrview
from ..context import Context
from ..webhooks import events
from ..dates import iso_ms
from ..state import User
from .mime import ParsedMessage
from .records import Autoreply

ONCE_PER = timedelta(days=1)
FIELDS = ("status", "name", "subject", "text", "html")


@dataclass
class Reply:
    sender: tuple[str, str]
    to: tuple[str, str]
    subject: str
    text: str
    html: str | None
    headers: dict[str, str]


def get(ctx: Context, user_id: str) -> Autoreply:
    return ctx.state.mail.autoreplies.get(user_id) or Autoreply(user=user_id)


def update(ctx: Context, user_id: str, body: dict[str, Any]) -> Autoreply:
    """Partial: only what the body names changes; ``start``/``end`` false or "" clear."""
    record = ctx.state.mail.autoreplies.setdefault(user_id, Autoreply(user=user_id))
    record.id = record.id or ctx.object_id()
    record.created = ctx.now.replace(microsecond=0)
    was_on = record.status
    for name in FIELDS:
        if name in body:
            setattr(record, name, body[name] if body[name] is not None else getattr(Autoreply(user=user_id), name))
    if "message" in body and "text" not in body:
        record.text = body["message"]
    for name in ("start", "end"):
        if name in body:
            setattr(record, name, parse_instant(body[name]) if body[name] else None)
    if record.status != was_on:
        events.publish(ctx, events.AUTOREPLY_USER_ENABLED if record.status else events.AUTOREPLY_USER_DISABLED,
                       user=user_id)
    return record


def delete(ctx: Context, user_id: str) -> None:
    record = ctx.state.mail.autoreplies.pop(user_id, None)
    if record is not None and record.status:
        events.publish(ctx, events.AUTOREPLY_USER_DISABLED, user=user_id)


def view(record: Autoreply) -> dict[str, Any]:
    """The real server's fields plus the seed's ``message`` (the text body)."""
    shown: dict[str, Any] = {
        "success": True,
        "status": record.status,
        "name": record.name,
        "subject": record.subject,
        "text": record.text,
        "message": record.text,
        "html": record.html,
        "start": iso_ms(record.start) if record.start else False,
        "end": iso_ms(record.end) if record.end else False,
    }
    if record.created:
        shown["created"] = iso_ms(record.created)
    return shown


def active(record: Autoreply, now: datetime) -> bool:
    return record.status and (record.start is None or record.start <= now) and (record.end is None or now <= record.end)


def reply_for(ctx: Context, user: User, parsed: ParsedMessage, own_addresses: set[str]) -> Reply | None:
    record = ctx.state.mail.autoreplies.get(user.id)
    if record is None or not active(record, ctx.now) or parsed.sender is None or _automatic(parsed):
        return None
    sender = parsed.sender.address
    if not sender or "@" not in sender or addrview(sender) in own_addresses:
        return None
    log = ctx.state.mail.autoreplied
    key = f"{user.id} {addrview(sender)}"
    if key in log and ctx.now - log[key] < ONCE_PER:
        return None
    log[key] = ctx.now
    for stale in [k for k, at in log.items() if ctx.now - at >= ONCE_PER]:
        del log[stale]
    headers = {"Auto-Submitted": "auto-replied", "X-WildDuck-Autoreply": user.id}
    if parsed.msgid:
        headers["In-Reply-To"] = parsed.msgid
        headers["References"] = " ".join([*parsed.references, parsed.msgid])
    return Reply(
        sender=(record.name or user.name or "", user.address),
        to=(parsed.sender.name, sender),
        subject=record.subject or f"Auto: {parsed.subject}".strip(),
        text=record.text,
        html=record.html or None,
        headers=headers,
    )


def _automatic(parsed: ParsedMessage) -> bool:
    headers = parsed.headers
    return (
        headers.get("auto-submitted", "no").strip().lower() != "no"
        or headers.get("precedence", "").strip().lower() in ("bulk", "list", "junk")
        or "list-id" in headers
        or "x-wildduck-autoreply" in headers
    )
