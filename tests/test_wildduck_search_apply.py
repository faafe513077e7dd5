"""Search and update in bulk (``POST /users/{user}/search``): only the matching messages are
marked, moved or deleted (to the archive), the update stream sees each change, and
malformed requests are refused with the real server's answers."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

SUBJECTS = ("Invoice 1", "Lunch?", "Invoice 2")


@pytest.fixture
def mailbox_owner(client: httpx.Client) -> dict[str, str]:
    """A new user whose INBOX holds the three SUBJECTS, as UIDs 1, 2, 3."""
    user = client.post("/users", json={"username": "bulk.user", "password": "secret-pass-1"}).json()["id"]
    address = client.get(f"/users/{user}").json()["address"]
    for subject in SUBJECTS:
        sent = client.post("/_mock/inbound", json={"to": [address], "from": "billing@shop.example", "subject": subject, "text": "Hi"})
        assert sent.json()["delivered"] == [address]
    boxes = {b["specialUse"] or b["path"]: b["id"] for b in client.get(f"/users/{user}/mailboxes").json()["results"]}
    return {"user": user, "inbox": boxes["INBOX"], "trash": boxes["\\Trash"]}


def _apply(client: httpx.Client, user: str, body: dict[str, Any]) -> httpx.Response:
    return client.post(f"/users/{user}/search", json=body)


def _listing(client: httpx.Client, user: str, mailbox: str) -> dict[str, dict[str, Any]]:
    results = client.get(f"/users/{user}/mailboxes/{mailbox}/messages", params={"limit": 250}).json()["results"]
    return {m["subject"]: m for m in results}


def _events_after(client: httpx.Client, user: str, last_event_id: str) -> list[dict[str, Any]]:
    """The update stream's replay of everything recorded after ``last_event_id``."""
    text = client.get(f"/users/{user}/updates", params={"Last-Event-ID": last_event_id, "idleTimeout": 0.2}).text
    return [json.loads("\n".join(line[6:] for line in block.split("\n") if line.startswith("data: ")))
            for block in text.split("\n\n") if "data: " in block]


def test_seen_and_flagged_change_the_matching_messages_only(client: httpx.Client, mailbox_owner: dict[str, str]) -> None:
    user, inbox = mailbox_owner["user"], mailbox_owner["inbox"]
    answer = _apply(client, user, {"subject": " invoice ", "action": {"seen": True, "flagged": True}})
    assert answer.status_code == 200
    assert answer.json()["success"] is True and answer.json()["existing"] is False
    assert re.fullmatch(r"[0-9a-f]{24}", answer.json()["scheduled"])
    listing = _listing(client, user, inbox)
    assert {s: (m["seen"], m["flagged"]) for s, m in listing.items()} == {
        "Invoice 1": (True, True), "Invoice 2": (True, True), "Lunch?": (False, False)}
    flagged = client.get(f"/users/{user}/search", params={"flagged": "true"}).json()["results"]
    assert sorted(m["subject"] for m in flagged) == ["Invoice 1", "Invoice 2"]


def test_a_move_gives_new_uids_in_order_and_the_update_stream_sees_it(client: httpx.Client, mailbox_owner: dict[str, str]) -> None:
    user, inbox = mailbox_owner["user"], mailbox_owner["inbox"]
    folder = client.post(f"/users/{user}/mailboxes", json={"path": "Bills"}).json()["id"]
    assert _apply(client, user, {"subject": "invoice", "action": {"moveTo": folder}}).status_code == 200
    assert {s: m["id"] for s, m in _listing(client, user, folder).items()} == {"Invoice 1": 1, "Invoice 2": 2}
    assert list(_listing(client, user, inbox)) == ["Lunch?"]
    events = _events_after(client, user, folder)
    assert [(e["command"], e["uid"]) for e in events if e["command"] == "EXPUNGE"] == [("EXPUNGE", 1), ("EXPUNGE", 3)]
    assert [(e["mailbox"], e["uid"]) for e in events if e["command"] == "EXISTS"] == [(folder, 1), (folder, 2)]
    counters = {e["mailbox"]: (e["total"], e["unseen"]) for e in events if e["command"] == "COUNTERS"}
    assert counters == {inbox: (1, 1), folder: (2, 2)}


