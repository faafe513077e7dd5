"""Mailbox requests as a real WildDuck client sends them, answered as the real 1.46.1 server
does: slashes, per-level limits, no parents made, ``resolve``, ``encryptMessages``, the real
error codes and texts; ``order`` on search."""

from __future__ import annotations

import httpx


def _user(client: httpx.Client, name: str) -> tuple[str, dict[str, str]]:
    user = client.post("/users", json={"username": name, "password": "secret-pass-1"}).json()["id"]
    boxes = {m["path"]: m["id"] for m in client.get(f"/users/{user}/mailboxes").json()["results"]}
    return user, boxes


def test_a_client_creates_and_resolves_mailboxes_as_on_the_real_server(client: httpx.Client) -> None:
    user, _ = _user(client, "rules.ann")
    made = client.post(f"/users/{user}/mailboxes", json={"path": "/path/for/put", "encryptMessages": True})
    assert made.status_code == 200
    resolved = client.get(f"/users/{user}/mailboxes/resolve", params={"path": "path/for/put"}).json()
    assert (resolved["id"], resolved["name"], resolved["encryptMessages"]) == (made.json()["id"], "put", True)
    paths = [m["path"] for m in client.get(f"/users/{user}/mailboxes").json()["results"]]
    assert "path/for/put" in paths and "path" not in paths and "path/for" not in paths
    for missing in ({"path": "nope"}, {}):
        answer = client.get(f"/users/{user}/mailboxes/resolve", params=missing)
        assert (answer.status_code, answer.json()) == (404, {"error": "This mailbox does not exist", "code": "NoSuchMailbox"})
    taken = client.post(f"/users/{user}/mailboxes", json={"path": "INBOX"})
    assert (taken.status_code, taken.json()) == (400, {"error": "Mailbox creation failed with code MailboxAlreadyExists",
                                                       "code": "MailboxExistsError"})
    for bad in ("trail/", "a//b"):
        assert client.post(f"/users/{user}/mailboxes", json={"path": bad}).json()["code"] == "InputValidationError"
    deep = client.post(f"/users/{user}/mailboxes", json={"path": "/".join(["x"] * 129)})
    assert (deep.status_code, deep.json()["code"]) == (400, "DisallowedMailboxMethod")
    long_levels = client.post(f"/users/{user}/mailboxes", json={"path": "/".join(["y" * 512] * 3)})
    assert long_levels.status_code == 200, "1538 characters in all is fine: the limit is per level"


def test_updates_and_deletes_answer_the_real_codes_and_texts(client: httpx.Client) -> None:
    user, boxes = _user(client, "rules.bob")
    unknown = "a" * 24
    for method, text in (("PUT", "Mailbox update failed with code NoSuchMailbox"),
                         ("DELETE", "Mailbox deletion failed with code NoSuchMailbox")):
        answer = client.request(method, f"/users/{user}/mailboxes/{unknown}", json={"subscribed": False} if method == "PUT" else None)
        assert (answer.status_code, answer.json()) == (404, {"error": text, "code": "NoSuchMailbox"})
    for protected in ("INBOX", "Trash"):
        answer = client.delete(f"/users/{user}/mailboxes/{boxes[protected]}")
        assert (answer.status_code, answer.json()) == (400, {"error": "Mailbox deletion failed with code DisallowedMailboxMethod",
                                                             "code": "DisallowedMailboxMethod"})
    renamed_inbox = client.put(f"/users/{user}/mailboxes/{boxes['INBOX']}", json={"path": "Other"})
    assert (renamed_inbox.status_code, renamed_inbox.json()["code"]) == (400, "DisallowedMailboxMethod")
    assert client.put(f"/users/{user}/mailboxes/{boxes['Trash']}", json={"path": "Bin"}).json() == {"success": True}
    clash = client.put(f"/users/{user}/mailboxes/{boxes['Drafts']}", json={"path": "Bin"})
    assert (clash.status_code, clash.json()) == (400, {"error": "Mailbox rename failed with code MailboxAlreadyExists",
                                                       "code": "MailboxExistsError"})
    assert client.put(f"/users/{user}/mailboxes/{boxes['Drafts']}", json={"encryptMessages": True}).json() == {"success": True}
    assert client.get(f"/users/{user}/mailboxes/{boxes['Drafts']}").json()["encryptMessages"] is True


def test_search_takes_order_and_listings_refuse_a_false_cursor(client: httpx.Client) -> None:
    user, boxes = _user(client, "rules.cy")
    address = client.get(f"/users/{user}").json()["address"]
    for n in (1, 2, 3):
        client.post("/_mock/inbound", json={"to": [address], "raw": f"From: a@example.org\r\nSubject: s{n}\r\n\r\nx\r\n"})
    ascending = client.get(f"/users/{user}/search", params={"order": "asc"}).json()["results"]
    assert [m["subject"] for m in ascending] == ["s1", "s2", "s3"]
    assert [m["subject"] for m in client.get(f"/users/{user}/search", params={"order": "desc"}).json()["results"]] == ["s3", "s2", "s1"]
    assert client.get(f"/users/{user}/search", params={"order": "sideways"}).status_code == 200, "Joi.any(): any order"
    refused = client.get(f"/users/{user}/mailboxes/{boxes['INBOX']}/messages", params={"next": "false"})
    assert refused.status_code == 400, "the real server refuses next=false too"
