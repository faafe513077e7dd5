"""Mailboxes: the default set in the user's language, paths, renames and deletes."""

from __future__ import annotations

from copy import deepcopy

import pytest

from mock_server import plain
from mock_server.apis.wildduck.mailstore import mailboxes
from mock_server.apis.wildduck.state import WildDuckState
from mock_server.errors import ApiError
from tests.test_wildduck_mailstore_support import inbox, make_context, make_user, put


def _paths(ctx, user) -> list[str]:
    return [m.path for m in mailboxes.listing(ctx, user.id)]


def test_a_new_user_gets_the_special_use_set_named_in_their_language() -> None:
    ctx = make_context()
    german = make_user(ctx, "max", language="de")
    english = make_user(ctx, "eve")
    assert {m.special_use: m.path for m in ctx.state.mail.mailboxes_of(german.id)} == {
        None: "INBOX", "\\Sent": "Gesendete Objekte", "\\Trash": "Papierkorb", "\\Drafts": "Entwürfe", "\\Junk": "Spam"}
    assert "Sent Mail" in _paths(ctx, english)


def test_names_given_at_creation_win_over_the_language() -> None:
    ctx = make_context()
    user = make_user(ctx, "max", language="de")
    names = mailboxes.special_use_names("de", {"sent": "Ausgang"})
    assert names["sent"] == "Ausgang" and names["trash"] == "Papierkorb"
    assert mailboxes.special_use_names("xx", {})["junk"] == "Junk"
    assert user


def test_creating_a_nested_path_creates_only_that_mailbox() -> None:
    ctx = make_context()
    user = make_user(ctx)
    leaf = mailboxes.create(ctx, user, {"path": "Projekte/Ülevaade/2025", "retention": 5000})
    assert leaf.name == "2025" and leaf.retention == 5000
    assert "Projekte/Ülevaade/2025" in _paths(ctx, user) and "Projekte" not in _paths(ctx, user)
    with pytest.raises(ApiError) as taken:
        mailboxes.create(ctx, user, {"path": "Projekte/Ülevaade/2025"})
    assert (taken.value.status, taken.value.code, taken.value.message) == (
        400, "MailboxExistsError", "Mailbox creation failed with code MailboxAlreadyExists")


def test_one_leading_slash_is_dropped_as_the_real_normalize_mailbox_does() -> None:
    ctx = make_context()
    assert mailboxes.create(ctx, make_user(ctx), {"path": "/path/for/put"}).path == "path/for/put"


@pytest.mark.parametrize("path", ["Top/", "A//B", "//Top"])
def test_paths_with_empty_levels_are_refused(path: str) -> None:
    ctx = make_context()
    with pytest.raises(ApiError) as refused:
        mailboxes.create(ctx, make_user(ctx), {"path": path})
    assert refused.value.status == 400


def test_path_limits_are_per_level() -> None:
    ctx = make_context()
    user = make_user(ctx)
    deep = "/".join(["L"] * 128)
    assert mailboxes.create(ctx, user, {"path": deep}).path == deep  # 255 characters, 128 levels
    assert mailboxes.create(ctx, user, {"path": "x" * 512 + "/" + "y" * 512}).name == "y" * 512
    for too_much, text in ((deep + "/L", "more than 128 levels deep"), ("z" * 513, "longer than 512 chars")):
        with pytest.raises(ApiError) as refused:
            mailboxes.create(ctx, user, {"path": too_much})
        assert (refused.value.status, refused.value.code) == (400, "DisallowedMailboxMethod")
        assert text in refused.value.message


def test_inbox_is_always_upper_case_and_listed_first_with_its_children() -> None:
    ctx = make_context()
    user = make_user(ctx)
    mailboxes.create(ctx, user, {"path": "inbox/Receipts"})
    mailboxes.create(ctx, user, {"path": "Archive 2024"})
    assert _paths(ctx, user)[:2] == ["INBOX", "INBOX/Receipts"]


def test_renaming_changes_only_that_mailbox_and_inbox_can_not_be_renamed() -> None:
    ctx = make_context()
    user = make_user(ctx)
    parent = mailboxes.create(ctx, user, {"path": "Work"})
    child = mailboxes.create(ctx, user, {"path": "Work/Clients"})
    mailboxes.update(ctx, user.id, parent.id, {"path": "Job"})
    assert (parent.path, child.path) == ("Job", "Work/Clients")
    with pytest.raises(ApiError) as refused:
        mailboxes.update(ctx, user.id, inbox(ctx, user).id, {"path": "Incoming"})
    assert (refused.value.status, refused.value.code, refused.value.message) == (
        400, "DisallowedMailboxMethod", "Mailbox update failed with code DisallowedMailboxMethod")
    with pytest.raises(ApiError) as missing:
        mailboxes.update(ctx, user.id, "a" * 24, {"subscribed": False})
    assert (missing.value.status, missing.value.message) == (404, "Mailbox update failed with code NoSuchMailbox")


