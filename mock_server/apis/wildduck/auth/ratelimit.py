"""Failure counters per user, as the real server keeps them: after ``failures`` failures
within ``window`` (counted from the first), the operation is refused until the window ends."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from ..context import Context
from ..errors import fail
from ..state import RateCounter


@dataclass(frozen=True)
class RateLimit:
    failures: int
    window: timedelta


def check_rate_limit(ctx: Context, counter: RateCounter, limit: RateLimit, **fields: str) -> None:
    _roll(ctx, counter, limit)
    if counter.window_start is not None and counter.count >= limit.failures:
        wait = math.ceil((counter.window_start + limit.window - ctx.now).total_seconds())
        fail(403, f"Authentication was rate limited. Check again in {wait} seconds", "RateLimitedError", **fields)


def count_failure(ctx: Context, counter: RateCounter, limit: RateLimit) -> None:
    _roll(ctx, counter, limit)
    if counter.window_start is None:
        counter.window_start = ctx.now
    counter.count += 1


def release(counter: RateCounter) -> None:
    counter.count = 0
    counter.window_start = None


def _roll(ctx: Context, counter: RateCounter, limit: RateLimit) -> None:
    if counter.window_start is not None and counter.window_start + limit.window <= ctx.now:
        release(counter)
