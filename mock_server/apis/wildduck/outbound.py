"""The one exit for everything WildDuck sends: submissions, forwards, autoreplies.

A message that leaves goes to the namespace's outbox (``/_mock/outbox``) as the RFC 822
source it is, and is offered to the platform's inbound delivery, which files it for every
recipient who is a local user (running their filters, forwards and autoreply in turn).

A submission with a ``sendTime`` still ahead on the namespace clock waits in the outbound
queue instead (the real server's ZoneMTA queue): ``DELETE /users/{user}/outbound/{queueId}``
takes it out, and :func:`release_due` sends what has come due. That check runs before every
WildDuck mail operation (``mailstore.upkeep``) and costs one comparison when nothing is due,
because the queue is kept ordered by send time.
"""

from __future__ import annotations

import bisect
from datetime import datetime
from typing import Any

from ...world import World
from .context import API_NAME, Context
from .domains.dkim_signing import sign_text
from .submission.records import OutboundQueue, QueuedMessage


def send(world: World, raw: str, recipients: list[str]) -> None:
    """Out now: DKIM-signed for its ``From`` domain when a key applies (as the real server's
    outbound MTA signs), into the outbox, and to the local users among ``recipients``."""
    world.send_raw(API_NAME, sign_text(Context.of(world), raw), recipients)


def send_composed(world: World, *, sender: tuple[str, str], to: list[tuple[str, str]], subject: str, text: str,
                  html: str | None, headers: dict[str, str]) -> None:
    """Mail WildDuck writes itself (a filter's forward, an autoreply), out the same way."""
    raw = world.compose_mail(API_NAME, sender=sender, to=to, subject=subject, text=text, html=html, headers=headers)
    send(world, raw, [address for _name, address in to])


def submit(ctx: Context, world: World, user_id: str, raw: str, envelope_from: str, envelope_to: list[str],
           send_time: datetime) -> str:
    """Queue a user's message and answer its queue id; it leaves now unless ``send_time``
    is still ahead on the namespace clock."""
    queue = ctx.state.outbound
    queued = QueuedMessage(new_queue_id(ctx, queue), user_id, raw, envelope_from, list(envelope_to), send_time)
    if send_time > ctx.now:
        bisect.insort(queue.waiting, queued, key=lambda waiting: waiting.send_time)
    else:
        send(world, raw, queued.envelope_to)
    return queued.id


def release_due(ctx: Context, world: World) -> None:
    """Send every queued message whose send time has come (oldest first)."""
    waiting = ctx.state.outbound.waiting
    while waiting and waiting[0].send_time <= ctx.now:
        due = waiting.pop(0)
        send(world, due.raw, due.envelope_to)


def cancel(ctx: Context, user_id: str, queue_id: str) -> dict[str, Any]:
    """What the real ``removeFromQueue`` answers: 200 either way, ``success: false`` with a
    code when there is nothing of this user's to remove."""
    waiting = ctx.state.outbound.waiting
    found = next((queued for queued in waiting if queued.id == queue_id), None)
    if found is None:
        return {"success": False, "code": "NoSuchQueueEntry"}
    if found.user != user_id:
        return {"success": False, "code": "NotEnoughPrivileges"}
    waiting.remove(found)
    return {"success": True, "queueId": queue_id, "deleted": 1}


def new_queue_id(ctx: Context, queue: OutboundQueue) -> str:
    """ZoneMTA's ``seq-index``: milliseconds * 4096 + a sequence, in hex, then 4 hex characters
    fixed per process. Under a frozen clock the milliseconds move on once 4096 ids are used,
    so ids stay unique."""
    if not queue.id_suffix:
        queue.id_suffix = ctx.random.hex(4)
    millis = max(int(ctx.now.timestamp() * 1000) * 0x1000, queue.id_sequence + 1)
    queue.id_sequence = millis
    return f"{millis:x}{queue.id_suffix}"
