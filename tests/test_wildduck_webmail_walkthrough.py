"""What a webmail does between two seeded users: list the inbox, open a message, save a draft
by upload with a stored file attached, send it to a local user and an external address,
find it in the recipient's inbox, the sender's Sent folder and the outbox, then reply (the
original gets ``\\Answered``, the reply its threading headers), then move a selection to
Trash with one bulk call and empty Trash with another, while the sender's update stream
shows each change."""

from __future__ import annotations

import base64
import email
from email import policy
from typing import Any, Iterator

import httpx
import pytest

from tests.test_wildduck_mail_walkthrough import UpdateStream


def _mailboxes(client: httpx.Client, user_id: str) -> dict[str, str]:
    """Special use (INBOX for the inbox) -> mailbox id."""
    results = client.get(f"/users/{user_id}/mailboxes").json()["results"]
    return {m["specialUse"] or m["path"]: m["id"] for m in results}


@pytest.fixture
def people(client: httpx.Client) -> tuple[dict[str, Any], dict[str, Any]]:
    users = client.get("/_mock/fixtures/wildduck").json()["users"]
    return users[1], users[2]


@pytest.fixture
def sender_updates(server, namespace: str, people) -> Iterator[UpdateStream]:
    stream = UpdateStream(server.url, namespace, people[0]["id"])
    yield stream
    stream.close()