def test_special_use_mailboxes_can_not_be_deleted_but_own_ones_can_with_their_mail() -> None:
    ctx = make_context()
    user = make_user(ctx)
    trash = mailboxes.by_special_use(ctx, user.id, "\\Trash")
    with pytest.raises(ApiError) as refused:
        mailboxes.delete(ctx, user.id, trash.id)
    assert (refused.value.status, refused.value.code) == (400, "DisallowedMailboxMethod")
    own = mailboxes.create(ctx, user, {"path": "Old"})
    put(ctx, user, own)
    assert user.storage_used > 0
    mailboxes.delete(ctx, user.id, own.id)
    assert user.storage_used == 0 and "Old" not in _paths(ctx, user)


def test_another_users_mailbox_is_not_found() -> None:
    ctx = make_context()
    ann, bob = make_user(ctx), make_user(ctx, "bob")
    with pytest.raises(ApiError) as missing:
        mailboxes.get(ctx, bob.id, inbox(ctx, ann).id)
    assert (missing.value.status, missing.value.code) == (404, "NoSuchMailbox")


def test_counters_follow_the_messages() -> None:
    ctx = make_context()
    user = make_user(ctx)
    box = inbox(ctx, user)
    put(ctx, user, box)
    put(ctx, user, box, seen=True)
    view = mailboxes.view(ctx, box, counters=True, sizes=True)
    assert (view["total"], view["unseen"]) == (2, 1) and view["size"] == user.storage_used


def test_the_mailbox_limit_is_a_clear_refusal() -> None:
    ctx = make_context(max_mailboxes_per_user=6)
    user = make_user(ctx)
    with pytest.raises(ApiError) as refused:
        mailboxes.create(ctx, user, {"path": "A"})
        mailboxes.create(ctx, user, {"path": "B"})
    assert (refused.value.status, refused.value.code) == (400, "DisallowedMailboxMethod")


def _scan(state: WildDuckState, user_id: str) -> list[str]:
    """The user's mailboxes as a scan of the whole namespace finds them (what ``mailboxes_of``
    did before it had a per-user lookup): the lookup must answer these, in this order."""
    return [m.id for m in state.mail.mailboxes.values() if m.user == user_id]


def _of(state: WildDuckState, user_id: str) -> list[str]:
    return [m.id for m in state.mail.mailboxes_of(user_id)]


def test_a_users_mailboxes_stay_theirs_in_order_through_changes_an_export_and_a_deletion() -> None:
    ctx = make_context()
    ann, bob = make_user(ctx, "ann"), make_user(ctx, "bob")
    work = mailboxes.create(ctx, ann, {"path": "Work"})
    mailboxes.create(ctx, bob, {"path": "Work"})
    mailboxes.update(ctx, ann.id, work.id, {"path": "Done"})
    mailboxes.create(ctx, ann, {"path": "Work"})
    mailboxes.delete(ctx, ann.id, work.id)
    for user in (ann, bob):
        assert _of(ctx.state, user.id) == _scan(ctx.state, user.id)
    assert [m.path for m in ctx.state.mail.mailboxes_of(ann.id)][-1] == "Work"
    assert "Done" not in _paths(ctx, ann) and "Work" in _paths(ctx, bob)

    for copy in (plain.load(WildDuckState, plain.dump(ctx.state)), deepcopy(ctx.state)):  # an import, a new namespace
        assert [_of(copy, user.id) for user in (ann, bob)] == [_scan(ctx.state, user.id) for user in (ann, bob)]

    ctx.state.forget_user(ann.id)
    assert _of(ctx.state, ann.id) == [] and _of(ctx.state, bob.id) == _scan(ctx.state, bob.id) != []


def test_a_writer_that_goes_around_the_store_does_not_make_the_lookup_lie() -> None:
    ctx = make_context()
    ann = make_user(ctx, "ann")
    stray = mailboxes.create(ctx, ann, {"path": "Stray"})
    del ctx.state.mail.mailboxes[stray.id]
    assert _of(ctx.state, ann.id) == _scan(ctx.state, ann.id) and mailboxes.by_path(ctx, ann.id, "Stray") is None
    ctx.state.mail.mailboxes[stray.id] = stray
    assert mailboxes.by_path(ctx, ann.id, "Stray") is stray
