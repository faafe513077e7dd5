"""The only source of time.

Each namespace has its own clock so that a test can move time forward (to expire a token,
say) without touching other namespaces. A clock is either *running* (wall time plus an
offset) or *frozen* (a fixed instant that moves only when told to). ``--clock`` freezes every
new namespace at that instant, which is what makes responses byte-identical between runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone


def wall_time() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Clock:
    frozen_at: datetime | None = None
    offset_seconds: float = 0.0

    def now(self) -> datetime:
        base = self.frozen_at if self.frozen_at is not None else wall_time()
        return base + timedelta(seconds=self.offset_seconds)

    def advance(self, seconds: float) -> None:
        """Move this clock forward (or back, with a negative value)."""
        self.offset_seconds += seconds

    def set(self, instant: datetime) -> None:
        """Freeze this clock at ``instant``."""
        self.frozen_at = instant
        self.offset_seconds = 0.0

    def resume(self) -> None:
        """Let a frozen clock run again from the instant it shows now."""
        if self.frozen_at is not None:
            self.offset_seconds = (self.now() - wall_time()).total_seconds()
            self.frozen_at = None

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


def iso(instant: datetime, *, millis: bool = True) -> str:
    """Format as the APIs do: UTC, ``Z`` suffix, milliseconds."""
    text = instant.astimezone(timezone.utc).isoformat(timespec="milliseconds" if millis else "seconds")
    return text.replace("+00:00", "Z")