def test_a_draft_with_a_stored_file_is_sent_found_everywhere_and_answered(
    client: httpx.Client, people, sender_updates: UpdateStream
) -> None:
    alice, bob = people
    alice_boxes, bob_boxes = _mailboxes(client, alice["id"]), _mailboxes(client, bob["id"])
    drafts, sent_box = alice_boxes["\\Drafts"], alice_boxes["\\Sent"]

    inbox = client.get(f"/users/{alice['id']}/mailboxes/{alice_boxes['INBOX']}/messages").json()
    opened = client.get(f"/users/{alice['id']}/mailboxes/{alice_boxes['INBOX']}/messages/{inbox['results'][0]['id']}")
    assert opened.status_code == 200 and opened.json()["subject"] == inbox["results"][0]["subject"]

    report = b"%PDF-1.4 quarterly numbers"
    stored = client.post(f"/users/{alice['id']}/storage", json={
        "filename": "report.pdf", "content": base64.b64encode(report).decode(), "encoding": "base64"})
    assert stored.status_code == 200
    file_id = stored.json()["id"]

    draft = client.post(f"/users/{alice['id']}/mailboxes/{drafts}/messages", json={
        "to": [{"name": "Bob", "address": bob["address"]}, {"address": "partner@example.org"}],
        "subject": "Quarterly report", "text": "Numbers attached.", "files": [file_id], "draft": True})
    assert draft.status_code == 200, draft.text
    draft_uid = draft.json()["message"]["id"]
    assert sender_updates.until("EXISTS", mailbox=alice_boxes["\\Drafts"])["uid"] == draft_uid
    listed = client.get(f"/users/{alice['id']}/mailboxes/{drafts}/messages").json()["results"][0]
    assert (listed["subject"], listed["draft"], listed["attachments"]) == ("Quarterly report", True, True)
    attachment = client.get(f"/users/{alice['id']}/mailboxes/{drafts}/messages/{draft_uid}/attachments/ATT00001")
    assert attachment.content == report and attachment.headers["content-type"] == "application/pdf"

    sent = client.post(f"/users/{alice['id']}/mailboxes/{drafts}/messages/{draft_uid}/submit",
                       json={"deleteFiles": True})
    assert sent.status_code == 200, sent.text
    answer = sent.json()
    assert answer["message"]["mailbox"] == alice_boxes["\\Sent"] and len(answer["queueId"]) == 18
    assert sender_updates.until("EXPUNGE", mailbox=alice_boxes["\\Drafts"])["uid"] == draft_uid
    assert sender_updates.until("EXISTS", mailbox=alice_boxes["\\Sent"])["uid"] == answer["message"]["id"]
    assert client.get(f"/users/{alice['id']}/storage").json()["results"] == []

    in_sent = client.get(f"/users/{alice['id']}/mailboxes/{sent_box}/messages/{answer['message']['id']}").json()
    assert (in_sent["subject"], in_sent["draft"], in_sent["seen"]) == ("Quarterly report", False, True)
    mine = [m for m in client.get("/_mock/outbox").json()["messages"] if m["subject"] == "Quarterly report"]
    assert len(mine) == 1 and mine[0]["from"].endswith(f"<{alice['address']}>")
    assert {"Bob <" + bob["address"] + ">", "partner@example.org"} == set(mine[0]["to"])
    received = client.get(f"/users/{bob['id']}/mailboxes/{bob_boxes['INBOX']}/messages").json()["results"][0]
    assert (received["subject"], received["from"]["address"], received["attachments"]) == (
        "Quarterly report", alice["address"], True)

    reply = client.post(f"/users/{bob['id']}/submit", json={
        "reference": {"mailbox": bob_boxes["INBOX"], "id": received["id"], "action": "reply"},
        "text": "Thanks, looks good."})
    assert reply.status_code == 200, reply.text
    original = client.get(f"/users/{bob['id']}/mailboxes/{bob_boxes['INBOX']}/messages/{received['id']}").json()
    assert original["answered"] is True and original["forwarded"] is False

    arrived = sender_updates.until("EXISTS", mailbox=alice_boxes["INBOX"])
    source = client.get(f"/users/{alice['id']}/mailboxes/{alice_boxes['INBOX']}/messages/{arrived['uid']}/message.eml")
    parsed = email.message_from_bytes(source.content, policy=policy.default)
    assert parsed["Subject"] == "Re: Quarterly report"
    assert parsed["In-Reply-To"] == in_sent["messageId"] and parsed["References"] == in_sent["messageId"]

    answer_draft = client.post(f"/users/{alice['id']}/mailboxes/{drafts}/messages", json={
        "reference": {"mailbox": alice_boxes["INBOX"], "id": arrived["uid"], "action": "reply"}, "text": "Great."})
    assert answer_draft.status_code == 200
    client.post(f"/users/{alice['id']}/mailboxes/{drafts}/messages/{answer_draft.json()['message']['id']}/submit")
    flagged = sender_updates.until("FETCH", mailbox=alice_boxes["INBOX"], uid=arrived["uid"])
    assert "\\Answered" in flagged["flags"]
    thread = client.get(f"/users/{bob['id']}/mailboxes/{bob_boxes['INBOX']}/messages").json()["results"][0]
    assert thread["subject"] == "Re: Quarterly report" and thread["from"]["address"] == alice["address"]

    inbox_uids = [m["id"] for m in client.get(f"/users/{alice['id']}/mailboxes/{alice_boxes['INBOX']}/messages",
                                              params={"order": "asc"}).json()["results"]]
    selection = ",".join(str(uid) for uid in inbox_uids[-2:])
    trash = alice_boxes["\\Trash"]
    moved = client.put(f"/users/{alice['id']}/mailboxes/{alice_boxes['INBOX']}/messages",
                       json={"message": selection, "moveTo": trash})
    assert moved.status_code == 200, moved.text
    pairs = moved.json()["id"]
    assert moved.json()["mailbox"] == trash and [old for old, _ in pairs] == inbox_uids[-2:]
    for old, new in pairs:
        assert sender_updates.until("EXPUNGE", mailbox=alice_boxes["INBOX"])["uid"] == old
        assert sender_updates.until("EXISTS", mailbox=trash)["uid"] == new
    in_trash = client.get(f"/users/{alice['id']}/mailboxes/{trash}").json()["total"]
    assert in_trash >= len(pairs)
    emptied = client.delete(f"/users/{alice['id']}/mailboxes/{trash}/messages")
    assert emptied.json() == {"success": True, "deleted": in_trash, "errors": 0}
    for _, new in sorted(pairs, reverse=True):
        assert sender_updates.until("EXPUNGE", mailbox=trash)["uid"] == new
    assert sender_updates.until("COUNTERS", mailbox=trash, total=0)["unseen"] == 0
    assert client.get(f"/users/{alice['id']}/mailboxes/{trash}/messages").json()["results"] == []
