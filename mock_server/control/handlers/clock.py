"""The namespace's clock: read it, freeze it, move it, let it run."""

from __future__ import annotations

from typing import Any

from ...clock import Clock, ClockError, iso
from ...errors import ApiError
from ...settings import parse_instant
from ...world import current_world


def get_clock() -> dict[str, Any]:
    clock = current_world().clock
    return {"now": iso(clock.now()), "frozen": clock.is_frozen}


def set_clock(body: dict[str, Any]) -> dict[str, Any]:
    """All of the body's changes or none: they are tried on a copy first."""
    world = current_world()
    clock = Clock(world.clock.frozen_at, world.clock.offset_seconds)
    try:
        if "now" in body:
            clock.set(_instant(body["now"]))
        if "advanceSeconds" in body:
            clock.advance(float(body["advanceSeconds"]))
        if body.get("frozen") is False:
            clock.resume()
        elif body.get("frozen") is True and not clock.is_frozen:
            clock.set(clock.now())
    except ClockError as exc:
        raise ApiError(400, f"Clock not changed: {exc}") from exc
    world.clock = clock
    return get_clock()


def _instant(text: str) -> Any:
    try:
        return parse_instant(text)
    except (ValueError, OverflowError) as exc:
        raise ClockError(f"'now' is not an ISO-8601 instant ({text[:40]!r})") from exc
