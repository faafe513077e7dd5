"""The front door's per-request shortcuts (issue 15) give exactly what the long way gave."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from mock_server.asgi.headers import http_date, last_scope_header
from mock_server.clock import Clock, iso

UTC = timezone.utc
INSTANTS = [
    datetime(2026, 12, 1, 10, 0, 0, 0, tzinfo=UTC),
    datetime(2026, 12, 1, 10, 0, 0, 999_999, tzinfo=UTC),
    datetime(2026, 12, 1, 10, 0, 1, 1, tzinfo=UTC),
    datetime(2026, 12, 1, 12, 0, 1, 1, tzinfo=timezone(timedelta(hours=2))),  # the same fields, another zone
    datetime(2026, 12, 1, 10, 0, 1, 1, tzinfo=timezone(timedelta(hours=-5))),
    datetime(8999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
    datetime(1970, 1, 1, tzinfo=UTC),
]


def _long_iso(instant: datetime, millis: bool = True) -> str:
    text = instant.astimezone(UTC).isoformat(timespec="milliseconds" if millis else "seconds")
    return text.replace("+00:00", "Z")


def test_http_date_is_strftime_of_the_instant_each_time() -> None:
    for instant in [*INSTANTS, *reversed(INSTANTS), INSTANTS[0], INSTANTS[0]]:
        assert http_date(instant) == instant.strftime("%a, %d %b %Y %H:%M:%S GMT").encode()


def test_iso_is_the_long_way_for_every_zone() -> None:
    for instant in INSTANTS:
        assert iso(instant) == _long_iso(instant)
        assert iso(instant, millis=False) == _long_iso(instant, millis=False)


def test_a_clock_without_offset_shows_its_base() -> None:
    frozen = Clock(frozen_at=INSTANTS[1])
    assert frozen.now() == INSTANTS[1] and frozen.now().tzinfo is UTC
    frozen.advance(1.5)
    assert frozen.now() == INSTANTS[1] + timedelta(seconds=1.5)
    frozen.advance(-1.5)
    assert frozen.now() == INSTANTS[1]


def test_last_scope_header_is_what_a_dict_of_the_headers_holds() -> None:
    headers = [(b"prefer", b"code=404"), (b"Accept", b"*/*"), (b"PREFER", b"code=500"), (b"x", b"\xe9")]
    scope = {"headers": headers}
    as_dict = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}
    for name in ("prefer", "accept", "x", "missing"):
        assert last_scope_header(scope, name.encode()) == as_dict.get(name)
    assert last_scope_header({}, b"prefer") is None
