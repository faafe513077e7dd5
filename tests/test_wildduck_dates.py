"""``iso_ms`` writes dates as JavaScript's ``toISOString()`` does; formatting it field by field
must give what the ``strftime`` form gave, for every instant Python can hold, also when it
gives it from what it remembered."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from mock_server.apis.wildduck.dates import iso_ms


def strftime_form(instant: datetime) -> str:
    instant = instant.astimezone(timezone.utc)
    return f"{instant.year:04d}-" + instant.strftime("%m-%dT%H:%M:%S.") + f"{instant.microsecond // 1000:03d}Z"


def test_iso_ms_is_the_strftime_form() -> None:
    draw = random.Random(15)
    edges = [datetime(1, 1, 1, tzinfo=timezone.utc), datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc),
             datetime(999, 2, 3, 4, 5, 6, 7000, tzinfo=timezone.utc), datetime(2026, 12, 1, tzinfo=timezone.utc)]
    others = [datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=draw.randrange(-10**16, 10**17))
              for _ in range(5000)]
    offsets = [timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
    shifted = [datetime(2026, 3, 1, 2, 3, 4, 5678, tzinfo=offset) for offset in offsets]
    same_instants = [instant.astimezone(offsets[0]) for instant in others[:100]]
    for _ in range(2):  # the second time from what iso_ms remembered
        for instant in [*edges, *others, *shifted, *same_instants]:
            assert iso_ms(instant) == strftime_form(instant)
