"""``/users/{user}/updates``: the user's changes as a server-sent event stream."""

from __future__ import annotations

from connexion import request
from starlette.responses import StreamingResponse

from ...access.rights import endpoint
from ...accounts.users import get_user
from ...errors import fail
from .. import journal, stream, upkeep
from ..feed import StreamLimitReached


@endpoint
def stream_updates(user_id: str, last_event_id: str | None = None, idle_timeout: float | None = None,
                   sess: str | None = None, ip: str | None = None) -> StreamingResponse:
    ctx = upkeep.current()
    user = get_user(ctx, user_id)
    feed = ctx.state.mail.feed
    try:
        subscription = feed.subscribe(user.id, max_open=ctx.config.max_update_streams, capacity=ctx.config.update_queue_size)
    except StreamLimitReached:
        fail(429, f"At most {ctx.config.max_update_streams} update streams may be open at once", "TooManyStreams")
    resume_after = last_event_id or request.headers.get("last-event-id")  # EventSource sends the header
    replay = journal.since(ctx, user.id, (resume_after or "").lower() or None)
    return stream.response(feed, subscription, replay, heartbeat=ctx.config.update_heartbeat_seconds,
                           idle_timeout=idle_timeout or ctx.config.update_idle_timeout_seconds)
