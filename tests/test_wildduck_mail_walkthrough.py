"""A webmail session against the live mock: mailboxes with counters, paging a seeded INBOX,
a message with its source and attachment, flags over a range, a move, a delete and a restore
from the archive, all while an update stream receives each change; then a delivery that a
filter files away and that triggers the autoreply."""

from __future__ import annotations

import email
import json
import queue
import threading
from email import policy
from typing import Any, Iterator

import httpx
import pytest

from mock_server.world import World


class UpdateStream:
    """Reads ``/users/{user}/updates`` in a thread; events arrive on a queue."""

    def __init__(self, base_url: str, namespace: str, user_id: str) -> None:
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.headers: dict[str, str] = {}
        self.opened = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(base_url, namespace, user_id), daemon=True)
        self._thread.start()
        assert self.opened.wait(10), "the update stream did not open"

    def _read(self, base_url: str, namespace: str, user_id: str) -> None:
        with httpx.Client(base_url=base_url, headers={"X-Mock-Namespace": namespace}, timeout=30) as http:
            with http.stream("GET", f"/users/{user_id}/updates", params={"idleTimeout": 20}) as response:
                self.headers = dict(response.headers)
                lines = response.iter_lines()
                self.first_line = next(lines)
                self.opened.set()
                data: list[str] = []
                for line in lines:
                    if self._stop.is_set():
                        return
                    if line.startswith("data: "):
                        data.append(line[6:])
                    elif line.startswith("id: "):
                        self.events.put({**json.loads("\n".join(data)), "_id": line[4:]})
                        data = []

    def until(self, command: str, **fields: Any) -> dict[str, Any]:
        """The next event with this command (and these fields), skipping others."""
        while True:
            event = self.events.get(timeout=10)
            if event["command"] == command and all(event.get(k) == v for k, v in fields.items()):
                return event

    def close(self) -> None:
        self._stop.set()


@pytest.fixture
def seeded_user(client: httpx.Client) -> dict[str, Any]:
    return client.get("/_mock/fixtures/wildduck").json()["users"][1]


@pytest.fixture
def updates(server, namespace: str, seeded_user: dict[str, Any]) -> Iterator[UpdateStream]:
    stream = UpdateStream(server.url, namespace, seeded_user["id"])
    yield stream
    stream.close()


