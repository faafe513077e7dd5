"""``MailIndex.due`` answers "nothing due" from the earliest entries alone; what it answers
must be what the range walk over both sorted lists gave, whatever they hold."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from mock_server.apis.wildduck.mailstore.index import MailIndex, micros


def walked(index: MailIndex, now: datetime) -> tuple[list[tuple[str, int]], list[str]]:
    limit = micros(now)
    return ([(mailbox, uid) for _at, mailbox, uid in index.expiring.irange(maximum=(limit, "\uffff", 1 << 62))],
            [archived for _at, archived in index.purging.irange(maximum=(limit, "\uffff"))])


def test_due_is_the_range_walk() -> None:
    draw = random.Random(15)
    start = datetime(2026, 12, 1, tzinfo=timezone.utc)
    for _ in range(300):
        index = MailIndex()
        for _entry in range(draw.randrange(4)):
            index.expiring.add((micros(start + timedelta(seconds=draw.randrange(-5, 5))), f"box{draw.randrange(3)}",
                                draw.randrange(1, 9)))
        for _entry in range(draw.randrange(4)):
            index.purging.add((micros(start + timedelta(seconds=draw.randrange(-5, 5))), f"a{draw.randrange(9)}"))
        for offset in range(-6, 7):
            now = start + timedelta(seconds=offset)
            assert index.due(now) == walked(index, now)
