"""The daily forwarding limit of a forwarded address (the real server's ``wdf:<id>``
counter): forwards are counted per target in a 24-hour window that starts with the first;
a message that would pass the limit is not forwarded at all."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..context import Context
from ..state import ForwardedAddress

FORWARD_WINDOW = timedelta(hours=24)
DEFAULT_MAX_FORWARDS = 2000  # the real server's MAX_FORWARDS


def allowed_forwards(record: ForwardedAddress) -> int:
    return record.forwards or DEFAULT_MAX_FORWARDS


def limit_view(ctx: Context, record: ForwardedAddress) -> dict[str, Any]:
    counter = record.forwarded
    if counter.window_start is None or counter.window_start + FORWARD_WINDOW <= ctx.now:
        return {"allowed": allowed_forwards(record), "used": 0, "ttl": False}
    ttl = int((counter.window_start + FORWARD_WINDOW - ctx.now).total_seconds())
    return {"allowed": allowed_forwards(record), "used": counter.count, "ttl": ttl}


def take_forwards(ctx: Context, record: ForwardedAddress, count: int) -> bool:
    """Count ``count`` forwards against the daily limit; False (and nothing counted) when
    they would pass it, as the real server's ``ttlcounter`` does."""
    counter = record.forwarded
    if counter.window_start is None or counter.window_start + FORWARD_WINDOW <= ctx.now:
        counter.count, counter.window_start = 0, ctx.now
    if counter.count + count > allowed_forwards(record):
        return False
    counter.count += count
    return True
