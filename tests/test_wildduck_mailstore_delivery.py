"""Delivery runs the user's filters, then the autoreply; forwards and replies come back as
outgoing mail, and neither can loop."""

from __future__ import annotations

import pytest

from mock_server.apis.wildduck.mailstore import autoreply, delivery, filters, mailboxes, messages
from mock_server.apis.wildduck.mailstore.delivery import FORWARDED_BY
from mock_server.errors import ApiError
from tests.test_wildduck_mailstore_support import inbox, later, make_context, make_user, raw_message


def _setup(**knobs):
    ctx = make_context(**knobs)
    user = make_user(ctx)
    return ctx, user


def _where(ctx, user, subject: str):
    for box in ctx.state.mail.mailboxes_of(user.id):
        for message in messages.mail(ctx).messages_in(box.id).values():
            if message.subject == subject:
                return box, message
    return None, None


def test_mail_to_a_users_address_lands_in_inbox_and_counts_for_the_quota() -> None:
    ctx, user = _setup()
    raw = raw_message("Hello Ann")
    result = delivery.deliver(ctx, raw, ["Ann.Lee@Example.com", "nobody@example.com"])
    assert result.delivered == ["Ann.Lee@Example.com"]
    box, message = _where(ctx, user, "Hello Ann")
    assert box.path == "INBOX" and not message.seen and user.storage_used == len(raw)
    assert message.events[0]["action"] == "STORE"


def test_a_filter_moves_flags_and_marks_as_seen() -> None:
    ctx, user = _setup()
    folder = mailboxes.create(ctx, user, {"path": "Reports"})
    filters.create(ctx, user.id, {"query": {"subject": "report"}, "action": {"mailbox": folder.id, "seen": True, "flag": True}})
    delivery.deliver(ctx, raw_message("Quarterly report"), [user.address])
    box, message = _where(ctx, user, "Quarterly report")
    assert box.id == folder.id and message.seen and message.flagged


@pytest.mark.parametrize("query, matched", [
    ({"from": "STONE"}, True), ({"from": "carol"}, False),
    ({"to": "ann.lee@"}, True), ({"text": "numbers attached"}, True),
    ({"ha": True}, False), ({"ha": False}, True),
    ({"size": 100}, True), ({"size": -100}, False),
    ({"from": "bob", "subject": "nope"}, False),
    ({"listId": "dev.example.org"}, False), ({}, True),
])
def test_filter_queries(query: dict, matched: bool) -> None:
    ctx, user = _setup()
    filters.create(ctx, user.id, {"query": query, "action": {"spam": True}})
    delivery.deliver(ctx, raw_message("Quarterly report"), [user.address])
    box, _message = _where(ctx, user, "Quarterly report")
    assert (box.special_use == "\\Junk") is matched


def test_delete_drops_the_message_but_still_forwards_it() -> None:
    ctx, user = _setup()
    filters.create(ctx, user.id, {"query": {"from": "bob"}, "action": {"delete": True, "targets": ["ann@elsewhere.example"]}})
    result = delivery.deliver(ctx, raw_message("Quarterly report"), [user.address])
    assert _where(ctx, user, "Quarterly report") == (None, None) and result.delivered == [user.address]
    (forward,) = result.outgoing
    assert forward.kind == "forward" and forward.to == [("", "ann@elsewhere.example")]
    assert forward.headers[FORWARDED_BY] == user.address


def test_a_forward_never_returns_to_a_user_already_in_the_chain() -> None:
    ctx, user = _setup()
    filters.create(ctx, user.id, {"query": {"from": "bob"}, "action": {"targets": ["loop@elsewhere.example"]}})
    looped = raw_message("Quarterly report", headers={FORWARDED_BY: f"x@elsewhere.example, {user.address}"})
    assert delivery.deliver(ctx, looped, [user.address]).outgoing == []


def test_a_filter_naming_another_users_mailbox_is_refused() -> None:
    ctx, user = _setup()
    other = make_user(ctx, "bob")
    with pytest.raises(ApiError) as refused:
        filters.create(ctx, user.id, {"query": {}, "action": {"mailbox": inbox(ctx, other).id}})
    assert refused.value.code == "NoSuchMailbox"


