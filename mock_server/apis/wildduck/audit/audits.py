"""Create an audit (copy what it covers) and find one until it expires.

The real server queues a task that copies the user's messages and archived messages whose
arrival time (``idate``) lies within ``start``..``end`` (either may be left open); here the
copy is made before the answer, so the audit is ``imported`` as soon as a client can ask.
The copies keep the source as it was: later changes and deletions do not reach them.
Sources are shared, not duplicated (Python strings are immutable), so an audit costs a
reference per message. An audit past ``expires`` is gone, as the real garbage collector
removes it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from ..context import Context
from ..errors import fail, user_not_found
from ..mailstore.records import StoredMessage
from .records import Audit, AuditedMessage


def create(ctx: Context, user_id: str, start: datetime | None, end: datetime | None, expires: datetime) -> Audit:
    user_id = user_id.lower()
    if user_id not in ctx.state.users:
        user_not_found()
    audit = Audit(ctx.object_id(), user_id, start, end, expires)
    mailboxes = {m.id: m.path for m in ctx.state.mail.mailboxes_of(user_id)}
    stored = (message for mailbox_id in mailboxes for message in ctx.state.mail.messages_in(mailbox_id).values())
    archived = (a.message for a in ctx.state.mail.archived.values() if a.message.user == user_id)
    for message, path in [*((m, mailboxes.get(m.mailbox)) for m in stored), *((m, None) for m in archived)]:
        if _within(message.idate, start, end):
            audit.messages.append(_copy(message, path))
    audit.copied, audit.status = len(audit.messages), "imported"
    audit.messages.sort(key=lambda m: m.date)
    ctx.state.audits[audit.id] = audit
    return audit


def get(ctx: Context, audit_id: str) -> Audit:
    _purge_expired(ctx, ctx.state.audits.values())
    audit = ctx.state.audits.get(audit_id.lower())
    if audit is None:
        fail(404, "Audit not found", "AuditNotFoundError")
    return audit


def _within(instant: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or instant >= start) and (end is None or instant <= end)


def _copy(message: StoredMessage, mailbox_path: str | None) -> AuditedMessage:
    return AuditedMessage(message.raw, message.idate, message.envelope_from, message.draft, mailbox_path)


def _purge_expired(ctx: Context, audits: Iterable[Audit]) -> None:
    for expired in [a.id for a in audits if a.expires <= ctx.now]:
        del ctx.state.audits[expired]