def test_a_webmail_session_sees_its_changes_on_the_update_stream(
    client: httpx.Client, seeded_user: dict[str, Any], updates: UpdateStream, world: World
) -> None:
    user = seeded_user["id"]
    assert updates.first_line.startswith(":") and updates.headers["x-accel-buffering"] == "no"
    assert updates.headers["content-type"].startswith("text/event-stream")

    boxes = client.get(f"/users/{user}/mailboxes", params={"counters": "true"}).json()["results"]
    inbox = boxes[0]
    assert inbox["path"] == "INBOX" and inbox["total"] > 2 and 0 <= inbox["unseen"] <= inbox["total"]
    assert {b["specialUse"] for b in boxes} >= {"\\Sent", "\\Trash", "\\Drafts", "\\Junk"}

    # page through the INBOX, two at a time, newest first
    seen_uids: list[int] = []
    params: dict[str, Any] = {"limit": 2}
    for _ in range(100):
        page = client.get(f"/users/{user}/mailboxes/{inbox['id']}/messages", params=params).json()
        seen_uids += [m["id"] for m in page["results"]]
        if not page["nextCursor"]:
            break
        params = {"limit": 2, "next": page["nextCursor"], "page": page["page"] + 1}
    assert seen_uids == sorted(seen_uids, reverse=True) and len(seen_uids) == inbox["total"]

    # open a message, its source, and an attachment
    listing = client.get(f"/users/{user}/mailboxes/{inbox['id']}/messages", params={"limit": 250}).json()["results"]
    with_attachment = next(m for m in listing if m["attachments"])
    base = f"/users/{user}/mailboxes/{inbox['id']}/messages/{with_attachment['id']}"
    details = client.get(base).json()
    source = client.get(f"{base}/message.eml")
    assert source.headers["content-type"].startswith("message/rfc822")
    parsed = email.message_from_bytes(source.content, policy=policy.default)
    assert str(parsed["Subject"]) == details["subject"] and len(source.content) == details["size"]
    assert details["html"] and details["intro"] == with_attachment["intro"]
    attachment = details["attachments"][0]
    download = client.get(f"{base}/attachments/{attachment['id']}")
    assert download.headers["content-type"] == attachment["contentType"]
    assert download.content[:4] in (b"\x89PNG", b"%PDF")

    # flag a range
    low, high = min(seen_uids), max(seen_uids)
    flagged = client.put(f"/users/{user}/mailboxes/{inbox['id']}/messages/{low}:{high}", json={"flagged": True}).json()
    assert flagged == {"success": True, "updated": len(seen_uids)}
    assert updates.until("FETCH", uid=low)["flags"].count("\\Flagged") == 1
    assert len(client.get(f"/users/{user}/flagged", params={"limit": 250}).json()["results"]) >= len(seen_uids)

    # move one into a new folder: it gets a new UID there
    folder = client.post(f"/users/{user}/mailboxes", json={"path": "Projects/Ääretön"}).json()["id"]
    assert updates.until("CREATE", mailbox=folder)["path"] == "Projects/Ääretön"
    moved = client.put(f"/users/{user}/mailboxes/{inbox['id']}/messages/{high}", json={"moveTo": folder}).json()
    assert moved == {"success": True, "mailbox": folder, "id": [[high, 1]]}
    assert updates.until("EXPUNGE", uid=high)["mailbox"] == inbox["id"]
    assert updates.until("EXISTS", mailbox=folder)["uid"] == 1

    # delete it: it goes to the archive and stops counting for the quota; restore it
    used_before = client.get(f"/users/{user}").json()["limits"]["quota"]["used"]
    assert client.delete(f"/users/{user}/mailboxes/{folder}/messages/1").json() == {"success": True}
    updates.until("EXPUNGE", mailbox=folder, uid=1)
    archived = client.get(f"/users/{user}/archived/messages").json()["results"]
    assert [a["subject"] for a in archived] == [next(m["subject"] for m in listing if m["id"] == high)]
    used_after = client.get(f"/users/{user}").json()["limits"]["quota"]["used"]
    assert used_after < used_before
    restored = client.post(f"/users/{user}/archived/messages/{archived[0]['id']}/restore", json={}).json()
    assert restored["mailbox"] == folder and restored["id"] == 2
    assert updates.until("EXISTS", mailbox=folder)["uid"] == 2
    assert client.post(f"/users/{user}/quota/reset", json={}).json()["storageUsed"] == used_before


def test_a_delivery_is_filed_by_a_filter_and_answered_by_the_autoreply(
    client: httpx.Client, seeded_user: dict[str, Any], updates: UpdateStream
) -> None:
    user, address = seeded_user["id"], seeded_user["address"]
    folder = client.post(f"/users/{user}/mailboxes", json={"path": "Invoices"}).json()["id"]
    client.post(f"/users/{user}/filters", json={"query": {"subject": "invoice"}, "action": {"mailbox": folder, "flag": True}})
    client.put(f"/users/{user}/autoreply", json={"status": True, "subject": "Away", "text": "Back on Monday"})
    sent = client.post("/_mock/inbound", json={"to": [address], "from": "billing@shop.example", "subject": "Invoice 42", "text": "Due soon"})
    assert sent.json()["delivered"] == [address]
    event = updates.until("EXISTS", mailbox=folder)
    message = client.get(f"/users/{user}/mailboxes/{folder}/messages/{event['uid']}").json()
    assert message["subject"] == "Invoice 42" and message["flagged"] and not message["seen"]
    replies = client.get("/_mock/outbox", params={"api": "wildduck", "to": "billing@shop.example"}).json()["messages"]
    assert [r["subject"] for r in replies] == ["Away"]
    again = client.post("/_mock/inbound", json={"to": [address], "from": "billing@shop.example", "subject": "Invoice 43", "text": "Due"})
    assert again.json()["delivered"] == [address]
    replies = client.get("/_mock/outbox", params={"api": "wildduck", "to": "billing@shop.example"}).json()["messages"]
    assert len(replies) == 1, "one autoreply per sender per day"


def test_the_namespace_exports_and_imports_exactly_after_a_session(
    client: httpx.Client, seeded_user: dict[str, Any], world: World
) -> None:
    user = seeded_user["id"]
    inbox = client.get(f"/users/{user}/mailboxes").json()["results"][0]["id"]
    client.put(f"/users/{user}/mailboxes/{inbox}/messages/1:2", json={"seen": True})
    client.delete(f"/users/{user}/mailboxes/{inbox}/messages/1")
    client.post(f"/users/{user}/filters", json={"query": {"from": "abc"}, "action": {"seen": True}})
    exported = world.export()
    assert World.restore(exported, world.settings).export() == exported
