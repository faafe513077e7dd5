"""Upload, submit and storage rules a client notices: raw sources kept byte for byte, the
From a user may use, scheduled sending on the namespace clock and its cancelling, drafts only,
and stored files with the real defaults."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

RAW = (b"From: Someone <someone@example.org>\r\nTo: x@example.org\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
       b"Message-ID: <raw-1@example.org>\r\n\r\nHello \xc3\xa4 raw\r\n")


@pytest.fixture
def user(client: httpx.Client) -> dict[str, Any]:
    found = client.get("/_mock/fixtures/wildduck").json()["users"][1]
    boxes = client.get(f"/users/{found['id']}/mailboxes").json()["results"]
    return {**found, **{(m["specialUse"] or m["path"]): m["id"] for m in boxes}}


def test_a_raw_upload_is_stored_byte_for_byte_and_parsed_like_mail(client: httpx.Client, user: dict[str, Any]) -> None:
    before = client.get(f"/users/{user['id']}").json()["limits"]["quota"]["used"]
    stored = client.post(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages", content=RAW,
                         headers={"Content-Type": "message/rfc822"})
    assert stored.status_code == 200, stored.text
    uid, size = stored.json()["message"]["id"], stored.json()["message"]["size"]
    assert size == len(RAW)
    source = client.get(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages/{uid}/message.eml")
    assert source.content == RAW
    details = client.get(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages/{uid}").json()
    assert (details["subject"], details["from"]["address"], details["seen"]) == ("Grüße", "someone@example.org", True)
    assert client.get(f"/users/{user['id']}").json()["limits"]["quota"]["used"] == before + len(RAW)
    found = client.get(f"/users/{user['id']}/search", params={"query": "Grüße"}).json()["results"]
    assert [m["id"] for m in found] == [uid]


def test_a_json_raw_field_and_unseen_as_text_are_read_like_the_real_server(client: httpx.Client, user: dict[str, Any]) -> None:
    stored = client.post(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages",
                         json={"raw": "Subject: plain\r\n\r\nbody\r\n", "unseen": "yes"})
    uid = stored.json()["message"]["id"]
    details = client.get(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages/{uid}").json()
    assert (details["subject"], details["seen"]) == ("plain", False)


def test_a_draft_from_a_foreign_address_is_sent_from_the_main_one(client: httpx.Client, user: dict[str, Any]) -> None:
    drafts = user["\\Drafts"]
    stored = client.post(f"/users/{user['id']}/mailboxes/{drafts}/messages", json={
        "from": {"name": "Me", "address": "ceo@elsewhere.example"}, "to": [{"address": "a@example.org"}],
        "subject": "Spoof?", "draft": True})
    details = client.get(f"/users/{user['id']}/mailboxes/{stored.json()['message']['mailbox']}/messages/"
                         f"{stored.json()['message']['id']}").json()
    assert details["from"] == {"name": "Me", "address": user["address"]}


def test_addresses_beyond_ascii_and_lone_surrogates_are_sent_as_nodemailer_writes_them(
        client: httpx.Client, user: dict[str, Any]) -> None:
    """A main address with a non-ASCII local part (the real server accepts one) was a 500 on
    every submission from it, as was a lone surrogate in a name or subject: the local part
    goes out raw (UTF-8), the domain in punycode, a lone surrogate as U+FFFD."""
    main = client.post(f"/users/{user['id']}/addresses", json={"address": "jõgi@example.com", "main": True})
    assert main.status_code == 200, main.text
    sent = client.post(f"/users/{user['id']}/submit", headers={"Content-Type": "application/json"},
                       content=b'{"to": [{"name": "Bo\\ud800", "address": "mets@j\\u00f5geva.ee"}], "subject": "S\\udc00"}')
    assert sent.status_code == 200, sent.text
    message = f"/users/{user['id']}/mailboxes/{sent.json()['message']['mailbox']}/messages/{sent.json()['message']['id']}"
    head = client.get(f"{message}/message.eml").content.split(b"\r\n\r\n")[0].decode("utf-8")
    assert "jõgi@example.com" in head and "mets@xn--jgeva-dua.ee" in head
    details = client.get(message).json()
    assert (details["from"]["address"], details["subject"]) == ("jõgi@example.com", "S\ufffd")
    assert details["to"] == [{"name": "Bo\ufffd", "address": "mets@xn--jgeva-dua.ee"}]


def test_a_scheduled_message_waits_for_the_clock_and_can_be_cancelled(client: httpx.Client, user: dict[str, Any]) -> None:
    client.put("/_mock/clock", json={"now": "2030-01-01T10:00:00Z"})
    later = client.post(f"/users/{user['id']}/submit", json={
        "to": [{"address": "later@example.org"}], "subject": "Later", "text": "x", "sendTime": "2030-01-01T12:00:00Z"})
    cancelled = client.post(f"/users/{user['id']}/submit", json={
        "to": [{"address": "never@example.org"}], "subject": "Never", "text": "x", "sendTime": "2030-01-01T12:00:00Z"})
    queue_id = cancelled.json()["message"]["queueId"]
    assert client.delete(f"/users/{user['id']}/outbound/{queue_id}").json() == {"success": True, "queueId": queue_id, "deleted": 1}
    assert client.delete(f"/users/{user['id']}/outbound/{queue_id}").json() == {"success": False, "code": "NoSuchQueueEntry"}

    def outbox_subjects() -> list[str]:
        return [m["subject"] for m in client.get("/_mock/outbox").json()["messages"]]

    assert "Later" not in outbox_subjects()
    client.put("/_mock/clock", json={"advanceSeconds": 3 * 3600})
    client.get(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages")  # any later mail request releases it
    assert "Later" in outbox_subjects() and "Never" not in outbox_subjects()
    assert later.json()["message"]["queueId"] not in {queue_id}


def test_only_drafts_can_be_submitted(client: httpx.Client, user: dict[str, Any]) -> None:
    first = client.get(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages").json()["results"][0]["id"]
    answer = client.post(f"/users/{user['id']}/mailboxes/{user['INBOX']}/messages/{first}/submit", json={})
    assert answer.status_code == 400 and answer.json() == {"error": "This message is not a draft", "code": "MessageNotDraft"}


def test_the_daily_recipient_limit_refuses_a_submission(client: httpx.Client, user: dict[str, Any]) -> None:
    assert client.put(f"/users/{user['id']}", json={"recipients": 2}).status_code == 200
    first = client.post(f"/users/{user['id']}/submit", json={"to": [{"address": "a@example.org"}, {"address": "b@example.org"}], "text": "x"})
    assert first.status_code == 200
    refused = client.post(f"/users/{user['id']}/submit", json={"to": [{"address": "c@example.org"}], "text": "x"})
    assert refused.status_code == 403 and refused.json()["code"] == "RateLimitedError"
    assert refused.json()["error"].startswith("You reached a daily sending limit for your account. Limit expires in")


def test_stored_files_get_the_real_names_types_and_listing(client: httpx.Client, user: dict[str, Any]) -> None:
    base = f"/users/{user['id']}/storage"
    named = client.post(base, json={"filename": "notes.txt", "content": "aGVs bG8=", "encoding": "base64"}).json()["id"]
    typed = client.post(base, json={"contentType": "image/png", "content": "abc", "cid": "logo"}).json()["id"]
    bare = client.post(base, json={"content": "plain"}).json()["id"]
    listing = client.get(base).json()
    today = client.get("/_mock/clock").json()["now"][:10]
    assert sorted((f["filename"], f["contentType"], f["size"]) for f in listing["results"]) == [
        ("notes.txt", "text/plain", 5), (f"upload-{today}.bin", "application/octet-stream", 5),
        (f"upload-{today}.png", "image/png", 3)]
    assert [f["id"] for f in listing["results"]][0] == named and {typed, bare} == {f["id"] for f in listing["results"][1:]}
    assert next(f for f in listing["results"] if f["id"] == typed)["cid"] == "logo"
    fetched = client.get(f"{base}/{named}")
    assert fetched.content == b"hello" and fetched.headers["content-type"].startswith("text/plain")
    assert client.get(base, params={"query": "notes"}).json()["query"] == "notes"
    assert client.post(base, json={"content": "x", "encoding": "hex"}).status_code == 400
    assert client.delete(f"{base}/{named}").json() == {"success": True}
    missing = client.get(f"{base}/{named}")
    assert missing.status_code == 404 and missing.json()["code"] == "FileNotFound"
