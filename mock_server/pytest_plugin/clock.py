"""The clock of one namespace as a test moves it: freeze, advance, release (``/_mock/clock``).
Token lifetimes, expiries and rate-limit windows all follow it, so a test expires a token
without sleeping."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx


class NamespaceClock:
    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def now(self) -> datetime:
        return self._read(self._client.get("/_mock/clock"))

    def freeze(self, at: datetime | str | None = None) -> datetime:
        """Stop the clock at ``at`` (an aware datetime or ISO-8601 text), or where it is now."""
        instant = self.now() if at is None else at
        text = instant.isoformat() if isinstance(instant, datetime) else instant
        return self._read(self._client.put("/_mock/clock", json={"now": text}))

    def advance(self, delta: timedelta | float | None = None, **units: float) -> datetime:
        """Move the clock forward (frozen or not): ``advance(timedelta(hours=49))``,
        ``advance(90)`` (seconds) or ``advance(days=2)``."""
        step = delta if isinstance(delta, timedelta) else timedelta(seconds=delta or 0, **units)
        return self._read(self._client.put("/_mock/clock", json={"advanceSeconds": step.total_seconds()}))

    def release(self) -> datetime:
        """Let a frozen clock run on with wall time from where it stands."""
        return self._read(self._client.put("/_mock/clock", json={"frozen": False}))

    @staticmethod
    def _read(answer: httpx.Response) -> datetime:
        answer.raise_for_status()
        return datetime.fromisoformat(answer.json()["now"].replace("Z", "+00:00"))
