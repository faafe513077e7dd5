"""Bulk changes a webmail makes with one call: a selection of UIDs moved or flagged
(``PUT .../messages`` with ``message`` in the body), a mailbox emptied (``DELETE .../messages``),
the archive restored by date range, and every user's filters listed (``GET /filters``); each
change shows on the live update stream."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Iterator

import httpx
import pytest

from tests.test_wildduck_mail_walkthrough import UpdateStream


def _user_with_mail(client: httpx.Client, name: str, count: int) -> dict[str, Any]:
    user = client.post("/users", json={"username": name, "password": "secret-pass-1"}).json()["id"]
    address = client.get(f"/users/{user}").json()["address"]
    for n in range(1, count + 1):
        raw = f"From: Ann <ann@example.org>\r\nTo: {address}\r\nSubject: note {n}\r\n\r\nbody {n}\r\n"
        assert client.post("/_mock/inbound", json={"to": [address], "raw": raw}).json()["delivered"] == [address]
    boxes = {m["path"]: m["id"] for m in client.get(f"/users/{user}/mailboxes").json()["results"]}
    return {"id": user, "boxes": boxes}


@pytest.fixture
def mailbox_user(client: httpx.Client) -> dict[str, Any]:
    return _user_with_mail(client, "bulk.reader", 4)


@pytest.fixture
def updates(server, namespace: str, mailbox_user: dict[str, Any]) -> Iterator[UpdateStream]:
    stream = UpdateStream(server.url, namespace, mailbox_user["id"])
    yield stream
    stream.close()


def test_a_selection_moves_to_trash_in_one_call_and_one_call_empties_it(
    client: httpx.Client, mailbox_user: dict[str, Any], updates: UpdateStream
) -> None:
    user, inbox, trash = mailbox_user["id"], mailbox_user["boxes"]["INBOX"], mailbox_user["boxes"]["Trash"]
    moved = client.put(f"/users/{user}/mailboxes/{inbox}/messages", json={"message": "2:3", "moveTo": trash, "seen": True})
    assert moved.status_code == 200
    assert moved.json() == {"success": True, "mailbox": trash, "id": [[2, 1], [3, 2]]}
    assert updates.until("EXPUNGE", mailbox=inbox)["uid"] == 2
    assert updates.until("EXISTS", mailbox=trash)["uid"] == 1
    assert updates.until("EXISTS", mailbox=trash)["uid"] == 2
    subjects = [m["subject"] for m in client.get(f"/users/{user}/mailboxes/{trash}/messages", params={"order": "asc"}).json()["results"]]
    assert subjects == ["note 2", "note 3"]

    emptied = client.delete(f"/users/{user}/mailboxes/{trash}/messages")
    assert emptied.json() == {"success": True, "deleted": 2, "errors": 0}
    assert [updates.until("EXPUNGE", mailbox=trash)["uid"] for _ in range(2)] == [2, 1], "newest UID first"
    assert client.get(f"/users/{user}/mailboxes/{trash}", params={}).json()["total"] == 0
    archived = client.get(f"/users/{user}/archived/messages").json()["results"]
    assert sorted(m["subject"] for m in archived) == ["note 2", "note 3"]


def test_ranges_to_the_end_lists_and_misses(client: httpx.Client, mailbox_user: dict[str, Any]) -> None:
    user, inbox = mailbox_user["id"], mailbox_user["boxes"]["INBOX"]
    url = f"/users/{user}/mailboxes/{inbox}/messages"
    assert client.put(url, json={"message": "3:*", "flagged": True}).json() == {"success": True, "updated": 2}
    assert client.put(url, json={"message": "1,4,9", "seen": True}).json() == {"success": True, "updated": 2}
    listed = {m["id"]: (m["flagged"], m["seen"]) for m in client.get(url).json()["results"]}
    assert listed == {1: (False, True), 2: (False, False), 3: (True, False), 4: (True, True)}
    assert client.get(f"{url}/2").json()["metaData"] == {}
    assert client.put(url, json={"message": "2", "metaData": {"label": "invoice"}}).json()["updated"] == 1
    assert client.get(f"{url}/2").json()["metaData"] == {"label": "invoice"}
    missing = client.put(url, json={"message": "50:*", "seen": True})
    assert (missing.status_code, missing.json()) == (404, {"error": "No message matched query", "code": "MessageNotFound"})
    for body in ({"message": "1"}, {"seen": True}, {"message": "*:3", "seen": True}):
        assert client.put(url, json=body).json()["code"] == "InputValidationError"


def test_emptying_can_skip_the_archive_or_answer_a_task(client: httpx.Client, mailbox_user: dict[str, Any]) -> None:
    user, inbox = mailbox_user["id"], mailbox_user["boxes"]["INBOX"]
    url = f"/users/{user}/mailboxes/{inbox}/messages"
    assert client.delete(url, params={"skipArchive": "true"}).json() == {"success": True, "deleted": 4, "errors": 0}
    assert client.get(f"/users/{user}/archived/messages").json()["results"] == []
    scheduled = client.delete(url, params={"async": "true"}).json()
    assert scheduled["success"] is True and scheduled["existing"] is False and len(scheduled["scheduled"]) == 24
    unknown = client.delete(f"/users/{user}/mailboxes/{'a' * 24}/messages")
    assert unknown.json() == {"success": True, "deleted": 0, "errors": 0}, "as the real server: nothing to delete"


def test_restore_by_date_range_brings_deleted_mail_back_in_a_restored_folder(
    client: httpx.Client, mailbox_user: dict[str, Any]
) -> None:
    user, inbox = mailbox_user["id"], mailbox_user["boxes"]["INBOX"]
    client.delete(f"/users/{user}/mailboxes/{inbox}/messages")
    now = datetime.now(timezone.utc)
    empty_range = {"start": (now - timedelta(days=400)).isoformat(), "end": (now - timedelta(days=300)).isoformat()}
    assert client.post(f"/users/{user}/archived/restore", json=empty_range).json()["success"] is True
    assert len(client.get(f"/users/{user}/archived/messages").json()["results"]) == 4
    wide = {"start": (now - timedelta(days=30)).isoformat(), "end": (now + timedelta(days=30)).isoformat()}
    answer = client.post(f"/users/{user}/archived/restore", json=wide).json()
    assert answer["success"] is True and len(answer["task"]) == 24
    assert client.get(f"/users/{user}/archived/messages").json()["results"] == []
    restored = [m for m in client.get(f"/users/{user}/mailboxes", params={"counters": "true"}).json()["results"]
                if m["path"].startswith("Restored (")]
    assert len(restored) == 1 and restored[0]["total"] == 4
    assert client.post(f"/users/{user}/archived/restore", json={"start": now.isoformat()}).status_code == 400
    wrong_method = client.get(f"/users/{user}/archived/restore")
    assert (wrong_method.status_code, wrong_method.headers["allow"]) == (405, "POST")
    assert client.post(f"/users/{'b' * 24}/archived/restore", json=wide).json()["code"] == "UserNotFound"


def test_all_filters_are_listed_with_their_user_and_forward_targets(client: httpx.Client) -> None:
    ann = client.post("/users", json={"username": "filter.ann", "password": "secret-pass-1"}).json()["id"]
    bob = client.post("/users", json={"username": "filter.bob", "password": "secret-pass-1"}).json()["id"]
    forwarding = client.post(f"/users/{ann}/filters", json={
        "name": "copy", "query": {"from": "boss"}, "action": {"targets": ["copy@example.net"]}}).json()["id"]
    flagging = client.post(f"/users/{bob}/filters", json={"query": {"subject": "urgent"}, "action": {"flag": True}}).json()["id"]
    everything = client.get("/filters").json()
    mine = [f for f in everything["results"] if f["id"] in (forwarding, flagging)]
    assert [(f["id"], f["user"]) for f in mine] == [(forwarding, ann), (flagging, bob)]
    assert mine[0]["targets"] == ["copy@example.net"] and "targets" not in mine[1]
    assert mine[0]["query"] == [["from", "(boss)"]] and mine[0]["name"] == "copy"
    assert [f["id"] for f in client.get("/filters", params={"forward": "copy@"}).json()["results"]] == [forwarding]
    first = client.get("/filters", params={"limit": 1}).json()
    second = client.get("/filters", params={"limit": 1, "next": first["nextCursor"]}).json()
    assert first["total"] == everything["total"] and second["results"][0]["id"] != first["results"][0]["id"]


def test_the_filter_listing_follows_changes_to_forwards_and_deletions(client: httpx.Client) -> None:
    """``GET /filters`` reads an index of filters (and of those that forward): every change
    must show in it at once."""
    ann = client.post("/users", json={"username": "index.ann", "password": "secret-pass-1"}).json()["id"]
    made = client.post(f"/users/{ann}/filters", json={"query": {"from": "x"}, "action": {"seen": True}}).json()["id"]

    def forwarding_to(part: str) -> list[str]:
        return [f["id"] for f in client.get("/filters", params={"forward": part}).json()["results"]]

    assert forwarding_to("later@") == []
    client.put(f"/users/{ann}/filters/{made}", json={"action": {"targets": ["later@example.net"]}})
    assert forwarding_to("later@") == [made]
    client.put(f"/users/{ann}/filters/{made}", json={"action": {"targets": ""}})
    assert forwarding_to("later@") == []
    before = client.get("/filters").json()["total"]
    client.delete(f"/users/{ann}/filters/{made}")
    after = client.get("/filters").json()
    assert after["total"] == before - 1 and made not in [f["id"] for f in after["results"]]


def test_restore_by_range_takes_only_what_was_archived_in_the_range(
    client: httpx.Client, mailbox_user: dict[str, Any]
) -> None:
    user, inbox = mailbox_user["id"], mailbox_user["boxes"]["INBOX"]
    client.put("/_mock/clock", json={"now": "2031-03-01T10:00:00Z"})
    first = client.get(f"/users/{user}/mailboxes/{inbox}/messages").json()["results"][0]["id"]
    client.delete(f"/users/{user}/mailboxes/{inbox}/messages/{first}")
    client.put("/_mock/clock", json={"now": "2031-03-05T10:00:00Z"})
    client.delete(f"/users/{user}/mailboxes/{inbox}/messages")  # the other three, four days later

    answer = client.post(f"/users/{user}/archived/restore", json={"start": "2031-03-01T00:00:00Z", "end": "2031-03-02T00:00:00Z"})

    assert answer.json()["success"] is True
    assert len(client.get(f"/users/{user}/archived/messages").json()["results"]) == 3
    restored = [m for m in client.get(f"/users/{user}/mailboxes", params={"counters": "true"}).json()["results"]
                if m["path"] == "Restored (2031-03-05)"]
    assert [m["total"] for m in restored] == [1]
