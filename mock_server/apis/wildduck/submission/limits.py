"""The daily sending limit: recipients per user per 24 hours (the real ``wdr:<user>``
counter in Redis), ``recipients`` on the user or ``max_recipients`` by default."""

from __future__ import annotations

from datetime import timedelta

from ..context import Context
from ..errors import fail
from ..state import RateCounter, User

WINDOW = timedelta(hours=24)


def check(ctx: Context, user: User, recipients: int) -> None:
    """403 ``RateLimitedError`` when sending to ``recipients`` more would pass the limit."""
    counter = _counter(ctx, user)
    allowed = user.recipients or ctx.config.max_recipients
    if counter.count >= allowed or counter.count + recipients > allowed:
        fail(403, "You reached a daily sending limit for your account" + _expires_in(ctx, counter), "RateLimitedError")


def count(ctx: Context, user: User, recipients: int) -> None:
    counter = _counter(ctx, user)
    if counter.window_start is None:
        counter.window_start = ctx.now
    counter.count += recipients


def _counter(ctx: Context, user: User) -> RateCounter:
    counter = ctx.state.sent_recipients.setdefault(user.id, RateCounter())
    if counter.window_start is not None and ctx.now >= counter.window_start + WINDOW:
        counter.count, counter.window_start = 0, None
    return counter


def _expires_in(ctx: Context, counter: RateCounter) -> str:
    if counter.window_start is None:
        return ""
    ttl = int((counter.window_start + WINDOW - ctx.now).total_seconds())
    if ttl < 60:
        return f". Limit expires in {ttl} seconds"
    if ttl < 3600:
        return f". Limit expires in {round(ttl / 60)} minutes"
    return f". Limit expires in {round(ttl / 3600)} hours"
