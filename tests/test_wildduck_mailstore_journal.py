"""The change journal and its live subscribers."""

from __future__ import annotations

import pytest

from mock_server.apis.wildduck.mailstore import archive, journal, mailboxes, messages
from mock_server.apis.wildduck.mailstore.feed import StreamLimitReached
from mock_server.apis.wildduck.mailstore.messages import UidSet
from tests.test_wildduck_mailstore_support import inbox, make_context, make_user, put


def test_a_subscriber_sees_each_change_as_it_happens() -> None:
    ctx = make_context()
    user = make_user(ctx)
    woken = []
    subscription = ctx.state.mail.feed.subscribe(user.id, max_open=5, capacity=100)
    subscription.wake = lambda: woken.append(1)
    folder = mailboxes.create(ctx, user, {"path": "Later"})
    message = put(ctx, user, inbox(ctx, user))
    messages.update(ctx, user, inbox(ctx, user).id, UidSet(str(message.uid)), {"seen": True})
    archive.delete_message(ctx, user, message)
    mailboxes.update(ctx, user.id, folder.id, {"path": "Sooner"})
    mailboxes.delete(ctx, user.id, folder.id)
    commands = [entry.command for entry in subscription.take()]
    assert commands == ["CREATE", "EXISTS", "FETCH", "COUNTERS", "EXPUNGE", "COUNTERS", "RENAME", "DROP"]
    assert len(woken) == len(commands)


def test_other_users_changes_are_not_seen() -> None:
    ctx = make_context()
    ann, bob = make_user(ctx), make_user(ctx, "bob")
    subscription = ctx.state.mail.feed.subscribe(ann.id, max_open=5, capacity=100)
    put(ctx, bob, inbox(ctx, bob))
    assert subscription.take() == []


def test_open_streams_are_bounded_and_closing_releases_them() -> None:
    ctx = make_context()
    user = make_user(ctx)
    feed = ctx.state.mail.feed
    first = feed.subscribe(user.id, max_open=1, capacity=10)
    with pytest.raises(StreamLimitReached):
        feed.subscribe(user.id, max_open=1, capacity=10)
    feed.close(first)
    assert feed.open_count == 0
    put(ctx, user, inbox(ctx, user))
    assert first.take() == []
    assert feed.subscribe(user.id, max_open=1, capacity=10)


def test_a_reader_that_falls_behind_is_closed() -> None:
    ctx = make_context()
    user = make_user(ctx)
    subscription = ctx.state.mail.feed.subscribe(user.id, max_open=1, capacity=2)
    for _ in range(3):
        put(ctx, user, inbox(ctx, user))
    assert subscription.closed and subscription.overflowed


def test_a_deleted_users_streams_end() -> None:
    ctx = make_context()
    user = make_user(ctx)
    subscription = ctx.state.mail.feed.subscribe(user.id, max_open=1, capacity=2)
    ctx.state.mail.forget_user(user.id)
    assert subscription.closed and ctx.state.mail.feed.open_count == 0 and ctx.state.mail.mailboxes_of(user.id) == []


def test_the_journal_replays_after_a_last_event_id_and_is_bounded() -> None:
    ctx = make_context(journal_size_per_user=4)
    user = make_user(ctx)
    entries = ctx.state.mail.journal[user.id]
    assert len(entries) == 4
    mark = entries[1].id
    assert [e.id for e in journal.since(ctx, user.id, mark)] == [e.id for e in entries[2:]]
    assert journal.since(ctx, user.id, None) == []


def test_events_are_formatted_like_the_real_stream() -> None:
    ctx = make_context()
    user = make_user(ctx)
    entry = ctx.state.mail.journal[user.id][-1]
    text = journal.event_text(entry)
    assert text.startswith('data: {\ndata:   "command": "CREATE",') and text.endswith(f"id: {entry.id}\n\n")
