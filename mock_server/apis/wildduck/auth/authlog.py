"""The security log: every authentication, password and app-password event of a user.

Like the real server, similar events (same protocol, IP, action, result and target) within a
6-hour bucket are merged into one entry whose ``events`` counts them, and entries expire after
the configured number of days (30), by the namespace clock. An entry shows its merge ``key``
(the base64 MD5 the real server keeps) and ``ip``/``sess`` as ``null`` when not given, as the
real entries do.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta
from typing import Any

from ..context import Context
from ..dates import iso_ms
from ..state import AuthEvent
from .authlog_index import AuthLogIndex

BUCKET = timedelta(hours=6)


def log_event(ctx: Context, user_id: str, action: str, **fields: Any) -> str:
    """Record an event; returns the id of the entry it landed in."""
    fields = {name: value for name, value in fields.items() if value is not None}
    parts = (fields.get("protocol"), fields.get("ip"), action, fields.get("result"), fields.get("target"))
    key = base64.b64encode(hashlib.md5("^".join(str(part or "") for part in parts).encode()).digest()).decode()
    _expire(ctx)
    for event in _events_of_user(ctx, user_id):
        if event.key == key and event.created >= ctx.now - BUCKET:
            event.events += 1
            event.last = ctx.now
            return event.id
    event = AuthEvent(
        id=ctx.object_id(),
        user=user_id,
        action=action,
        key=key,
        created=ctx.now,
        last=ctx.now,
        expires=ctx.now + timedelta(days=ctx.config.authlog_expire_days),
        fields=fields,
    )
    index = _indexed(ctx)
    ctx.state.authlog[event.id] = event
    index.add(event)
    _trim(ctx, user_id)
    return event.id


def events_of(ctx: Context, user_id: str, *, action: str | None, ip: str | None, sess: str | None) -> list[AuthEvent]:
    _expire(ctx)
    return [
        event
        for event in _events_of_user(ctx, user_id)
        if (action is None or event.action == action.lower())
        and (ip is None or event.fields.get("ip") == ip)
        and (sess is None or event.fields.get("sess") == sess)
    ]


def event_view(event: AuthEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "key": event.key,
        "action": event.action,
        "ip": None,
        "sess": None,
        **event.fields,
        "created": iso_ms(event.created),
        "last": iso_ms(event.last),
        "events": event.events,
        "expires": iso_ms(event.expires),
    }


def _expire(ctx: Context) -> None:
    log = ctx.state.authlog
    due = _indexed(ctx).expired(ctx.now)
    if any(event_id not in log or log[event_id].expires != expires for expires, event_id in due):
        ctx.state.authlog_index.count = -1  # changed behind the index's back: rebuild it
        due = _indexed(ctx).expired(ctx.now)
    index = _indexed(ctx)
    for _expires, event_id in due:
        index.remove(log.pop(event_id))


def _trim(ctx: Context, user_id: str) -> None:
    log, index = ctx.state.authlog, _indexed(ctx)
    mine = sorted(_events_of_user(ctx, user_id), key=lambda e: e.id)
    for event in mine[: max(0, len(mine) - ctx.config.max_authlog_per_user)]:
        index.remove(log.pop(event.id))


def _events_of_user(ctx: Context, user_id: str) -> list[AuthEvent]:
    """The user's events in the order they were logged."""
    return ctx.state.authlog_index.records_of(ctx.state.authlog, user_id)


def _indexed(ctx: Context) -> AuthLogIndex:
    return ctx.state.authlog_index.current(ctx.state.authlog)
