"""The namespace's clock: read it, freeze it, move it, let it run."""

from __future__ import annotations

from typing import Any

from ...clock import iso
from ...errors import ApiError
from ...settings import parse_instant
from ...world import current_world


def get_clock() -> dict[str, Any]:
    clock = current_world().clock
    return {"now": iso(clock.now()), "frozen": clock.is_frozen}


def set_clock(body: dict[str, Any]) -> dict[str, Any]:
    clock = current_world().clock
    if "now" in body:
        try:
            clock.set(parse_instant(body["now"]))
        except ValueError as exc:
            raise ApiError(400, f"'now' is not an ISO-8601 instant: {exc}") from exc
    if "advanceSeconds" in body:
        clock.advance(float(body["advanceSeconds"]))
    if body.get("frozen") is False:
        clock.resume()
    elif body.get("frozen") is True and not clock.is_frozen:
        clock.set(clock.now())
    return get_clock()
