"""Account-wide search and the flagged list skip Trash and Junk."""

from __future__ import annotations

from mock_server.apis.wildduck.mailstore import mailboxes, messages
from mock_server.apis.wildduck.mailstore.mime import parse
from mock_server.apis.wildduck.mailstore.search import Criteria, find
from tests.test_wildduck_mailstore_support import inbox, later, make_context, make_user, raw_message


def _store(ctx, user, box, subject, text="", sender=("Bob Stone", "bob@example.org"), **arrival):
    raw = raw_message(subject, sender=sender, text=text or subject)
    return messages.store(ctx, user, box, raw, parse(raw), messages.Arrival(**arrival))


def _setup():
    ctx = make_context()
    user = make_user(ctx)
    box = inbox(ctx, user)
    trash = mailboxes.by_special_use(ctx, user.id, "\\Trash")
    junk = mailboxes.by_special_use(ctx, user.id, "\\Junk")
    _store(ctx, user, box, "Invoice March", "Please pay the invoice", flagged=True)
    _store(later(ctx, minutes=1), user, box, "Lunch", "Pizza on Friday?", sender=("Carol Diaz", "carol@example.net"))
    _store(later(ctx, minutes=2), user, trash, "Invoice old", "Old invoice", flagged=True)
    _store(later(ctx, minutes=3), user, junk, "Invoice winner", "You won")
    return ctx, user, box, trash


def _subjects(found) -> list[str]:
    return [m.subject for m in found]


def test_search_matches_subject_addresses_and_text_outside_trash_and_junk() -> None:
    ctx, user, _box, _trash = _setup()
    assert _subjects(find(ctx, user.id, Criteria(query="invoice"))) == ["Invoice March"]
    assert _subjects(find(ctx, user.id, Criteria(query="carol@example.net"))) == ["Lunch"]
    assert _subjects(find(ctx, user.id, Criteria(query="pizza invoice"))) == ["Lunch", "Invoice March"]


def test_phrases_and_exclusions_narrow_the_search() -> None:
    ctx, user, _box, _trash = _setup()
    assert _subjects(find(ctx, user.id, Criteria(query='"pay the invoice"'))) == ["Invoice March"]
    assert _subjects(find(ctx, user.id, Criteria(query="invoice -march"))) == []


def test_naming_a_mailbox_searches_only_there_even_trash() -> None:
    ctx, user, _box, trash = _setup()
    assert _subjects(find(ctx, user.id, Criteria(query="invoice", mailbox=trash.id))) == ["Invoice old"]


def test_the_flagged_list_leaves_out_trash() -> None:
    ctx, user, _box, _trash = _setup()
    assert _subjects(find(ctx, user.id, Criteria(flagged=True))) == ["Invoice March"]


def test_field_criteria_combine() -> None:
    ctx, user, _box, _trash = _setup()
    assert _subjects(find(ctx, user.id, Criteria(sender="bob@", subject="march"))) == ["Invoice March"]
    assert _subjects(find(ctx, user.id, Criteria(sender="bob@", unseen=False))) == []
