"""Seeded mail: each seeded user gets Faker-written messages in INBOX (some read, some
flagged, some with a PNG or PDF attached) and one in Sent Mail, stored through the same path
as delivered mail, so sizes, intros, counters and the quota all add up."""

from __future__ import annotations

from datetime import timedelta

from ..context import Context
from ..state import User
from . import mailboxes, messages
from .fakemail import fake_message
from .mime import parse

ATTACHMENT_CHOICES = (None, None, "png", "pdf")
ALWAYS = ("png", "pdf")
"""The two oldest messages always carry one of each, so every seeded INBOX shows both."""


def seed_mail(ctx: Context, user: User, count: int) -> None:
    fake = ctx.random.fake
    inbox = mailboxes.by_special_use(ctx, user.id, None)
    sent = mailboxes.by_special_use(ctx, user.id, "\\Sent")
    me = (user.name or "", user.address)
    if inbox is None or not user.address:
        return
    hours_ago = [fake.random_int(1, 24 * 14) for _ in range(count)]
    for position, age in enumerate(sorted(hours_ago, reverse=True)):
        when = ctx.now - timedelta(hours=age, minutes=fake.random_int(0, 59))
        outgoing = sent is not None and position == count - 1
        other = (fake.name(), fake.safe_email())
        raw = fake_message(ctx.random, sender=me if outgoing else other, to=other if outgoing else me, date=when,
                           attachment=_attachment_for(position, fake.random_element(ATTACHMENT_CHOICES)))
        arrival = messages.Arrival(
            seen=outgoing or fake.boolean(chance_of_getting_true=60),
            flagged=not outgoing and fake.boolean(chance_of_getting_true=20),
            envelope_from=(me if outgoing else other)[1],
            envelope_to=[(other if outgoing else me)[1]],
            source="API" if outgoing else "MX",
            idate=when,
        )
        messages.store(ctx, user, sent if outgoing else inbox, raw, parse(raw), arrival)


def _attachment_for(position: int, drawn: str | None) -> str | None:
    return ALWAYS[position] if position < len(ALWAYS) else drawn