def test_delete_archives_the_matches_and_searches_trash_unless_searchable(client: httpx.Client, mailbox_owner: dict[str, str]) -> None:
    user, inbox, trash = mailbox_owner["user"], mailbox_owner["inbox"], mailbox_owner["trash"]
    client.put(f"/users/{user}/mailboxes/{inbox}/messages/1", json={"moveTo": trash})
    used_before = client.get(f"/users/{user}").json()["limits"]["quota"]["used"]

    assert _apply(client, user, {"subject": "invoice", "searchable": True, "action": {"delete": True}}).status_code == 200
    assert list(_listing(client, user, inbox)) == ["Lunch?"]
    assert list(_listing(client, user, trash)) == ["Invoice 1"], "searchable leaves Trash and Junk out"

    assert _apply(client, user, {"subject": "invoice", "action": {"delete": True}}).status_code == 200
    assert _listing(client, user, trash) == {}
    archived = client.get(f"/users/{user}/archived/messages").json()["results"]
    assert sorted(a["subject"] for a in archived) == ["Invoice 1", "Invoice 2"]
    assert client.get(f"/users/{user}").json()["limits"]["quota"]["used"] < used_before


def test_criteria_read_as_the_real_task_reads_them(client: httpx.Client, mailbox_owner: dict[str, str]) -> None:
    user, inbox = mailbox_owner["user"], mailbox_owner["inbox"]
    _apply(client, user, {"datestart": "2000-01-01T00:00:00Z", "dateend": "2001-01-01T00:00:00Z", "action": {"seen": True}})
    _apply(client, user, {"minSize": 1, "maxSize": 10, "action": {"seen": True}})
    assert not any(m["seen"] for m in _listing(client, user, inbox).values()), "arrived later, and larger"
    _apply(client, user, {"mailbox": inbox, "id": "2:*", "flagged": False, "action": {"flagged": True}})
    assert [s for s, m in _listing(client, user, inbox).items() if m["flagged"]] == ["Invoice 2", "Lunch?"], "false narrows nothing"
    _apply(client, user, {"or": {"subject": "lunch", "query": "no-such-word"}, "mailbox": "", "action": {"seen": True}})
    assert [s for s, m in _listing(client, user, inbox).items() if m["seen"]] == ["Lunch?"]


def test_malformed_requests_are_400s_as_on_the_real_server(client: httpx.Client, mailbox_owner: dict[str, str]) -> None:
    user = mailbox_owner["user"]
    missing = _apply(client, user, {"subject": "invoice"})
    assert missing.status_code == 400
    assert missing.json() == {"error": '"action" is required', "code": "InputValidationError", "details": {"action": '"action" is required'}}
    both = _apply(client, user, {"action": {"delete": True, "seen": True, "moveTo": mailbox_owner["trash"]}})
    assert (both.status_code, both.json()["code"], list(both.json()["details"])) == (400, "InputValidationError", ["action"])
    assert _apply(client, user, {"action": {"delete": False, "seen": True}}).status_code == 200
    assert _apply(client, user, {"action": {"seen": "maybe"}}).status_code == 400
    assert _apply(client, user, {"q": "from:someone", "action": {"delete": True}}).status_code == 400, "q is not served"
    assert len(_listing(client, user, mailbox_owner["inbox"])) == 3


def test_unknown_user_or_target_mailbox_is_404_and_changes_nothing(client: httpx.Client, mailbox_owner: dict[str, str]) -> None:
    user, inbox = mailbox_owner["user"], mailbox_owner["inbox"]
    nobody = _apply(client, "0" * 24, {"action": {"seen": True}})
    assert (nobody.status_code, nobody.json()["code"]) == (404, "UserNotFound")
    nowhere = _apply(client, user, {"action": {"moveTo": "0" * 24, "seen": True}})
    assert (nowhere.status_code, nowhere.json()["code"]) == (404, "NoSuchMailbox")
    assert not any(m["seen"] for m in _listing(client, user, inbox).values())
