"""The ``/users/{user}/updates`` event stream: a subscription to the user's changes, written
as server-sent events.

The stream starts with a comment line (as the real server's does), replays what came after
``Last-Event-ID``, then sends each change as it is recorded, with a comment as heartbeat
when nothing happens. It ends when the client goes, when the reader fell too far behind,
when the user is deleted, or after ``idle_timeout`` seconds without an event (an EventSource
reconnects by itself and resumes from ``Last-Event-ID``, so nothing is missed). However it
ends, the subscription is closed and forgotten.
"""

from __future__ import annotations

import asyncio
import time
from typing import AsyncIterator

from starlette.responses import StreamingResponse

from ..errors import SERVER_HEADER
from .feed import ChangeFeed, Subscription
from .journal import event_text
from .records import JournalEntry

HEADERS = {"X-Accel-Buffering": "no", "Cache-Control": "no-cache", **SERVER_HEADER}


def response(feed: ChangeFeed, subscription: Subscription, replay: list[JournalEntry], *,
             heartbeat: float, idle_timeout: float) -> StreamingResponse:
    events = _events(feed, subscription, replay, heartbeat=heartbeat, idle_timeout=idle_timeout)
    return StreamingResponse(events, media_type="text/event-stream", headers=HEADERS)


async def _events(feed: ChangeFeed, subscription: Subscription, replay: list[JournalEntry], *,
                  heartbeat: float, idle_timeout: float) -> AsyncIterator[str]:
    woken = asyncio.Event()
    subscription.wake = woken.set
    try:
        yield f": wildduck [{subscription.user}]\n\n"
        for entry in replay:
            yield event_text(entry)
        last_event = time.monotonic()
        while not subscription.closed:
            woken.clear()
            entries = subscription.take()
            if entries:
                for entry in entries:
                    yield event_text(entry)
                last_event = time.monotonic()
                continue
            quiet_for = time.monotonic() - last_event
            if quiet_for >= idle_timeout:
                return
            try:
                await asyncio.wait_for(woken.wait(), timeout=min(heartbeat, idle_timeout - quiet_for))
            except asyncio.TimeoutError:
                if time.monotonic() - last_event < idle_timeout:
                    yield ": still here\n\n"
    finally:
        feed.close(subscription)
