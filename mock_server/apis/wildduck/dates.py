"""Dates as the real server writes them: JavaScript's ``Date.toISOString()``."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache


def iso_ms(instant: datetime) -> str:
    """``2026-12-01T10:00:00.123Z``: the instant in UTC, then :func:`_utc_text`."""
    return _utc_text(instant.astimezone(timezone.utc))


@lru_cache(maxsize=4096)
def _utc_text(instant: datetime) -> str:
    """Remembered, and each field formatted directly (``strftime`` costs several times as
    much): a page of messages writes two dates per message, the same ones on every read. Keyed
    by the UTC datetime, where equal means the same instant and the same fields."""
    return (f"{instant.year:04d}-{instant.month:02d}-{instant.day:02d}T{instant.hour:02d}:{instant.minute:02d}:"
            f"{instant.second:02d}.{instant.microsecond // 1000:03d}Z")


def parse_client_instant(text: str) -> datetime:
    """An RFC 3339 instant from a request, in UTC; one that lands outside Python's years
    1-9999 once moved to UTC is clamped to the nearest end (JavaScript dates go further)."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:
        edge = datetime.max if value.year > 1 else datetime.min
        return edge.replace(tzinfo=timezone.utc)
