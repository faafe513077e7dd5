"""Shared by the mailstore unit tests: a WildDuck context with a mail store and users,
without a server. (No tests here; pytest collects this module and finds none.)"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from mock_server.apis.wildduck.accounts.users import create_user
from mock_server.apis.wildduck.config import WildDuckConfig
from mock_server.apis.wildduck.context import Context
from mock_server.apis.wildduck.mailstore import mailboxes, messages
from mock_server.apis.wildduck.mailstore.mime import parse
from mock_server.apis.wildduck.mailstore.records import Mailbox, StoredMessage
from mock_server.apis.wildduck.state import User, WildDuckState
from mock_server.ids import Randomness
from mock_server.outbox import compose

START = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def make_context(**knobs) -> Context:
    """An empty namespace (no seeded users), with knobs changed as given."""
    return Context(WildDuckState(), replace(WildDuckConfig(), **knobs), START, Randomness(7, "wildduck"))


def later(ctx: Context, **delta) -> Context:
    """The same namespace, with the clock moved on."""
    return Context(ctx.state, ctx.config, ctx.now + timedelta(**delta), ctx.random)


def make_user(ctx: Context, username: str = "ann.lee", **fields) -> User:
    return create_user(ctx, {"username": username, "password": "secret-pass-1", "name": "Ann Lee", **fields})


def raw_message(subject: str = "Quarterly report", *, sender=("Bob Stone", "bob@example.org"),
                to=("Ann Lee", "ann.lee@example.com"), text: str = "Numbers attached.", headers=None) -> str:
    return compose(sender=sender, to=[to], subject=subject, text=text, html=f"<p>{text}</p>",
                   date=START, message_id="<m1@example.org>", boundary=lambda: "b-1", headers=headers)


def put(ctx: Context, user: User, mailbox: Mailbox, subject: str = "Hello", **arrival) -> StoredMessage:
    raw = raw_message(subject)
    return messages.store(ctx, user, mailbox, raw, parse(raw), messages.Arrival(**arrival))


def inbox(ctx: Context, user: User) -> Mailbox:
    return mailboxes.by_special_use(ctx, user.id, None)
