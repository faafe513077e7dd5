"""Request times per key within a window of the namespace clock: the one rate-limit record.

Used by an API's own limits (Overkiz logins and user lookups) and by scenario rules, so both
count, prune and compute ``Retry-After`` the same way. Plain data, so it exports with a World.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass
class SlidingWindow:
    """Event times per key (a userId, a client address, a rule), pruned as they age out."""

    events: dict[str, list[datetime]] = field(default_factory=dict)

    def recent(self, key: str, now: datetime, window: float) -> list[datetime]:
        since = now - timedelta(seconds=window)
        kept = [instant for instant in self.events.get(key, []) if instant > since]
        if kept:
            self.events[key] = kept
        else:
            self.events.pop(key, None)
        return kept

    def add(self, key: str, now: datetime, window: float, max_keys: int) -> None:
        self.events[key] = [*self.recent(key, now, window), now]
        while len(self.events) > max_keys:
            stalest = min(self.events, key=lambda name: self.events[name][-1])
            del self.events[stalest]

    def retry_after(self, key: str, now: datetime, window: float, limit: int) -> int | None:
        """Seconds until the key is under ``limit`` again, or None when it already is."""
        recent = self.recent(key, now, window)
        if len(recent) < limit:
            return None
        frees_at = recent[len(recent) - limit] + timedelta(seconds=window)
        return max(1, int((frees_at - now).total_seconds() + 0.999))

    def clear(self, key: str) -> None:
        self.events.pop(key, None)

    def clear_all(self) -> None:
        self.events.clear()