def test_filters_list_human_readable_tuples_and_an_empty_value_clears_a_key() -> None:
    ctx, user = _setup()
    folder = mailboxes.create(ctx, user, {"path": "Reports"})
    record = filters.create(ctx, user.id, {"name": "Reports", "query": {"from": "abc", "size": -500},
                                           "action": {"flag": True, "mailbox": folder.id}})
    assert filters.descriptions(ctx, record) == ([["from", "(abc)"], ["smaller", 500]], [["flag it"], ["move to folder", '"Reports"']])
    filters.update(ctx, user.id, record.id, {"query": {"from": ""}, "action": {"flag": ""}})
    view = filters.view(ctx, record)
    assert (view["query"], view["action"]) == ({"size": -500}, {"mailbox": folder.id})


def test_the_first_matching_filter_keeps_an_action_and_forwards_add_up() -> None:
    ctx, user = _setup()
    filters.create(ctx, user.id, {"query": {"from": "bob"}, "action": {"seen": False, "targets": ["a@elsewhere.example"]}})
    filters.create(ctx, user.id, {"query": {"subject": "report"}, "action": {"seen": True, "flag": True, "targets": ["b@elsewhere.example"]}})
    filters.create(ctx, user.id, {"query": {}, "action": {"delete": True}, "disabled": True})
    result = delivery.deliver(ctx, raw_message("Quarterly report"), [user.address])
    _box, message = _where(ctx, user, "Quarterly report")
    assert not message.seen and message.flagged
    assert [f.to for f in result.outgoing] == [[("", "a@elsewhere.example")], [("", "b@elsewhere.example")]]


@pytest.mark.parametrize("list_id, matched", [("Dev <dev.example.org>", True), ("dev.example.org", True), ("Ops <ops.example.org>", False)])
def test_a_list_id_query_reads_the_id_part_of_the_header(list_id: str, matched: bool) -> None:
    ctx, user = _setup()
    filters.create(ctx, user.id, {"query": {"listId": "DEV.example"}, "action": {"spam": True}})
    delivery.deliver(ctx, raw_message("Weekly digest", headers={"List-ID": list_id}), [user.address])
    box, _message = _where(ctx, user, "Weekly digest")
    assert (box.special_use == "\\Junk") is matched


def test_past_the_limit_a_filter_is_refused_with_the_real_code() -> None:
    ctx, user = _setup(max_filters_per_user=1)
    filters.create(ctx, user.id, {"query": {}, "action": {}})
    with pytest.raises(ApiError) as refused:
        filters.create(ctx, user.id, {"query": {}, "action": {}})
    assert (refused.value.status, refused.value.code, refused.value.message) == (403, "TooMany", "Maximum filters limit reached")


def test_the_autoreply_goes_once_a_day_per_sender_within_its_window() -> None:
    ctx, user = _setup()
    autoreply.update(ctx, user.id, {"status": True, "subject": "Away", "text": "Back Monday",
                                    "start": "2025-03-01T00:00:00Z", "end": "2025-03-03T00:00:00Z"})
    first = delivery.deliver(ctx, raw_message("One"), [user.address]).outgoing
    assert [(r.kind, r.to, r.subject) for r in first] == [("autoreply", [("Bob Stone", "bob@example.org")], "Away")]
    assert first[0].headers["Auto-Submitted"] == "auto-replied"
    assert delivery.deliver(later(ctx, hours=5), raw_message("Two"), [user.address]).outgoing == []
    assert len(delivery.deliver(later(ctx, hours=25), raw_message("Three"), [user.address]).outgoing) == 1
    assert delivery.deliver(later(ctx, days=3), raw_message("Four"), [user.address]).outgoing == []


def test_no_autoreply_to_automatic_mail_or_spam() -> None:
    ctx, user = _setup()
    autoreply.update(ctx, user.id, {"status": True, "text": "Away"})
    assert delivery.deliver(ctx, raw_message("Bulk", headers={"Precedence": "bulk"}), [user.address]).outgoing == []
    filters.create(ctx, user.id, {"query": {"subject": "prize"}, "action": {"spam": True}})
    assert delivery.deliver(ctx, raw_message("A prize"), [user.address]).outgoing == []


def test_a_user_over_quota_is_refused() -> None:
    ctx, user = _setup()
    user.quota = 100
    result = delivery.deliver(ctx, raw_message("Too big"), [user.address])
    assert result.delivered == [] and "quota" in result.refused[user.address]


def test_autoreply_updates_are_partial() -> None:
    ctx, user = _setup()
    autoreply.update(ctx, user.id, {"status": True, "subject": "Away"})
    autoreply.update(ctx, user.id, {"text": "Back soon"})
    view = autoreply.view(autoreply.get(ctx, user.id))
    assert (view["status"], view["subject"], view["message"], view["start"]) == (True, "Away", "Back soon", False)
