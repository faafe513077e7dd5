"""Messages: growing UIDs, cursor paging, flag updates over ranges, moves, the archive."""

from __future__ import annotations

import pytest

from mock_server import plain
from mock_server.apis.wildduck.mailstore import archive, mailboxes, messages, quota
from mock_server.apis.wildduck.mailstore.messages import UidSet
from mock_server.apis.wildduck.mailstore.paging import page_of
from mock_server.apis.wildduck.mailstore.store import MailStore
from mock_server.errors import ApiError
from tests.test_wildduck_mailstore_support import (
    inbox,
    later,
    make_context,
    make_user,
    put,
)


def _filled(count: int):
    ctx = make_context()
    user = make_user(ctx)
    box = inbox(ctx, user)
    for n in range(count):
        put(later(ctx, minutes=n), user, box, f"Message {n}")
    return ctx, user, box


def _walk(ctx, box, *, descending: bool, limit: int) -> list[int]:
    order = messages.mail(ctx).index.ordered(box.id)
    uids, cursor = [], None
    while True:
        page = page_of(order, limit=limit, descending=descending, next_cursor=cursor, page=len(uids) // limit + 1)
        uids += [uid for _at, uid in page.keys]
        if not page.next_cursor:
            return uids
        cursor = page.next_cursor


def test_cursor_paging_visits_every_message_once_in_either_order() -> None:
    ctx, _user, box = _filled(23)
    assert _walk(ctx, box, descending=True, limit=5) == list(range(23, 0, -1))
    assert _walk(ctx, box, descending=False, limit=7) == list(range(1, 24))


def test_the_previous_cursor_leads_back_to_the_page_before() -> None:
    ctx, _user, box = _filled(12)
    order = messages.mail(ctx).index.ordered(box.id)
    first = page_of(order, limit=5, descending=True)
    second = page_of(order, limit=5, descending=True, next_cursor=first.next_cursor, page=2)
    back = page_of(order, limit=5, descending=True, previous_cursor=second.previous_cursor, page=1)
    assert [k[1] for k in second.keys] == [7, 6, 5, 4, 3] and second.page == 2
    assert back.keys == first.keys and back.previous_cursor is False


def test_a_page_stays_put_when_new_mail_arrives() -> None:
    ctx, user, box = _filled(10)
    order = messages.mail(ctx).index.ordered(box.id)
    first = page_of(order, limit=4, descending=True)
    put(later(ctx, hours=1), user, box, "Newest")
    second = page_of(order, limit=4, descending=True, next_cursor=first.next_cursor)
    assert [k[1] for k in second.keys] == [6, 5, 4, 3] and second.total == 11


def test_a_cursor_that_was_not_given_out_is_a_400() -> None:
    ctx, _user, box = _filled(2)
    with pytest.raises(ApiError) as refused:
        page_of(messages.mail(ctx).index.ordered(box.id), limit=5, descending=True, next_cursor="bm90LWEta2V5")
    assert refused.value.status == 400


def test_uid_sets_take_one_a_list_or_a_range() -> None:
    box = {uid: None for uid in (3, 4, 5, 9)}
    assert UidSet("4").members(box) == [4]
    assert UidSet("9,3,7").members(box) == [3, 9]
    assert UidSet("5:3").members(box) == [3, 4, 5]
    assert UidSet("1:99999999999").members(box) == [3, 4, 5, 9]
    with pytest.raises(ApiError):
        UidSet("4-5")


def test_a_range_update_sets_flags_and_a_missing_range_is_404() -> None:
    ctx, user, box = _filled(6)
    assert messages.update(ctx, user, box.id, UidSet("2:4"), {"flagged": True, "seen": True}) == {"updated": 3}
    stored = messages.mail(ctx).messages_in(box.id)
    assert [uid for uid, m in stored.items() if m.flagged] == [2, 3, 4]
    assert mailboxes.view(ctx, box, counters=True)["unseen"] == 3
    with pytest.raises(ApiError) as missing:
        messages.update(ctx, user, box.id, UidSet("40:50"), {"seen": True})
    assert (missing.value.status, missing.value.code) == (404, "MessageNotFound")


def test_moving_gives_new_uids_in_the_target_and_uids_never_come_back() -> None:
    ctx, user, box = _filled(4)
    folder = mailboxes.create(ctx, user, {"path": "Keep"})
    put(ctx, user, folder, "Already here")
    moved = messages.update(ctx, user, box.id, UidSet("2,3"), {"moveTo": folder.id})
    assert moved == {"mailbox": folder.id, "id": [[2, 2], [3, 3]]}
    assert sorted(messages.mail(ctx).messages_in(box.id)) == [1, 4]
    messages.update(ctx, user, folder.id, UidSet("2"), {"moveTo": box.id})
    assert sorted(messages.mail(ctx).messages_in(box.id)) == [1, 4, 5]


def test_deleting_archives_and_restoring_returns_with_a_new_uid() -> None:
    ctx, user, box = _filled(3)
    before = user.storage_used
    message = messages.get(ctx, user.id, box.id, 2)
    archive.delete_message(ctx, user, messages.get(ctx, user.id, box.id, 2))
    assert user.storage_used == before - message.size == quota.storage_of(ctx, user.id)
    assert [a.message.id for a in archive.of_user(ctx, user.id)] == [message.id]
    restored = archive.restore(ctx, user, message.id, None)
    assert (restored.mailbox, restored.uid) == (box.id, 4) and user.storage_used == before
    assert archive.of_user(ctx, user.id) == []


def test_a_message_from_a_deleted_mailbox_is_restored_to_inbox_or_where_asked() -> None:
    ctx, user, box = _filled(1)
    folder = mailboxes.create(ctx, user, {"path": "Temp"})
    first, second = put(ctx, user, folder, "One"), put(ctx, user, folder, "Two")
    archive.delete_message(ctx, user, messages.get(ctx, user.id, folder.id, first.uid))
    archive.delete_message(ctx, user, messages.get(ctx, user.id, folder.id, second.uid))
    mailboxes.delete(ctx, user.id, folder.id)
    assert archive.restore(ctx, user, first.id, None).mailbox == box.id
    sent = mailboxes.by_special_use(ctx, user.id, "\\Sent")
    assert archive.restore(ctx, user, second.id, sent.id).mailbox == sent.id


def test_archived_messages_are_purged_after_the_retention() -> None:
    ctx, user, box = _filled(2)
    archive.delete_message(ctx, user, messages.get(ctx, user.id, box.id, 1))
    assert len(archive.of_user(later(ctx, days=13), user.id)) == 1
    assert archive.of_user(later(ctx, days=15), user.id) == []


def test_drafts_are_deleted_for_good() -> None:
    ctx, user, box = _filled(0)
    draft = put(ctx, user, box, "Unfinished", draft=True)
    archive.delete_message(ctx, user, messages.get(ctx, user.id, box.id, draft.uid))
    assert archive.of_user(ctx, user.id) == [] and user.storage_used == 0


def test_messages_past_their_expiry_are_removed() -> None:
    ctx, user, box = _filled(3)
    messages.update(ctx, user, box.id, UidSet("1"), {"expires": later(ctx, hours=2).now})
    messages.expire_due(later(ctx, hours=1))
    assert len(messages.mail(ctx).messages_in(box.id)) == 3
    messages.expire_due(later(ctx, hours=3))
    assert sorted(messages.mail(ctx).messages_in(box.id)) == [2, 3]


def test_the_store_round_trips_through_export_and_the_index_is_rebuilt() -> None:
    ctx, user, box = _filled(5)
    messages.update(ctx, user, box.id, UidSet("1:2"), {"seen": True})
    archive.delete_message(ctx, user, messages.get(ctx, user.id, box.id, 5))
    exported = plain.dump(ctx.state.mail)
    restored = plain.load(MailStore, exported)
    assert plain.dump(restored) == exported
    ctx.state.mail = restored
    assert mailboxes.view(ctx, box, counters=True)["unseen"] == 2
    assert _walk(ctx, box, descending=True, limit=3) == [4, 3, 2, 1]
    assert len(archive.of_user(ctx, user.id)) == 1
