"""The only source of time.

Each namespace has its own clock so that a test can move time forward (to expire a token,
say) without touching other namespaces. A clock is either *running* (wall time plus an
offset) or *frozen* (a fixed instant that moves only when told to). ``--clock`` freezes every
new namespace at that instant, which is what makes responses byte-identical between runs.

A clock only ever shows instants between :data:`EARLIEST` and :data:`LATEST`: a setting or a
move outside them is refused (:class:`ClockError`), because the APIs add lifetimes and
retentions to "now" and Python's dates end at year 9999; one clock call must never leave a
namespace unable to answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9000, 1, 1, tzinfo=timezone.utc)


class ClockError(ValueError):
    """An instant or move the clock cannot show; the message says why, in words."""


def wall_time() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Clock:
    frozen_at: datetime | None = None
    offset_seconds: float = 0.0

    def now(self) -> datetime:
        base = self.frozen_at if self.frozen_at is not None else wall_time()
        if not self.offset_seconds:  # the usual clock; adding a zero timedelta would give an equal instant
            return base
        return base + timedelta(seconds=self.offset_seconds)

    def advance(self, seconds: float) -> None:
        """Move this clock forward (or back, with a negative value)."""
        moved = Clock(self.frozen_at, self.offset_seconds + seconds)
        moved.check()
        self.offset_seconds = moved.offset_seconds

    def set(self, instant: datetime) -> None:
        """Freeze this clock at ``instant``."""
        Clock(instant).check()
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

    def check(self) -> None:
        """Refuse a clock that shows (or would show) an instant outside EARLIEST..LATEST."""
        if self.frozen_at is not None and self.frozen_at.tzinfo is None:
            raise ClockError("the clock's instant needs a UTC offset")
        if abs(self.offset_seconds) > (LATEST - EARLIEST).total_seconds():
            raise ClockError(f"a move of {self.offset_seconds:g} seconds takes the clock past the years "
                             f"{EARLIEST.year}-{LATEST.year - 1} it can show")
        shown = self.now()
        if not EARLIEST <= shown < LATEST:
            raise ClockError(f"the clock would show {shown.isoformat()}, outside the years "
                             f"{EARLIEST.year}-{LATEST.year - 1} it can show")


def iso(instant: datetime, *, millis: bool = True) -> str:
    """Format as the APIs do: UTC, ``Z`` suffix, milliseconds."""
    if instant.tzinfo is timezone.utc:  # every clock's usual instant; the journal formats one per request
        text = instant.isoformat()  # YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00, without timespec's slower call
        if not millis:
            return text[:19] + "Z"
        return text[:23] + "Z" if instant.microsecond else text[:19] + ".000Z"
    text = instant.astimezone(timezone.utc).isoformat(timespec="milliseconds" if millis else "seconds")
    return text.replace("+00:00", "Z")
